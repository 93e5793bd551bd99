import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { ruleCatalog } from '../../functions/rules/catalog';
import { rules as registry } from '../../functions/rules/index';
import type { AwsContext } from '../../functions/runtime/aws';
import { FRAMEWORK_IDS } from '../../functions/runtime/meta';
import { awsFromOptions } from '../aws-options';
import { errorHint } from '../error-hints';
import { ExitCode, UsageError } from '../errors';
import { readExemptionsFile } from '../exemptions-file';
import { parseFramework, rulesOfFramework, withFrameworkControls } from '../frameworks';
import { AWS_OPTIONS, AWS_USAGE, checkRuleParams, parse, ruleParams, selectRules } from '../options';
import {
  checkOutputDir,
  parseScanOutputOptions,
  render,
  SCAN_OUTPUT_OPTIONS,
  SCAN_OUTPUT_USAGE,
  type ScanOutputOptions,
  writeOutputDir,
} from '../output/options';
import { scanAggregator } from '../scan-aggregator';
import {
  type Credentials,
  DEFAULT_CONCURRENCY,
  reportExitCode,
  type ScanProgress,
  type ScopeOptions,
  scanScope,
  scopeContext,
} from '../scan-scope';
import type { ScanReport } from '../scan-types';
import { sendToSecurityHub } from '../security-hub';

export const usage = `Usage: glue-guardrails scan [options]

Evaluates every registered rule (or --rules) against one or more accounts and regions without
deploying anything, or reads the deployed rules' results from an AWS Config aggregator.
Exit code: 0 nothing non-compliant, 1 something non-compliant, 2 something could not be evaluated
(or a finding Security Hub did not accept).

Options:
  --rules a,b         only these rule ids
  --framework F       only the rules mapped to framework F (${FRAMEWORK_IDS.join(', ')});
                      the table groups them by control, JSON adds each evaluation's control ids
  --param R.N=V       rule parameter N of rule R (repeatable), e.g. glue-job-security-configuration-encrypted.allowSseS3=true
  --regions a,b|all   these regions, or every region enabled in each account (default: --region)
  --accounts a,b      these account ids, through --role-name (the caller's own account needs none)
  --organization      every ACTIVE account of the organization (management or delegated admin)
  --role-name R       role assumed in each account: arn:<partition>:iam::<account>:role/R
  --external-id X     external id for AssumeRole
  --concurrency N     account x region pairs scanned at once (default ${DEFAULT_CONCURRENCY})
  --aggregator NAME   read the deployed rules' results across the organization from this AWS Config
                      aggregator instead of scanning (no role assumed)
  --name-prefix P     with --aggregator: the deployment's namePrefix (default none)
  --exemptions FILE   accepted risks: a JSON list of exemptions, or the deployment configuration's
                      exemptions, exemptionMaxDays and tagExemptionRules (see README, Exemptions)
${SCAN_OUTPUT_USAGE}
${AWS_USAGE}`;

export const SCAN_OPTIONS = {
  ...AWS_OPTIONS,
  rules: { type: 'string' },
  framework: { type: 'string' },
  param: { type: 'string', multiple: true },
  regions: { type: 'string' },
  accounts: { type: 'string' },
  organization: { type: 'boolean' },
  'role-name': { type: 'string' },
  'external-id': { type: 'string' },
  concurrency: { type: 'string' },
  aggregator: { type: 'string' },
  'name-prefix': { type: 'string' },
  exemptions: { type: 'string' },
  ...SCAN_OUTPUT_OPTIONS,
} as const;

/** What the scan command was asked for, checked before anything calls AWS. */
export interface ScanRequest {
  output: ScanOutputOptions;
  aws: { region?: string; endpoint?: string; profile?: string };
  /** Scan these accounts and regions now... */
  scope: Omit<ScopeOptions, 'onProgress' | 'contextFor'>;
  /** ...or read the deployed rules' results from this aggregator instead. */
  aggregator?: { name: string; namePrefix: string };
}

