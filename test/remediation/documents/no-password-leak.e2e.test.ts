import { describe, expect, it } from 'vitest';
import { REDACTED } from '../../../remediation/index';
import { useEmulator } from '../../emulator/context';
import { resultInbox, runDocument } from './support/e2e';
import { runHandler } from './support/handler';
import { createConnection, jdbcInput, readConnection, SECRET_PASSWORD } from './support/seed';

const emulator = useEmulator();

describe('Document: EnforceGlueConnectionSsl (secrets)', () => {
  it('never lets a connection password reach the execution record, the script output or the SNS message', async () => {
    // Prepare
    const inbox = await resultInbox(emulator);
    await createConnection(emulator, jdbcInput('orders'));
    await createConnection(emulator, jdbcInput('ledger', { JDBC_ENFORCE_SSL: 'false' }));
    const payload = {
      CatalogId: emulator.accountId,
      ConnectionNames: ['orders'],
      ExecutionId: 'e',
      AccountId: '1',
    };

    // Act
    const execution = await runDocument(emulator, 'EnforceGlueConnectionSsl', inbox, {
      CatalogId: emulator.accountId,
    });
    const script = await runHandler(emulator, 'EnforceGlueConnectionSsl', 'handler', payload);
    const failing = await runHandler(emulator, 'EnforceGlueConnectionSsl', 'handler', {
      ...payload,
      ConnectionNames: ['ledger', 'missing'],
    });
    const notifications = await inbox.drain();

    // Assess
    expect(execution.AutomationExecutionStatus).toBe('Success');
    expect((await readConnection(emulator, 'ledger')).ConnectionProperties?.PASSWORD).toBe(SECRET_PASSWORD);
    expect(notifications).toHaveLength(1);
    expect(failing.ok).toBe(false);
    for (const [where, text] of [
      ['execution record', JSON.stringify(execution)],
      ['script result', JSON.stringify(script.result)],
      ['script stdout', script.stdout],
      ['script stderr', script.stderr],
      ['failed script error', `${failing.error}`],
      ['failed script stderr', failing.stderr],
      ['SNS message', JSON.stringify(notifications)],
    ] as const) {
      expect(text, where).not.toContain(SECRET_PASSWORD);
    }
    // Nothing the document produced had to be scrubbed by the runner: it never held the secret out.
    const produced = [execution.Outputs, execution.Logs, execution.StepExecutions.map((s) => s.Outputs)];
    expect(JSON.stringify(produced)).not.toContain(REDACTED);
  });
});
