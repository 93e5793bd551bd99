import { Logger } from '@aws-lambda-powertools/logger';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { createNotifier } from '../../functions/notify/handler';
import type { EventBridgeEnvelope } from '../../functions/notify/types';
import { useEmulator } from '../emulator/context';
import { emulatorAws } from '../support/aws';
import { fixture } from '../support/config-events';

const emulator = useEmulator();
const quiet = (): Logger => new Logger({ serviceName: 'test', logLevel: 'SILENT' });

interface SnsEnvelope {
  Type: string;
  Subject?: string;
  Message: string;
  MessageAttributes?: Record<string, { Type: string; Value: string }>;
}

/** A topic with an SQS queue subscribed (standard envelope, so attributes travel in the body). */
async function topicWithQueue(): Promise<{ topicArn: string; queueUrl: string }> {
  const sns = new SNSClient(emulator.clientConfig);
  const sqs = new SQSClient(emulator.clientConfig);
  const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'glue-guardrails-alerts' }));
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'alerts-inbox' }));
  const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  await sns.send(
    new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: attrs.Attributes?.QueueArn ?? '' }),
  );
  return { topicArn: TopicArn ?? '', queueUrl: QueueUrl ?? '' };
}

async function receiveOne(queueUrl: string): Promise<SnsEnvelope> {
  const sqs = new SQSClient(emulator.clientConfig);
  const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }));
  expect(out.Messages).toHaveLength(1);
  return JSON.parse(out.Messages?.[0]?.Body ?? '{}') as SnsEnvelope;
}

function attributeValues(envelope: SnsEnvelope): Record<string, string> {
  return Object.fromEntries(Object.entries(envelope.MessageAttributes ?? {}).map(([k, v]) => [k, v.Value]));
}

describe('Notifier end to end (emulated SNS -> SQS)', () => {
  it('publishes a compliance change with its message attributes', async () => {
    // Prepare
    const { topicArn, queueUrl } = await topicWithQueue();
    const notify = createNotifier({ aws: emulatorAws(emulator), topicArn, namePrefix: '', logger: quiet() });
    const event = fixture<EventBridgeEnvelope<unknown>>('eventbridge-config-compliance-change.json');

    // Act
    const result = await notify(event);

    // Assess
    const envelope = await receiveOne(queueUrl);
    expect(result.messageId).toBeTruthy();
    expect(envelope.Subject).toBe(
      '[NON_COMPLIANT] glue-job-security-configuration-encrypted: AWS::Glue::Job nightly-ledger-etl',
    );
    expect(envelope.Message).toContain('Annotation: Job has no security configuration');
    expect(envelope.Message).toContain('--- JSON ---');
    expect(attributeValues(envelope)).toEqual({
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
    const { topicArn, queueUrl } = await topicWithQueue();
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
    const envelope = await receiveOne(queueUrl);
    expect(envelope.Subject).toMatch(/^\[Remediation Success\] EnforceGlueConnectionSsl/);
    expect(envelope.Message).toContain('Execution:  6a1f3c9e-2b4d-4e8f-a0b1-c2d3e4f5a6b7');
    expect(attributeValues(envelope)).toMatchObject({
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
    const { topicArn, queueUrl } = await topicWithQueue();
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
    const sqs = new SQSClient(emulator.clientConfig);
    const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 0 }));
    expect(result).toEqual({});
    expect(out.Messages ?? []).toHaveLength(0);
  });
});
