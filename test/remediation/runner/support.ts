import { join } from 'node:path';
import { CreateConnectionCommand, CreateJobCommand, GetJobCommand, GlueClient } from '@aws-sdk/client-glue';
import { createInbox } from '../../../cli/demo/inbox';
import type { AutomationDocument, AutomationStep, ParameterSpec } from '../../../remediation/catalog/types';
import type { RunOptions } from '../../../remediation/runner/execution';
import type { EmulatorHandle } from '../../emulator/context';
import { emulatorAws } from '../../support/aws';

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

/** An SNS topic with an SQS queue subscribed, to see what a document publishes (message bodies). */
export async function topicWithQueue(
  emulator: EmulatorHandle,
): Promise<{ topicArn: string; received: () => Promise<string[]> }> {
  const inbox = await createInbox(emulatorAws(emulator), 'remediation-results');
  return {
    topicArn: inbox.topicArn,
    received: async () => (await inbox.drain({ waitSeconds: 0 })).map((n) => n.message),
  };
}
