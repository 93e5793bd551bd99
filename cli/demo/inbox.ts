import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { AwsContext } from '../../functions/runtime/aws';

/** One SNS notification as a subscriber receives it. */
export interface ReceivedNotification {
  subject?: string;
  message: string;
  attributes: Record<string, string>;
}

export interface Inbox {
  topicArn: string;
  queueUrl: string;
  /** Every notification delivered so far (waits briefly for stragglers), oldest first. */
  drain(options?: { waitSeconds?: number }): Promise<ReceivedNotification[]>;
}

/**
 * An SNS topic with an SQS queue subscribed to it, the way an operations team would consume the
 * alerts. Messages arrive in the standard SNS envelope; attributes are read from it.
 */
export async function createInbox(aws: AwsContext, name = 'glue-guardrails-alerts'): Promise<Inbox> {
  const sns = aws.client(SNSClient);
  const sqs = aws.client(SQSClient);
  const topicArn = (await sns.send(new CreateTopicCommand({ Name: name }))).TopicArn ?? '';
  const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: `${name}-inbox` }))).QueueUrl ?? '';
  const attrs = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );
  await sns.send(
    new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: attrs.Attributes?.QueueArn ?? '' }),
  );
  return {
    topicArn,
    queueUrl,
    async drain({ waitSeconds = 1 } = {}) {
      const out: ReceivedNotification[] = [];
      for (;;) {
        const got = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: waitSeconds,
          }),
        );
        const messages = got.Messages ?? [];
        if (messages.length === 0) return out;
        for (const m of messages) out.push(parseEnvelope(m.Body ?? '{}'));
        await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? '' })),
          }),
        );
      }
    },
  };
}

function parseEnvelope(body: string): ReceivedNotification {
  const envelope = JSON.parse(body) as {
    Subject?: string;
    Message?: string;
    MessageAttributes?: Record<string, { Type?: string; Value?: string }>;
  };
  const attributes: Record<string, string> = {};
  for (const [k, v] of Object.entries(envelope.MessageAttributes ?? {})) attributes[k] = v.Value ?? '';
  const n: ReceivedNotification = { message: envelope.Message ?? '', attributes };
  if (envelope.Subject) n.subject = envelope.Subject;
  return n;
}
