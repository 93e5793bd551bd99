import { describe, expect, it } from 'vitest';
import { REDACTED } from '../../../remediation/index';
import { useEmulator } from '../../emulator/context';
import { resultInbox, runDocument } from './support/e2e';
import { resultOf, runHandler } from './support/handler';
import { createConnection, jdbcInput, readConnection, SECRET_PASSWORD } from './support/seed';

const emulator = useEmulator();

describe('Document: EnforceGlueConnectionSsl (secrets)', () => {
  it('never lets a connection password reach the execution record, the script output or the SNS message', async () => {
    // Prepare
    const inbox = await resultInbox(emulator);
    await createConnection(emulator, jdbcInput('orders'));
    await createConnection(emulator, jdbcInput('ledger', { JDBC_ENFORCE_SSL: 'false' }));
    const payload = { CatalogId: emulator.accountId, ExecutionId: 'e', AccountId: '1' };

    // Act
    const execution = await runDocument(emulator, 'EnforceGlueConnectionSsl', inbox, {
      CatalogId: emulator.accountId,
    });
    // The direct runs start after the document fixed orders and ledger: each must read a password.
    await createConnection(emulator, jdbcInput('payments'));
    const { PASSWORD: _plain, ...properties } = jdbcInput('broken').ConnectionProperties!;
    await createConnection(emulator, {
      ...jdbcInput('broken'),
      // Not a KMS blob: decryption fails, and the blob itself holds the password.
      ConnectionProperties: {
        ...properties,
        ENCRYPTED_PASSWORD: Buffer.from(`not a kms blob ${SECRET_PASSWORD}`).toString('base64'),
      },
    });
    await createConnection(emulator, jdbcInput('refunds'));
    const script = await runHandler(emulator, 'EnforceGlueConnectionSsl', 'handler', {
      ...payload,
      ConnectionNames: ['payments'],
    });
    const failing = await runHandler(emulator, 'EnforceGlueConnectionSsl', 'handler', {
      ...payload,
      ConnectionNames: ['broken', 'refunds'],
    });
    const notifications = await inbox.drain();

    // Assess: every run held a password (it wrote one back), so the checks below can fail.
    expect(execution.AutomationExecutionStatus).toBe('Success');
    for (const name of ['orders', 'ledger', 'payments', 'refunds']) {
      expect((await readConnection(emulator, name)).ConnectionProperties, name).toMatchObject({
        PASSWORD: SECRET_PASSWORD,
        JDBC_ENFORCE_SSL: 'true',
      });
    }
    expect(notifications).toHaveLength(1);
    expect(resultOf(script).outcome).toBe('REMEDIATED');
    expect(resultOf(failing)).toMatchObject({ outcome: 'PARTIAL', failures: [{ resource: 'broken' }] });
    for (const [where, text] of [
      ['execution record', JSON.stringify(execution)],
      ['script result', JSON.stringify(script.result)],
      ['script stdout', script.stdout],
      ['script stderr', script.stderr],
      ['failed script result', JSON.stringify(failing.result)],
      ['failed script stdout', failing.stdout],
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
