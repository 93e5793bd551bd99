import { getRule } from '../../functions/rules/index';
import type { AwsContext } from '../../functions/runtime/aws';
import type { AnyRule } from '../../functions/runtime/rule';
import { loadDocument } from '../../remediation/catalog/documents';
import type { AutomationDocument } from '../../remediation/catalog/types';
import { missingParameters, RemediationMappingError, runnerParameters } from '../../remediation/mapping';
import { runAutomation } from '../../remediation/runner/execution';
import { partitionOf } from '../../remediation/runner/interpolate';
import { appendRecords, defaultRecordFile, toRecord } from '../../remediation/runner/records';
import type { AutomationExecution } from '../../remediation/runner/types';
import { awsFromOptions } from '../aws-options';
import { ExitCode, UsageError } from '../errors';
import { AWS_OPTIONS, AWS_USAGE, checkRuleParams, FORMAT_OPTION, outputFormat, parse } from '../options';
import {
  failureReason,
  formatPlan,
  planExecution,
  type RemediationPlan,
  TOPIC,
  terminalConfirm,
  withoutPublishing,
} from '../remediate-local';
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
  --dry-run           change nothing: per resource, the fields the document would change (before
                      -> after, read with its own script, writes withheld) and the calls it would make
  --yes               do not ask for confirmation (asked on a terminal for more than one resource)
  --format F          table (default) or json (the execution records)

Without NotificationTopicArn the result is printed and nothing is published to SNS.
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
  /** Asked before running on more than one resource; false stops before anything changes. */
  confirm?: (question: string) => Promise<boolean>;
  /** Receives one-line notices (no topic: nothing published). */
  onNotice?: (line: string) => void;
}

/** An execution record, with what a dry run found it would change. */
export interface RemediationRun extends AutomationExecution {
  Plan?: RemediationPlan;
  /** Steps that would have published to SNS and did not (no NotificationTopicArn given). */
  Unpublished?: string[];
}

/** Thrown when the user answers no to the confirmation: nothing was run. */
export class DeclinedError extends Error {
  override readonly name = 'DeclinedError';
}

/**
 * Runs a rule's remediation locally: finds the NON_COMPLIANT resources (unless given), maps the
 * parameters as the deployed RemediationConfiguration does and runs the document once per resource.
 */
