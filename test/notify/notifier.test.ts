import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it } from 'vitest';
import { createInbox, type ReceivedNotification } from '../../cli/demo/inbox';
import { createNotifier } from '../../functions/notify/handler';
import type { EventBridgeEnvelope } from '../../functions/notify/types';
import { useEmulator } from '../emulator/context';
import { emulatorAws } from '../support/aws';
import { fixture } from '../support/config-events';

const emulator = useEmulator();
const quiet = (): Logger => new Logger({ serviceName: 'test', logLevel: 'SILENT' });

/** The one notification the topic received. */
async function receiveOne(inbox: Awaited<ReturnType<typeof createInbox>>): Promise<ReceivedNotification> {
  const received = await inbox.drain({ waitSeconds: 0 });
  expect(received).toHaveLength(1);
  return received[0]!;
}

describe('Notifier end to end (emulated SNS -> SQS)', () => {
  it('publishes a compliance change with its message attributes', async () => {
    // Prepare
    const inbox = await createInbox(emulatorAws(emulator));
    const topicArn = inbox.topicArn;
    const notify = createNotifier({ aws: emulatorAws(emulator), topicArn, namePrefix: '', logger: quiet() });
    const event = fixture<EventBridgeEnvelope<unknown>>('eventbridge-config-compliance-change.json');

    // Act
    const result = await notify(event);

    // Assess
    const envelope = await receiveOne(inbox);
    expect(result.messageId).toBeTruthy();
    expect(envelope.subject).toBe(
      '[NON_COMPLIANT] glue-job-security-configuration-encrypted: AWS::Glue::Job nightly-ledger-etl',
    );
    expect(envelope.message).toContain('Annotation: Job has no security configuration');
    expect(envelope.message).toContain('--- JSON ---');
    expect(envelope.attributes).toEqual({
      rule: 'glue-job-security-configuration-encrypted',
      compliance: 'NON_COMPLIANT',
      resourceType: 'AWS::Glue::Job',
      accountId: '123456789012',
      region: 'us-east-1',
      severity: 'HIGH',
    });
  });

  it('publishes an automation outcome, alerting even when the execution cannot be read', async () => {
    // Prepare
    const inbox = await createInbox(emulatorAws(emulator));
    const topicArn = inbox.topicArn;
    const notify = createNotifier({
      aws: emulatorAws(emulator),
      topicArn,
      namePrefix: '',
      logger: quiet(),
    });
    const event = fixture<EventBridgeEnvelope<unknown>>('eventbridge-ssm-automation-execution-status.json');

    // Act
    await notify(event);

    // Assess
    const envelope = await receiveOne(inbox);
    expect(envelope.subject).toMatch(/^\[Remediation Success\] EnforceGlueConnectionSsl/);
    expect(envelope.message).toContain('Execution:  6a1f3c9e-2b4d-4e8f-a0b1-c2d3e4f5a6b7');
    expect(envelope.attributes).toMatchObject({
      rule: 'glue-connection-ssl-enforced',
      compliance: 'Success',
      resourceType: 'AWS::::Account',
      accountId: '123456789012',
      region: 'us-east-1',
      severity: 'HIGH',
    });
  });

  it('ignores events it does not handle (nothing published)', async () => {
    // Prepare
    const inbox = await createInbox(emulatorAws(emulator));
    const topicArn = inbox.topicArn;
    const notify = createNotifier({
      aws: emulatorAws(emulator),
      topicArn,
      logger: quiet(),
    });
    const event = {
      ...fixture<EventBridgeEnvelope<unknown>>('eventbridge-ssm-automation-execution-status.json'),
    };
    event['detail-type'] = 'EC2 Automation Step Status-change Notification';

    // Act
    const result = await notify(event);

    // Assess
    expect(result).toEqual({});
    expect(await inbox.drain({ waitSeconds: 0 })).toEqual([]);
  });
});
