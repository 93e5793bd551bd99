import { rules as registry } from '../../functions/rules/index';
import { awsFromOptions } from '../aws-options';
import { UsageError } from '../errors';
import { formatTable } from '../format';
import {
  AWS_OPTIONS,
  AWS_USAGE,
  checkRuleParams,
  FORMAT_OPTION,
  type OutputFormat,
  outputFormat,
  parse,
  ruleParams,
  selectRules,
} from '../options';
import type { ScanResult } from '../scan-account';
import {
  DEFAULT_CONCURRENCY,
  reportExitCode,
  type ScanProgress,
  type ScopeOptions,
  scanScope,
} from '../scan-scope';
import type { ScanReport } from '../scan-types';

export const usage = `Usage: glue-guardrails scan [options]

Evaluates every registered rule (or --rules) against one or more accounts and regions without
deploying anything.
Exit code: 0 nothing non-compliant, 1 something non-compliant, 2 something could not be evaluated.

Options:
  --rules a,b         only these rule ids
  --param R.N=V       rule parameter N of rule R (repeatable), e.g. glue-job-security-configuration-encrypted.allowSseS3=true
  --format F          table (default) or json (one array of evaluations, errors included)
  --regions a,b|all   these regions, or every region enabled in each account (default: --region)
  --accounts a,b      these account ids, through --role-name (the caller's own account needs none)
  --organization      every ACTIVE account of the organization (management or delegated admin)
  --role-name R       role assumed in each account: arn:<partition>:iam::<account>:role/R
  --external-id X     external id for AssumeRole
  --concurrency N     account x region pairs scanned at once (default ${DEFAULT_CONCURRENCY})
${AWS_USAGE}`;

export const SCAN_OPTIONS = {
  ...AWS_OPTIONS,
  rules: { type: 'string' },
  param: { type: 'string', multiple: true },
  regions: { type: 'string' },
  accounts: { type: 'string' },
  organization: { type: 'boolean' },
  'role-name': { type: 'string' },
  'external-id': { type: 'string' },
  concurrency: { type: 'string' },
  ...FORMAT_OPTION,
} as const;

/** What the scan command was asked for, checked before anything calls AWS. */
export interface ScanRequest {
  format: OutputFormat;
  aws: { region?: string; endpoint?: string; profile?: string };
  scope: Omit<ScopeOptions, 'onProgress' | 'contextFor'>;
}

const csv = (value: string): string[] =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Parses and checks the scan options (usage errors for anything malformed). */
export function parseScanRequest(argv: string[]): ScanRequest {
  const { values } = parse({ args: argv, options: SCAN_OPTIONS, strict: true, allowPositionals: false });
  const format = outputFormat(values);
  const rules = selectRules(values.rules, registry);
  const parameters = ruleParams(values.param);
  checkRuleParams(rules, parameters);
  const scope: ScanRequest['scope'] = { rules, parameters };

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
  return { format, aws: values, scope };
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

/** The table: one block per account-region (cli/format.ts), errors included. */
function table(report: ScanReport): string {
  const groups = new Map<string, ScanResult>();
  for (const e of report.evaluations) {
    const key = `${e.account}|${e.region}`;
    let group = groups.get(key);
    if (!group) {
      group = { accountId: e.account, region: e.region, findings: [], errors: [] };
      groups.set(key, group);
    }
    if (e.compliance === 'ERROR') {
      group.errors.push({
        rule: e.rule,
        ...(e.resourceId !== e.account ? { resourceId: e.resourceId } : {}),
        error: e.error ?? e.annotation,
      });
    } else {
      group.findings.push({
        rule: e.rule,
        resourceType: e.resourceType,
        resourceId: e.resourceId,
        compliance: e.compliance,
        annotation: e.annotation,
        ...(e.offenders ? { offenders: e.offenders } : {}),
      });
    }
  }
  return [...groups.values()].map(formatTable).join('\n\n');
}

export async function run(argv: string[]): Promise<number> {
  const request = parseScanRequest(argv);
  const aws = await awsFromOptions(request.aws);
  const progress = progressReporter();
  const report = await scanScope(aws, {
    ...request.scope,
    ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
  });
  progress.finish();
  if (request.format === 'json') {
    console.log(JSON.stringify(report.evaluations, null, 2));
    for (const e of report.evaluations.filter((x) => x.compliance === 'ERROR'))
      console.error(`ERROR ${e.account} ${e.region} ${e.rule}: ${e.annotation}`);
  } else {
    console.log(table(report));
    const errors = report.evaluations.filter((x) => x.compliance === 'ERROR');
    if (errors[0])
      console.error(
        `${errors.length} evaluation(s) could not be made; first: ${errors[0].account} ${errors[0].region} ` +
          `${errors[0].rule}: ${errors[0].annotation}`,
      );
  }
  return reportExitCode(report);
}
