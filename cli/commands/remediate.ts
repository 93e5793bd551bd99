import { getRule } from '../../functions/rules/index';
import type { AwsContext } from '../../functions/runtime/aws';
import type { AnyRule } from '../../functions/runtime/rule';
import { loadDocument } from '../../remediation/catalog/documents';
import { missingParameters, RemediationMappingError, runnerParameters } from '../../remediation/mapping';
import { runAutomation } from '../../remediation/runner/execution';
import { partitionOf } from '../../remediation/runner/interpolate';
import { appendRecords, defaultRecordFile, toRecord } from '../../remediation/runner/records';
import type { AutomationExecution } from '../../remediation/runner/types';
import { awsFromOptions } from '../aws-options';
import { ExitCode, UsageError } from '../errors';
import { AWS_OPTIONS, AWS_USAGE, FORMAT_OPTION, outputFormat, parse } from '../options';
import { callerAccount, scanAccount } from '../scan-account';

export const usage = `Usage: glue-guardrails remediate --rule <id> [options]

Runs the rule's remediation document with the local Automation runner against every resource the
rule finds NON_COMPLIANT (or the one named by --resource), with the same parameter mapping the
deployed AWS Config remediation uses. Exit code: 0 every remediation succeeded (or nothing to do),
1 a remediation failed, 2 usage or other error.

Options:
  --rule ID           the rule whose remediation to run (required)
  --resource ID       remediate this resource id (as the rule reports it) instead of scanning
  --param N=V         document parameter (repeatable); StringList values are comma-separated;
                      AutomationAssumeRole=ARN is recorded only (the local runner does not assume it)
  --rule-param N=V    rule parameter (repeatable): used when scanning, and passed to the document
                      parameters the rule derives from it (e.g. kmsKeyArns -> ApprovedKmsKeyArns)
  --dry-run           execute nothing: print the API calls each execution would make
  --format F          table (default) or json (the execution records)
${AWS_USAGE}`;

/** What to remediate and how. */
export interface RemediateOptions {
  rule: AnyRule;
  resourceIds?: string[];
  parameters?: Record<string, string>;
  ruleParameters?: Record<string, string>;
  dryRun?: boolean;
  accountId?: string;
  onLog?: (line: string) => void;
}

/**
 * Runs a rule's remediation locally: finds the NON_COMPLIANT resources (unless given), maps the
 * parameters as the deployed RemediationConfiguration does and runs the document once per resource.
 */
export async function remediate(aws: AwsContext, options: RemediateOptions): Promise<AutomationExecution[]> {
  const { rule } = options;
  if (!rule.remediation) throw new UsageError(`Rule '${rule.id}' has no remediation document`);
  const doc = loadDocument(rule.remediation.document);
  const { AutomationAssumeRole, ...rest } = options.parameters ?? {};
  const staticParameters: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(rest)) {
    staticParameters[name] =
      doc.parameters?.[name]?.type === 'StringList' ? value.split(',').map((s) => s.trim()) : value;
  }
  // The document labels its SNS result with the rule it remediates, as the deployment does.
  if (doc.parameters && 'RuleName' in doc.parameters && !('RuleName' in staticParameters)) {
    staticParameters.RuleName = rule.id;
  }
  const ruleParameters = options.ruleParameters ?? {};
  // A parameter the document or the rule's link refuses is a usage error: say so before any AWS call.
  missingParameters(rule, { staticParameters, assumeRoleArn: AutomationAssumeRole ?? '', ruleParameters });
  const accountId = options.accountId ?? (await callerAccount(aws));
  let resourceIds = options.resourceIds;
  if (!resourceIds) {
    const scan = await scanAccount(aws, {
      rules: [rule],
      parameters: { [rule.id]: ruleParameters },
      accountId,
    });
    if (scan.errors.length > 0) {
      throw new Error(`Scanning with ${rule.id} failed: ${scan.errors.map((e) => e.error).join('; ')}`);
    }
    resourceIds = scan.findings.filter((f) => f.compliance === 'NON_COMPLIANT').map((f) => f.resourceId);
  }
  const assumeRoleArn =
    AutomationAssumeRole ??
    `arn:${partitionOf(aws.config.region)}:iam::${accountId}:role/GlueGuardrailsRemediation`;
  const executions: AutomationExecution[] = [];
  for (const resourceId of resourceIds) {
    const parameters = runnerParameters(rule, {
      resourceId,
      staticParameters,
      assumeRoleArn,
      ruleParameters,
    });
    const runAws: Parameters<typeof runAutomation>[1]['aws'] = { region: aws.config.region };
    if (aws.config.endpoint) runAws.endpoint = aws.config.endpoint;
    if (aws.config.credentials) runAws.credentials = aws.config.credentials;
    if (aws.config.profile) runAws.profile = aws.config.profile;
    executions.push(
      await runAutomation(doc, {
        documentName: rule.remediation.document,
        parameters,
        aws: runAws,
        accountId,
        dryRun: options.dryRun ?? false,
        ...(options.onLog ? { onLog: options.onLog } : {}),
      }),
    );
  }
  return executions;
}

