import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ruleCatalog } from '../../functions/rules/catalog';
import { rules as registry } from '../../functions/rules/index';
import { type AwsContext, createAwsContext } from '../../functions/runtime/aws';
import packageJson from '../../package.json';
import { awsFromOptions } from '../aws-options';
import { ExitCode, UsageError } from '../errors';
import { AWS_OPTIONS, AWS_USAGE, checkRuleParams, parse, ruleParams, selectRules } from '../options';
import {
  checkOutputDir,
  parseScanOutputOptions,
  render,
  SCAN_OUTPUT_OPTIONS,
  SCAN_OUTPUT_USAGE,
  writeOutputDir,
} from '../output/options';
import { toScanReport } from '../output/report';
import { scanAccount } from '../scan-account';
import { scanAggregator } from '../scan-aggregator';
import type { ScanReport } from '../scan-types';
import { sendToSecurityHub } from '../security-hub';

export const usage = `Usage: glue-guardrails scan [options]

Evaluates every registered rule (or --rules) against an account without deploying anything.
Exit code: 0 nothing non-compliant, 1 something non-compliant, 2 error (anything that could not
be evaluated, or a finding Security Hub did not accept).

Options:
  --rules a,b         only these rule ids
  --param R.N=V       rule parameter N of rule R (repeatable), e.g. glue-job-security-configuration-encrypted.allowSseS3=true
  --aggregator NAME   read the deployed rules' results across the organization from this AWS Config
                      aggregator instead of scanning (no role assumed)
  --name-prefix P     with --aggregator: the deployment's namePrefix (default none)
${SCAN_OUTPUT_USAGE}
${AWS_USAGE}`;

type Values = Record<string, unknown>;

export async function run(argv: string[]): Promise<number> {
  const { values } = parse({
    args: argv,
    options: {
      ...AWS_OPTIONS,
      rules: { type: 'string' },
      param: { type: 'string', multiple: true },
      aggregator: { type: 'string' },
      'name-prefix': { type: 'string' },
      ...SCAN_OUTPUT_OPTIONS,
    },
    strict: true,
    allowPositionals: false,
  });
  const output = parseScanOutputOptions(values);
  if (output.outputDir !== undefined) checkOutputDir(output.outputDir);
  const report = values.aggregator !== undefined ? await aggregatorReport(values) : await scanReport(values);
  if (report === undefined) return ExitCode.ERROR;

  console.log(render(output.format, report, output.filter));
  if (output.outputDir !== undefined)
    for (const path of writeOutputDir(output.outputDir, report, output.filter))
      console.error(`wrote ${path}`);
  let hubFailed = false;
  if (output.toSecurityHub) {
    const aws = await awsFromOptions(values as { region?: string; endpoint?: string; profile?: string });
    const hub = await sendToSecurityHub(report, {
      clientFor: securityHubClients(aws, report.metadata.caller.account),
    });
    console.error(`Security Hub: ${hub.imported} finding(s) imported, ${hub.resolved} resolved`);
    for (const e of hub.errors)
      console.error(`ERROR Security Hub ${e.account} ${e.region}${e.id ? ` ${e.id}` : ''}: ${e.error}`);
    hubFailed = hub.errors.length > 0;
  }
  if (hubFailed || report.evaluations.some((e) => e.compliance === 'ERROR')) return ExitCode.ERROR;
  return report.evaluations.some((e) => e.compliance === 'NON_COMPLIANT')
    ? ExitCode.NON_COMPLIANT
    : ExitCode.OK;
}

/** One account-region scanned now (scanAccount), adapted to the ScanReport every output consumes. */
async function scanReport(values: Values): Promise<ScanReport> {
  const rules = selectRules(values.rules as string | undefined, registry);
  const parameters = ruleParams(values.param as string[] | undefined);
  checkRuleParams(rules, parameters);
  const aws = await awsFromOptions(values as { region?: string; endpoint?: string; profile?: string });
  const startedAt = new Date().toISOString();
  const caller = await aws.client(STSClient).send(new GetCallerIdentityCommand({}));
  const result = await scanAccount(aws, {
    rules,
    parameters,
    ...(caller.Account ? { accountId: caller.Account } : {}),
  });
  return toScanReport(result, {
    tool: { name: packageJson.name, version: packageJson.version },
    startedAt,
    finishedAt: new Date().toISOString(),
    caller: { account: caller.Account ?? result.accountId, arn: caller.Arn ?? '' },
    source: 'scan',
    rules: rules.map((r) => r.id),
    parameters,
  });
}

/** The deployed rules' results from a Config aggregator; undefined (after saying why) when it holds none. */
async function aggregatorReport(values: Values): Promise<ScanReport | undefined> {
  if (values.param !== undefined)
    throw new UsageError('--param does not apply to --aggregator (rules ran as deployed)');
  const aws = await awsFromOptions(values as { region?: string; endpoint?: string; profile?: string });
  const report = await scanAggregator(aws, {
    aggregator: values.aggregator as string,
    rules: selectRules(values.rules as string | undefined, ruleCatalog),
    namePrefix: (values['name-prefix'] as string | undefined) ?? '',
  });
  if (report.evaluations.length === 0) {
    // Nothing read is not a clean result: the rules may not be deployed or not aggregated yet.
    console.error(
      `No results of the suite's rules in aggregator ${values.aggregator} (rules not deployed, or not aggregated yet?)`,
    );
    return undefined;
  }
  return report;
}

/**
 * A Security Hub client per region. With the default product ARN, BatchImportFindings must be called
 * from the account a finding is about (its AwsAccountId), so findings of another account (from the
 * aggregator) are refused here by name rather than sent to fail.
 * https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_BatchImportFindings.html
 */
function securityHubClients(
  aws: AwsContext,
  callerAccount: string,
): (account: string, region: string) => SecurityHubClient {
  const byRegion = new Map<string, AwsContext>([[aws.config.region, aws]]);
  return (account, region) => {
    if (account !== callerAccount)
      throw new Error(
        `findings of account ${account} can only be imported from that account (BatchImportFindings with the default product); scan it with its own credentials`,
      );
    let ctx = byRegion.get(region);
    if (!ctx) {
      ctx = createAwsContext({ ...aws.config, region });
      byRegion.set(region, ctx);
    }
    return ctx.client(SecurityHubClient);
  };
}
