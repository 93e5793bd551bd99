import { startEmulator } from '../../emulator/launcher';
import { seedSampleEstate } from '../../emulator/sample-estate';
import { ruleCatalog } from '../../functions/rules/catalog';
import { rules } from '../../functions/rules/index';
import { type AwsContext, createAwsContext } from '../../functions/runtime/aws';
import { errorMessage } from '../../functions/runtime/errors';
import type { AnyRuleMeta } from '../../functions/runtime/meta';
import packageJson from '../../package.json';
import { loadDocument } from '../../remediation/index';
import { missingParameters } from '../../remediation/mapping';
import { compareScans, explainRemaining, NEXT_STEPS } from '../demo/explain';
import { createInbox, type ReceivedNotification } from '../demo/inbox';
import { parse } from '../options';
import { toScanReport } from '../output/report';
import { renderTable } from '../output/table';
import { failureReason } from '../remediate-local';
import { callerAccount, type ScanResult, scanAccount } from '../scan-account';
import { formatExecution, remediate } from './remediate';

/** A scan result as the scan command's table shows it. */
function table(result: ScanResult, startedAt: string): string {
  const report = toScanReport(result, {
    tool: { name: packageJson.name, version: packageJson.version },
    startedAt,
    finishedAt: new Date().toISOString(),
    caller: { account: result.accountId, arn: '' },
    source: 'scan',
    rules: rules.map((r) => r.id),
    parameters: {},
  });
  return renderTable(report);
}

export const usage = `Usage: glue-guardrails demo

Runs the whole loop locally on the embedded emulator: starts it, seeds a small Glue estate with
realistic drift, scans it with every rule, runs the automatic remediations for what is
non-compliant, scans again, prints the SNS messages the remediations published (read through an
SQS subscription), explains why each remaining finding is still there, compares the two scans and
suggests next steps, then stops the emulator. Nothing leaves this machine.`;

const heading = (text: string): string =>
  `\n${'='.repeat(8)} ${text} ${'='.repeat(Math.max(0, 80 - text.length))}`;

function describeNotification(n: ReceivedNotification): string {
  const attrs = Object.entries(n.attributes)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  let body = n.message;
  try {
    const r = JSON.parse(n.message) as {
      resource?: string;
      outcome?: string;
      changes?: unknown[];
      message?: string;
    };
    body = `${r.outcome ?? '?'} ${r.resource ?? ''}: ${r.message ?? ''} (${r.changes?.length ?? 0} change(s))`;
  } catch {
    body = n.message.split('\n')[0] ?? '';
  }
  return `- [${attrs}]\n  ${body}`;
}

export async function run(argv: string[]): Promise<number> {
  parse({ args: argv, options: {}, strict: true, allowPositionals: false });
  console.log('Starting the embedded AWS emulator...');
  const emulator = await startEmulator();
  try {
    const aws = createAwsContext({
      region: 'us-east-1',
      endpoint: emulator.endpoint,
      credentials: { accessKeyId: 'demo', secretAccessKey: 'demo' },
    });
    return await runDemo(aws, (line) => console.log(line));
  } finally {
    await emulator.stop();
  }
}

/**
 * The demo on an emulator that is already running (and empty): seed, scan, remediate, scan again,
 * read the alerts, explain what is left. Returns the exit code: 2 when a scan or a remediation
 * erred, else 0.
 */
export async function runDemo(aws: AwsContext, log: (line: string) => void): Promise<number> {
  const accountId = await callerAccount(aws);
  const estate = await seedSampleEstate(aws, accountId);
  const inbox = await createInbox(aws);
  log(`Seeded a sample Glue estate in account ${accountId} (${aws.config.region}).`);

  log(heading('1. Scan'));
  const beforeAt = new Date().toISOString();
  const before = await scanAccount(aws, { accountId });
  log(table(before, beforeAt));

  log(heading('2. Automatic remediation of what is non-compliant'));
  const available = { NotificationTopicArn: inbox.topicArn, KmsKeyId: estate.kmsKeyArn };
  const failures = await remediateAutomatic(aws, before, accountId, available, log);

  log(heading('3. Scan again'));
  const afterAt = new Date().toISOString();
  const after = await scanAccount(aws, { accountId });
  log(table(after, afterAt));

  log(heading(`4. Messages on SNS topic ${inbox.topicArn}`));
  const messages = await inbox.drain();
  log(messages.length ? messages.map(describeNotification).join('\n') : '(none)');

  log(heading('5. Why these findings are left'));
  const needs = (rule: AnyRuleMeta): string[] => deployerValues(rule, available);
  for (const line of explainRemaining(after, ruleCatalog, { failures, needs })) log(line);

  log(heading('6. Before and after'));
  for (const line of compareScans(before, after)) log(line);

  log(heading('7. Next steps'));
  for (const line of NEXT_STEPS) log(line);
  const failed = Object.keys(failures).length;
  return before.errors.length + after.errors.length + failed > 0 ? 2 : 0;
}

/** Only the demo values a document declares (the mapping rejects others). */
function declaredValues(document: string, available: Record<string, string>): Record<string, string> {
  const declared = loadDocument(document).parameters ?? {};
  return Object.fromEntries(Object.entries(available).filter(([name]) => name in declared));
}

/**
 * The document parameters a rule's remediation needs beyond what the demo has: values only the
 * deployer knows (a security configuration, a KMS key of theirs); [] when it could run as is.
 */
function deployerValues(rule: AnyRuleMeta, available: Record<string, string>): string[] {
  if (!rule.remediation) return [];
  try {
    return missingParameters(rule, {
      staticParameters: declaredValues(rule.remediation.document, available),
      assumeRoleArn: 'arn:aws:iam::000000000000:role/demo',
    });
  } catch {
    return [];
  }
}

/**
 * Runs each automatic remediation for the resources its rule found non-compliant; returns the
 * failure reason of each rule whose remediation failed (or could not run).
 */
async function remediateAutomatic(
  aws: AwsContext,
  scan: ScanResult,
  accountId: string,
  available: Record<string, string>,
  log: (line: string) => void,
): Promise<Record<string, string>> {
  const failures: Record<string, string> = {};
  for (const rule of rules) {
    if (!rule.remediation?.automatic) continue;
    const ids = scan.findings
      .filter((f) => f.rule === rule.id && f.compliance === 'NON_COMPLIANT')
      .map((f) => f.resourceId);
    if (ids.length === 0) continue;
    const parameters = declaredValues(rule.remediation.document, available);
    try {
      const executions = await remediate(aws, { rule, resourceIds: ids, parameters, accountId });
      for (const e of executions) {
        const outcome = e.Outputs['Remediate.Outcome']?.[0] ?? e.AutomationExecutionStatus;
        log(
          `${rule.id} -> ${e.DocumentName} on ${ids.join(', ')}: ${e.AutomationExecutionStatus} (${outcome})`,
        );
        if (e.AutomationExecutionStatus !== 'Success') {
          failures[rule.id] = failureReason(e);
          log(formatExecution(e));
        }
      }
    } catch (error) {
      failures[rule.id] = `could not run: ${errorMessage(error)}`;
      log(`${rule.id} -> ${rule.remediation.document}: could not run: ${errorMessage(error)}`);
    }
  }
  return failures;
}