function keyValues(values: string[] | undefined, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values ?? []) {
    const m = /^([A-Za-z0-9_]+)=(.*)$/s.exec(v);
    if (!m) throw new UsageError(`${flag} expects Name=Value, got '${v}'`);
    out[m[1]!] = m[2]!;
  }
  return out;
}

/** A readable summary of one execution (secrets are already redacted in the record). */
export function formatExecution(e: AutomationExecution): string {
  const resource = Object.entries(e.Parameters)
    .filter(([k]) => k !== 'AutomationAssumeRole')
    .map(([k, v]) => `${k}=${v.join(',')}`)
    .join(' ');
  const lines = [
    `${e.DocumentName} ${e.AutomationExecutionId}: ${e.AutomationExecutionStatus}  (${resource})`,
  ];
  e.StepExecutions.forEach((s, i) => {
    lines.push(`  ${i + 1}. ${s.StepName.padEnd(28)} ${s.Action.padEnd(32)} ${s.StepStatus}`);
    if (s.FailureMessage) lines.push(`       ${s.FailureMessage}`);
  });
  if (e.DryRunCalls) {
    lines.push('  Calls the default path would make ({{ }} left as written where a step must run first):');
    for (const c of e.DryRunCalls)
      lines.push(`    ${c.step}: ${c.service} ${c.api} ${JSON.stringify(c.parameters)}`);
  }
  if (!e.DryRunCalls) for (const [k, v] of Object.entries(e.Outputs)) lines.push(`  ${k} = ${v.join(', ')}`);
  if (e.FailureMessage) lines.push(`  ${e.FailureMessage}`);
  return lines.join('\n');
}

/**
 * Keeps the local runner's record (remediation/runner/records.ts) that `glue-guardrails report`
 * lists; a record that cannot be written is a warning, never a failed remediation.
 */
function recordLocally(aws: AwsContext, rule: AnyRule, executions: AutomationExecution[]): void {
  const file = defaultRecordFile();
  // The account the run was for: the one in the role it was given (ours, or --param's).
  const accountOf = (e: AutomationExecution): string =>
    (e.AssumeRole ?? e.Parameters.AutomationAssumeRole?.[0] ?? '').split(':')[4] ?? '';
  try {
    appendRecords(
      file,
      executions.map((e) =>
        toRecord(e, {
          account: accountOf(e),
          region: aws.config.region,
          rule: rule.id,
          ...(rule.remediation ? { resourceIdParameter: rule.remediation.resourceIdParameter } : {}),
          ...(aws.config.endpoint ? { endpoint: aws.config.endpoint } : {}),
        }),
      ),
    );
  } catch (error) {
    console.error(`warning: could not record the executions in ${file}: ${(error as Error).message}`);
  }
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parse({
    args: argv,
    options: {
      ...AWS_OPTIONS,
      rule: { type: 'string' },
      resource: { type: 'string', multiple: true },
      param: { type: 'string', multiple: true },
      'rule-param': { type: 'string', multiple: true },
      'dry-run': { type: 'boolean', default: false },
      ...FORMAT_OPTION,
    },
    strict: true,
    allowPositionals: false,
  });
  const format = outputFormat(values);
  if (!values.rule) throw new UsageError('--rule is required');
  let rule: AnyRule;
  try {
    rule = getRule(values.rule as string);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (!rule.remediation) throw new UsageError(`Rule '${rule.id}' has no remediation document`);
  const aws = await awsFromOptions(values as { region?: string; endpoint?: string; profile?: string });
  const options: RemediateOptions = {
    rule,
    parameters: keyValues(values.param as string[] | undefined, '--param'),
    ruleParameters: keyValues(values['rule-param'] as string[] | undefined, '--rule-param'),
    dryRun: values['dry-run'] as boolean,
  };
  if (values.resource) options.resourceIds = values.resource as string[];
  if (format === 'table') options.onLog = (line) => console.error(line);
  let executions: AutomationExecution[];
  try {
    executions = await remediate(aws, options);
  } catch (error) {
    if (error instanceof RemediationMappingError) throw new UsageError(error.message);
    throw error;
  }
  if (!options.dryRun) recordLocally(aws, rule, executions);
  if (format === 'json') {
    console.log(JSON.stringify(executions, null, 2));
  } else if (executions.length === 0) {
    console.log(`Nothing to remediate: ${rule.id} found no NON_COMPLIANT resource.`);
  } else {
    if (options.dryRun)
      console.log('Dry run: nothing is executed; each plan lists the API calls it would make.\n');
    console.log(executions.map(formatExecution).join('\n\n'));
  }
  return executions.every((e) => e.AutomationExecutionStatus === 'Success')
    ? ExitCode.OK
    : ExitCode.NON_COMPLIANT;
}