const csv = (value: string): string[] =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Parses and checks the scan options (usage errors for anything malformed). */
export function parseScanRequest(argv: string[]): ScanRequest {
  const { values } = parse({ args: argv, options: SCAN_OPTIONS, strict: true, allowPositionals: false });
  const output = parseScanOutputOptions(values);
  const framework = parseFramework(values.framework);
  if (framework) output.framework = framework;
  const selected = (): typeof registry => {
    const rules = selectRules(values.rules, registry);
    return framework ? rulesOfFramework(rules, framework) : rules;
  };
  if (values.aggregator !== undefined) {
    const scoped = (
      ['regions', 'accounts', 'organization', 'role-name', 'external-id', 'concurrency'] as const
    ).filter((o) => values[o] !== undefined);
    if (scoped.length > 0)
      throw new UsageError(
        `--aggregator reads every account and region it aggregates: drop --${scoped.join(', --')}`,
      );
    if (values.param !== undefined)
      throw new UsageError('--param does not apply to --aggregator (rules ran as deployed)');
    if (values.exemptions !== undefined)
      throw new UsageError('--exemptions does not apply to --aggregator (the deployed rules applied theirs)');
    return {
      output,
      aws: values,
      scope: { rules: selected(), parameters: {} },
      aggregator: { name: values.aggregator, namePrefix: values['name-prefix'] ?? '' },
    };
  }
  if (values['name-prefix'] !== undefined)
    throw new UsageError('--name-prefix applies only with --aggregator');
  const rules = selected();
  const parameters = ruleParams(values.param);
  checkRuleParams(rules, parameters);
  const scope: ScanRequest['scope'] = { rules, parameters };
  if (values.exemptions !== undefined) scope.exemptions = readExemptionsFile(values.exemptions);

  if (values.regions !== undefined) {
    if (values.regions.trim() === 'all') scope.regions = 'all';
    else {
      const regions = csv(values.regions);
      const bad = regions.filter((r) => !/^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/.test(r));
      if (regions.length === 0 || bad.length > 0)
        throw new UsageError(`--regions expects region names (or all), got '${values.regions}'`);
      scope.regions = [...new Set(regions)];
    }
  }
  if (values.accounts !== undefined && values.organization)
    throw new UsageError('--accounts and --organization cannot be used together');
  if (values.accounts !== undefined) {
    const accounts = csv(values.accounts);
    const bad = accounts.filter((a) => !/^\d{12}$/.test(a));
    if (accounts.length === 0 || bad.length > 0)
      throw new UsageError(`--accounts expects 12-digit account ids, got '${values.accounts}'`);
    scope.accounts = [...new Set(accounts)];
  }
  if (values.organization) scope.organization = true;
  const roleName = values['role-name'];
  if (roleName !== undefined) {
    if (!/^[\w+=,.@/-]{1,512}$/.test(roleName))
      throw new UsageError(`--role-name is not a role name, got '${roleName}'`);
    scope.roleName = roleName.replace(/^\/+/, '');
  }
  if ((scope.organization || scope.accounts) && !scope.roleName)
    throw new UsageError('--accounts and --organization need --role-name (the role assumed in each account)');
  if (values['external-id'] !== undefined) {
    if (!scope.roleName) throw new UsageError('--external-id needs --role-name');
    scope.externalId = values['external-id'];
  }
  if (values.concurrency !== undefined) {
    const n = Number(values.concurrency);
    if (!/^\d+$/.test(values.concurrency) || n < 1 || n > 64)
      throw new UsageError(`--concurrency must be a whole number from 1 to 64, got '${values.concurrency}'`);
    scope.concurrency = n;
  }
  return { output, aws: values, scope };
}

/** Progress on stderr, only when it is a terminal: done/total account x region x rule, elapsed. */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr): {
  onProgress?: (p: ScanProgress) => void;
  finish: () => void;
} {
  if (!stream.isTTY) return { finish: () => undefined };
  const started = Date.now();
  let shown = false;
  return {
    onProgress: (p) => {
      shown = true;
      const elapsed = ((Date.now() - started) / 1000).toFixed(1);
      stream.write(`\r${p.done}/${p.total} account x region x rule evaluated, ${elapsed}s elapsed`);
    },
    finish: () => {
      if (shown) stream.write('\n');
    },
  };
}

