import { GetConnectionCommand, GlueClient } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../../remediation/catalog/documents';
import { runAutomation } from '../../../remediation/runner/execution';
import { REDACTED } from '../../../remediation/runner/redact';
import { useEmulator } from '../../emulator/context';
import {
  FIXTURES,
  getJob,
  inlineDoc,
  PASSWORD,
  ROLE,
  runOptions,
  seedConnection,
  seedJob,
  topicWithQueue,
} from './support';

const emulator = useEmulator();

describe('Runner: dry run', () => {
  it('executes nothing and records the calls of the default path in step order', async () => {
    // Prepare
    await seedJob(emulator);
    const topic = await topicWithQueue(emulator);
    const before = await getJob(emulator);
    const doc = loadDocument('FixtureSetJobDescription', FIXTURES);
    const params = { JobName: 'etl-daily', NotificationTopicArn: topic.topicArn, AutomationAssumeRole: ROLE };
    // Act
    const run = await runAutomation(doc, { ...runOptions(emulator, params), dryRun: true });
    // Assess: state unchanged, nothing published
    expect(await getJob(emulator)).toEqual(before);
    expect(await topic.received()).toEqual([]);
    expect(run.DryRunCalls!.map((c) => `${c.step} ${c.service}:${c.api}`)).toEqual([
      'ReadJob glue:GetJob',
      'UpdateJob glue:UpdateJob',
      'VerifyDescription glue:GetJob',
      'PublishResult sns:Publish',
    ]);
    expect(run.DryRunCalls![1]!.parameters).toEqual({
      JobName: 'etl-daily',
      JobUpdate: {
        Role: '{{ ReadJob.Role }}',
        Command: '{{ ReadJob.Command }}',
        Description: 'managed by glue-guardrails',
      },
    });
    expect(run.StepExecutions.map((s) => [s.StepName, s.StepStatus])).toEqual([
      ['ReadJob', 'Pending'],
      ['UpdateJob', 'Pending'],
      ['VerifyDescription', 'Pending'],
      ['PublishResult', 'Pending'],
    ]);
  });

  it('makes no call at all, even to read (a job that does not exist plans the same way)', async () => {
    // Prepare
    const doc = loadDocument('FixtureSetJobDescription', FIXTURES);
    const params = {
      JobName: 'absent',
      NotificationTopicArn: 'arn:aws:sns:us-east-1:123456789012:none',
      AutomationAssumeRole: ROLE,
    };
    // Act
    const run = await runAutomation(doc, { ...runOptions(emulator, params), dryRun: true });
    // Assess
    expect(run.AutomationExecutionStatus).toBe('Success');
    expect(run.DryRunCalls).toHaveLength(4);
  });

  it('lists a script step with the permissions its header declares', async () => {
    // Prepare
    const doc = loadDocument('FixtureScriptPayload', FIXTURES);
    // Act
    const run = await runAutomation(doc, {
      ...runOptions(emulator, { ConnectionName: 'warehouse' }),
      dryRun: true,
    });
    // Assess
    expect(run.DryRunCalls).toEqual([
      {
        step: 'ReadConnection',
        service: 'aws:executeScript',
        api: 'handler',
        parameters: {
          InputPayload: { ConnectionName: 'warehouse', Echo: ['a', 'b'] },
          DeclaredPermissions: ['glue:GetConnection', 'kms:Decrypt'],
        },
      },
    ]);
  });
});

describe('Runner: secrets', () => {
  it('never records a connection password in outputs, document outputs or logs', async () => {
    // Prepare
    await seedConnection(emulator);
    const doc = loadDocument('FixtureScriptPayload', FIXTURES);
    // Act
    const lines: string[] = [];
    const run = await runAutomation(doc, {
      ...runOptions(emulator, { ConnectionName: 'warehouse' }),
      onLog: (l) => lines.push(l),
    });
    // Assess
    const record = JSON.stringify(run);
    expect(record).not.toContain(PASSWORD);
    expect(lines.join('\n')).not.toContain(PASSWORD);
    expect(run.Logs).toEqual([`read warehouse PASSWORD=${REDACTED}`, `bare ${REDACTED}`]);
    expect(JSON.parse(run.Outputs['ReadConnection.Properties']![0]!)).toMatchObject({
      PASSWORD: REDACTED,
      USERNAME: 'etl',
    });
  });

  it('redacts secret inputs and parameters but keeps SECRET_ID', async () => {
    // Prepare
    await seedConnection(emulator);
    const doc = inlineDoc(
      [
        {
          name: 'Rotate',
          action: 'aws:executeAwsApi',
          inputs: {
            Service: 'glue',
            Api: 'UpdateConnection',
            Name: 'warehouse',
            ConnectionInput: {
              Name: 'warehouse',
              ConnectionType: 'JDBC',
              ConnectionProperties: { PASSWORD: '{{ NewPassword }}', SECRET_ID: 'dw/etl', USERNAME: 'etl' },
            },
          },
        },
      ],
      { NewPassword: { type: 'String' } },
    );
    // Act
    const run = await runAutomation(doc, runOptions(emulator, { NewPassword: 'An0ther-Secret!' }));
    // Assess
    expect(run.AutomationExecutionStatus).toBe('Success');
    const stored = await new GlueClient(emulator.clientConfig).send(
      new GetConnectionCommand({ Name: 'warehouse' }),
    );
    expect(stored.Connection?.ConnectionProperties?.PASSWORD).toBe('An0ther-Secret!');
    expect(JSON.stringify(run)).not.toContain('An0ther-Secret!');
    expect(run.Parameters.NewPassword).toEqual([REDACTED]);
    expect(JSON.parse(run.StepExecutions[0]!.Inputs.ConnectionInput!).ConnectionProperties).toEqual({
      PASSWORD: REDACTED,
      SECRET_ID: 'dw/etl',
      USERNAME: 'etl',
    });
  });
});

describe('Runner: recorded scripts', () => {
  it('records a script step source verbatim while no password reaches the record', async () => {
    // Prepare: EnforceGlueConnectionSsl reads the connection with its password to copy it back
    await seedConnection(emulator);
    const topic = await topicWithQueue(emulator);
    const doc = loadDocument('EnforceGlueConnectionSsl');
    const scriptStep = doc.mainSteps.find((s) => s.action === 'aws:executeScript');
    const script = String((scriptStep?.inputs as { Script?: string } | undefined)?.Script);
    // Act
    const run = await runAutomation(
      doc,
      runOptions(emulator, {
        CatalogId: '123456789012',
        NotificationTopicArn: topic.topicArn,
        AutomationAssumeRole: ROLE,
      }),
    );
    // Assess
    expect(run.AutomationExecutionStatus).toBe('Success');
    const step = run.StepExecutions.find((s) => s.Action === 'aws:executeScript');
    expect(JSON.parse(String(step?.Inputs?.Script))).toBe(script);
    expect(script).toContain('HidePassword=False');
    expect(JSON.stringify(run)).not.toContain(PASSWORD);
  });
});
