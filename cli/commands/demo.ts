import { startEmulator } from '../../emulator/launcher';
import { seedSampleEstate } from '../../emulator/sample-estate';
import { rules } from '../../functions/rules/index';
import { createAwsContext } from '../../functions/runtime/aws';
import { errorMessage } from '../../functions/runtime/errors';
import packageJson from '../../package.json';
import { loadDocument } from '../../remediation/index';
import { createInbox, type ReceivedNotification } from '../demo/inbox';
import { parse } from '../options';
import { toScanReport } from '../output/report';
import { renderTable } from '../output/table';
import { callerAccount, type ScanResult, scanAccount } from '../scan-account';
import { remediate } from './remediate';

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
SQS subscription), then stops the emulator. Nothing leaves this machine.`;

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
    const accountId = await callerAccount(aws);
    const estate = await seedSampleEstate(aws, accountId);
    const inbox = await createInbox(aws);
    console.log(`Seeded a sample Glue estate in account ${accountId} (us-east-1).`);

    console.log(heading('1. Scan'));
    const beforeAt = new Date().toISOString();
    const before = await scanAccount(aws, { accountId });
    console.log(table(before, beforeAt));

    console.log(heading('2. Automatic remediation of what is non-compliant'));
    const failed = await remediateAutomatic(aws, before, accountId, {
      NotificationTopicArn: inbox.topicArn,
      KmsKeyId: estate.kmsKeyArn,
    });

    console.log(heading('3. Scan again'));
    const afterAt = new Date().toISOString();
    const after = await scanAccount(aws, { accountId });
    console.log(table(after, afterAt));

    console.log(heading(`4. Messages on SNS topic ${inbox.topicArn}`));
    const messages = await inbox.drain();
    console.log(messages.length ? messages.map(describeNotification).join('\n') : '(none)');
    return before.errors.length + after.errors.length + failed > 0 ? 2 : 0;
  } finally {
    await emulator.stop();
  }
}

/** Runs each automatic remediation for the resources its rule found non-compliant. */
async function remediateAutomatic(
  aws: ReturnType<typeof createAwsContext>,
  scan: ScanResult,
  accountId: string,
  available: Record<string, string>,
): Promise<number> {
  let failed = 0;
  for (const rule of rules) {
    if (!rule.remediation?.automatic) continue;
    const ids = scan.findings
      .filter((f) => f.rule === rule.id && f.compliance === 'NON_COMPLIANT')
      .map((f) => f.resourceId);
    if (ids.length === 0) continue;
    // Pass each document only the demo values it declares (the mapping rejects others).
    const declared = loadDocument(rule.remediation.document).parameters ?? {};
    const parameters: Record<string, string> = { ...available };
    for (const name of Object.keys(parameters)) if (!(name in declared)) delete parameters[name];
    try {
      const executions = await remediate(aws, { rule, resourceIds: ids, parameters, accountId });
      for (const e of executions) {
        const outcome = e.Outputs['Remediate.Outcome']?.[0] ?? e.AutomationExecutionStatus;
        console.log(
          `${rule.id} -> ${e.DocumentName} on ${ids.join(', ')}: ${e.AutomationExecutionStatus} (${outcome})`,
        );
        if (e.AutomationExecutionStatus !== 'Success') failed++;
      }
    } catch (error) {
      failed++;
      console.log(`${rule.id} -> ${rule.remediation.document}: could not run: ${errorMessage(error)}`);
    }
  }
  return failed;
}
