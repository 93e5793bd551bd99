import { join } from 'node:path';
import { CreateConnectionCommand, CreateJobCommand, GetJobCommand, GlueClient } from '@aws-sdk/client-glue';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { RunOptions } from '../../../remediation/runner/execution';
import type { AutomationDocument, AutomationStep, ParameterSpec } from '../../../remediation/runner/types';
import type { EmulatorHandle } from '../../emulator/context';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
export const ROLE = 'arn:aws:iam::123456789012:role/Fixture';
export const PASSWORD = 'Sup3r-Secret-Pa55';

/** Runner options pointed at the emulator; tests add parameters. */
export function runOptions(emulator: EmulatorHandle, parameters: RunOptions['parameters'] = {}): RunOptions {
  return {
    parameters,
    aws: {
      region: emulator.region,
      endpoint: emulator.endpoint,
      credentials: emulator.clientConfig.credentials,
    },
    accountId: emulator.accountId,
    limits: { pollIntervalMs: 100, maxSleepSeconds: 0 },
  };
}

/** A small inline document (the runner takes objects as well as names). */
export function inlineDoc(
  steps: AutomationStep[],
  parameters: Record<string, ParameterSpec> = {},
): AutomationDocument {
  return { schemaVersion: '0.3', parameters, mainSteps: steps };
}

/** A step that does nothing for a moment (aws:sleep with a zero duration). */
export function noop(name: string, extra: Partial<AutomationStep> = {}): AutomationStep {
  return { name, action: 'aws:sleep', inputs: { Duration: 'PT0S' }, ...extra };
}

/** A step that fails: GetJob of a job that does not exist. */
export function failing(name: string, extra: Partial<AutomationStep> = {}): AutomationStep {
  return {
    name,
    action: 'aws:executeAwsApi',
    inputs: { Service: 'glue', Api: 'GetJob', JobName: 'no-such-job' },
    ...extra,
  };
}

export async function seedJob(emulator: EmulatorHandle, name = 'etl-daily'): Promise<void> {
  await new GlueClient(emulator.clientConfig).send(
    new CreateJobCommand({
      Name: name,
      Role: 'arn:aws:iam::123456789012:role/GlueJob',
      Command: { Name: 'glueetl', ScriptLocation: 's3://scripts/etl.py', PythonVersion: '3' },
      DefaultArguments: { '--enable-metrics': 'true' },
      GlueVersion: '4.0',
      Description: 'before',
    }),
  );
}

export async function getJob(emulator: EmulatorHandle, name = 'etl-daily') {
  return (await new GlueClient(emulator.clientConfig).send(new GetJobCommand({ JobName: name }))).Job!;
}

export async function seedConnection(emulator: EmulatorHandle, name = 'warehouse'): Promise<void> {
  await new GlueClient(emulator.clientConfig).send(
    new CreateConnectionCommand({
      ConnectionInput: {
        Name: name,
        ConnectionType: 'JDBC',
        ConnectionProperties: {
          JDBC_CONNECTION_URL: 'jdbc:postgresql://db.internal:5432/dw',
          USERNAME: 'etl',
          PASSWORD,
        },
      },
    }),
  );
}

/** An SNS topic with an SQS queue subscribed, to see what a document publishes. */
export async function topicWithQueue(
  emulator: EmulatorHandle,
): Promise<{ topicArn: string; received: () => Promise<string[]> }> {
  const sns = new SNSClient(emulator.clientConfig);
  const sqs = new SQSClient(emulator.clientConfig);
  const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'remediation-results' }));
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'results' }));
  const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  await sns.send(
    new SubscribeCommand({
      TopicArn,
      Protocol: 'sqs',
      Endpoint: attrs.Attributes!.QueueArn!,
      Attributes: { RawMessageDelivery: 'true' },
    }),
  );
  return {
    topicArn: TopicArn!,
    received: async () => {
      const out = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
      );
      return (out.Messages ?? []).map((m) => m.Body ?? '');
    },
  };
}