export async function remediate(aws: AwsContext, options: RemediateOptions): Promise<RemediationRun[]> {
  const { rule } = options;
  if (!rule.remediation) throw new UsageError(`Rule '${rule.id}' has no remediation document`);
  const documentName = rule.remediation.document;
  const loaded = loadDocument(documentName);
  const { AutomationAssumeRole, ...rest } = options.parameters ?? {};
  // Locally the topic is optional: without one, the result is printed and nothing is published.
  const publish = !(loaded.parameters && TOPIC in loaded.parameters) || rest[TOPIC] !== undefined;
  const doc = publish ? loaded : withoutPublishing(loaded, documentName);
  if (!publish)
    rest[TOPIC] = `arn:${partitionOf(aws.config.region)}:sns:${aws.config.region}:000000000000:unpublished`;
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
  // A parameter the document or the rule's link refuses, or one it needs and nobody gave, is a
  // usage error: say so before any AWS call.
  const missing = missingParameters(rule, {
    staticParameters,
    assumeRoleArn: AutomationAssumeRole ?? '',
    ruleParameters,
  });
  if (missing.length > 0)
    throw new UsageError(
      `${documentName} needs ${missing.join(', ')}, which only you can choose: pass ${missing.map((m) => `--param ${m}=...`).join(' ')}`,
    );
  if (!publish)
    options.onNotice?.(`No ${TOPIC} given: each result is printed here and nothing is published to SNS.`);
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
  if (resourceIds.length > 1 && !options.dryRun && options.confirm) {
    const go = await options.confirm(
      `Run ${documentName} on ${resourceIds.length} resources (${resourceIds.join(', ')})?`,
    );
    if (!go) throw new DeclinedError('Nothing was changed: not confirmed.');
  }
  const assumeRoleArn =
    AutomationAssumeRole ??
    `arn:${partitionOf(aws.config.region)}:iam::${accountId}:role/GlueGuardrailsRemediation`;
  const executions: RemediationRun[] = [];
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
    if (!publish) delete parameters[TOPIC];
    const execution: RemediationRun = await runAutomation(doc, {
      documentName,
      parameters,
      aws: runAws,
      accountId,
      dryRun: options.dryRun ?? false,
      ...(options.onLog ? { onLog: options.onLog } : {}),
    });
    if (options.dryRun) execution.Plan = await planExecution(doc, execution, runAws);
    if (!publish) execution.Unpublished = unpublishedSteps(loaded, doc);
    executions.push(execution);
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

/** The steps `withoutPublishing` turned into waits. */
function unpublishedSteps(original: AutomationDocument, local: AutomationDocument): string[] {
  return local.mainSteps
    .filter((s, i) => JSON.stringify(s) !== JSON.stringify(original.mainSteps[i]))
    .map((s) => s.name);
}

/** The resource an execution ran on (its parameters but the role), as `Name=value ...`. */
function resourceOf(e: AutomationExecution): string {
  return Object.entries(e.Parameters)
    .filter(([k]) => k !== 'AutomationAssumeRole')
    .map(([k, v]) => `${k}=${v.join(',')}`)
    .join(' ');
}

/** Output values the runner fills in for a step that did not run (SSM's wording). */
const NOT_PRODUCED = /^No output available yet/;

/**
 * A readable summary of one execution (secrets are already redacted in the record). A dry run says
 * DRY RUN (never Success) and shows what would change; a failed run ends with one reason.
 */
export function formatExecution(e: RemediationRun): string {
  const dry = e.DryRunCalls !== undefined;
  const status = dry ? 'DRY RUN' : e.AutomationExecutionStatus;
  const lines = [`${e.DocumentName} ${e.AutomationExecutionId}: ${status}  (${resourceOf(e)})`];
  if (dry) {
    lines.push(
      '  Would change:',
      ...formatPlan(e.Plan ?? { changes: [], withheld: [], problem: 'not planned' }).map((l) => `  ${l}`),
    );
    lines.push(
      '  Steps and the calls the default path would make ({{ }} left as written where a step must run first):',
    );
    for (const c of e.DryRunCalls ?? [])
      lines.push(`    ${c.step}: ${c.service} ${c.api} ${JSON.stringify(c.parameters)}`);
    return lines.join('\n');
  }
  e.StepExecutions.forEach((s, i) => {
    const action = e.Unpublished?.includes(s.StepName) ? 'not published (no topic)' : s.Action;
    lines.push(`  ${i + 1}. ${s.StepName.padEnd(28)} ${action.padEnd(32)} ${s.StepStatus}`);
  });
  for (const [k, v] of Object.entries(e.Outputs)) {
    if (v.every((x) => NOT_PRODUCED.test(x))) continue;
    lines.push(`  ${k} = ${v.join(', ')}`);
  }
  if (e.AutomationExecutionStatus !== 'Success') lines.push(`  FAILED: ${failureReason(e)}`);
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

export async function run(
  argv: string[],
  terminal: { input: NodeJS.ReadableStream & { isTTY?: boolean }; output: NodeJS.WritableStream } = {
    input: process.stdin,
    output: process.stderr,
  },
): Promise<number> {
  const { values } = parse({
    args: argv,
    options: {
      ...AWS_OPTIONS,
      rule: { type: 'string' },
      resource: { type: 'string', multiple: true },
      param: { type: 'string', multiple: true },
      'rule-param': { type: 'string', multiple: true },
      'dry-run': { type: 'boolean', default: false },
      yes: { type: 'boolean', default: false },
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
  const ruleParameters = keyValues(values['rule-param'] as string[] | undefined, '--rule-param');
  checkRuleParams([rule], { [rule.id]: ruleParameters });
  const options: RemediateOptions = {
    rule,
    parameters: keyValues(values.param as string[] | undefined, '--param'),
    ruleParameters,
    dryRun: values['dry-run'] as boolean,
    onNotice: (line) => console.error(line),
  };
  if (values.resource) options.resourceIds = values.resource as string[];
  if (format === 'table') options.onLog = (line) => console.error(line);
  const confirm = values.yes ? undefined : terminalConfirm(terminal.input, terminal.output);
  if (confirm) options.confirm = confirm;
  const aws = await awsFromOptions(values as { region?: string; endpoint?: string; profile?: string });
  let executions: RemediationRun[];
  try {
    executions = await remediate(aws, options);
  } catch (error) {
    if (error instanceof RemediationMappingError) throw new UsageError(error.message);
    if (error instanceof DeclinedError) {
      console.error(error.message);
      return ExitCode.NON_COMPLIANT;
    }
    throw error;
  }
  if (!options.dryRun) recordLocally(aws, rule, executions);
  if (format === 'json') {
    console.log(JSON.stringify(executions, null, 2));
  } else if (executions.length === 0) {
    console.log(`Nothing to remediate: ${rule.id} found no NON_COMPLIANT resource.`);
  } else {
    if (options.dryRun)
      console.log(
        'DRY RUN: nothing was changed. Per resource, what the document would change (read by its own script, writes withheld).\n',
      );
    console.log(executions.map(formatExecution).join('\n\n'));
  }
  if (options.dryRun) return ExitCode.OK;
  return executions.every((e) => e.AutomationExecutionStatus === 'Success')
    ? ExitCode.OK
    : ExitCode.NON_COMPLIANT;
}
