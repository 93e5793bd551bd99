import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { rules as registry } from '../../functions/rules/index';
import packageJson from '../../package.json';
import { awsFromOptions } from '../aws-options';
import { ExitCode } from '../errors';
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
import type { ScanReport } from '../scan-types';
import { sendToSecurityHub } from '../security-hub';

export const usage = `Usage: glue-guardrails scan [options]

Evaluates every registered rule (or --rules) against an account without deploying anything.
Exit code: 0 nothing non-compliant, 1 something non-compliant, 2 error (anything that could not
be evaluated, or a finding Security Hub did not accept).

Options:
  --rules a,b         only these rule ids
  --param R.N=V       rule parameter N of rule R (repeatable), e.g. glue-job-security-configuration-encrypted.allowSseS3=true
${SCAN_OUTPUT_USAGE}
${AWS_USAGE}`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parse({
    args: argv,
    options: {
      ...AWS_OPTIONS,
      rules: { type: 'string' },
      param: { type: 'string', multiple: true },
      ...SCAN_OUTPUT_OPTIONS,
    },
    strict: true,
    allowPositionals: false,
  });
  const output = parseScanOutputOptions(values);
  if (output.outputDir !== undefined) checkOutputDir(output.outputDir);
  const rules = selectRules(values.rules as string | undefined, registry);
  const parameters = ruleParams(values.param as string[] | undefined);
  checkRuleParams(rules, parameters);
  const aws = await awsFromOptions(values as { region?: string; endpoint?: string; profile?: string });

  // The producer: today one account-region (scanAccount), adapted to the ScanReport every output
  // consumes. A scanner that returns a ScanReport replaces these lines.
  const startedAt = new Date().toISOString();
  const caller = await aws.client(STSClient).send(new GetCallerIdentityCommand({}));
  const result = await scanAccount(aws, {
    rules,
    parameters,
    ...(caller.Account ? { accountId: caller.Account } : {}),
  });
  const report: ScanReport = toScanReport(result, {
    tool: { name: packageJson.name, version: packageJson.version },
    startedAt,
    finishedAt: new Date().toISOString(),
    caller: { account: caller.Account ?? result.accountId, arn: caller.Arn ?? '' },
    source: 'scan',
    rules: rules.map((r) => r.id),
    parameters,
  });

  console.log(render(output.format, report, output.filter));
  if (output.outputDir !== undefined)
    for (const path of writeOutputDir(output.outputDir, report, output.filter))
      console.error(`wrote ${path}`);
  let hubFailed = false;
  if (output.toSecurityHub) {
    const hub = await sendToSecurityHub(report, { clientFor: () => aws.client(SecurityHubClient) });
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