export async function run(argv: string[]): Promise<number> {
  const request = parseScanRequest(argv);
  const { output } = request;
  if (output.outputDir !== undefined) checkOutputDir(output.outputDir);
  const aws = await awsFromOptions(request.aws);
  // Each scanned account's credentials (its assumed role's), for its Security Hub import.
  const accounts = new Map<string, Credentials | undefined>();
  const scanned: Array<{ account: string; region: string }> = [];
  const found = request.aggregator
    ? await aggregatorReport(aws, request)
    : await scopeReport(aws, request, (account, credentials, regions) => {
        accounts.set(account, credentials);
        for (const region of regions) scanned.push({ account, region });
      });
  if (found === undefined) return ExitCode.ERROR;
  const report = output.framework ? withFrameworkControls(found, output.framework) : found;

  console.log(
    render(output.format, report, output.filter, output.framework ? { framework: output.framework } : {}),
  );
  const errors = report.evaluations.filter((x) => x.compliance === 'ERROR');
  if (errors[0]) {
    if (output.format !== 'json')
      console.error(
        `${errors.length} evaluation(s) could not be made; first: ${errors[0].account} ${errors[0].region} ` +
          `${errors[0].rule}: ${errors[0].annotation}`,
      );
    const hint = errorHint(errors[0].annotation);
    if (hint) console.error(hint);
  }
  if (output.outputDir !== undefined)
    for (const path of writeOutputDir(output.outputDir, report, output.filter, output.framework))
      console.error(`wrote ${path}`);
  if (output.toSecurityHub) {
    const hub = await sendToSecurityHub(report, {
      clientFor: securityHubClients(aws, report.metadata.caller.account, accounts),
      scanned,
    });
    console.error(`Security Hub: ${hub.imported} finding(s) imported, ${hub.resolved} resolved`);
    for (const e of hub.errors)
      console.error(`ERROR Security Hub ${e.account} ${e.region}${e.id ? ` ${e.id}` : ''}: ${e.error}`);
    if (hub.errors.length > 0) return ExitCode.ERROR;
  }
  return reportExitCode(report);
}

/** Scans the requested accounts and regions now. */
export async function scopeReport(
  aws: AwsContext,
  request: ScanRequest,
  onAccountReady?: ScopeOptions['onAccountReady'],
): Promise<ScanReport> {
  const progress = progressReporter();
  const report = await scanScope(aws, {
    ...request.scope,
    onAccountReady,
    ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
  });
  progress.finish();
  return report;
}

/** The deployed rules' results from a Config aggregator; undefined (after saying why) when it holds none. */
export async function aggregatorReport(
  aws: AwsContext,
  request: ScanRequest,
): Promise<ScanReport | undefined> {
  const { name, namePrefix } = request.aggregator ?? { name: '', namePrefix: '' };
  const ids = new Set(request.scope.rules?.map((r) => r.id));
  const report = await scanAggregator(aws, {
    aggregator: name,
    rules: ruleCatalog.filter((r) => ids.has(r.id)),
    namePrefix,
  });
  if (report.evaluations.length === 0) {
    // Nothing read is not a clean result: the rules may not be deployed or not aggregated yet.
    console.error(
      `No results of the suite's rules in aggregator ${name} (rules not deployed, or not aggregated yet?)`,
    );
    if (request.output.format === 'json') console.log('[]');
    return undefined;
  }
  return report;
}

/**
 * A Security Hub client per account-region. With the default product ARN, BatchImportFindings must
 * be called from the account a finding is about (its AwsAccountId), in the finding's region:
 * https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_BatchImportFindings.html
 * So each account's findings go through the credentials it was scanned with (the caller's own, or
 * the role assumed in it). An account the scan holds no credentials for (the aggregator assumes no
 * role) is refused by name rather than sent to fail.
 */
export function securityHubClients(
  aws: AwsContext,
  callerAccount: string,
  accounts: ReadonlyMap<string, Credentials | undefined>,
): (account: string, region: string) => SecurityHubClient {
  const contexts = new Map<string, AwsContext>([[`${callerAccount}|${aws.config.region}`, aws]]);
  return (account, region) => {
    const own = account === callerAccount;
    if (!own && !accounts.get(account))
      throw new Error(
        `findings of account ${account} can only be imported from that account (BatchImportFindings with the default product); scan it with --accounts and --role-name, or run --to-security-hub with its credentials`,
      );
    const key = `${account}|${region}`;
    let ctx = contexts.get(key);
    if (!ctx) {
      ctx = scopeContext(aws, { region, credentials: own ? undefined : accounts.get(account) });
      contexts.set(key, ctx);
    }
    return ctx.client(SecurityHubClient);
  };
}
