import { GlueClient, UpdateJobCommand } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../../remediation/catalog/documents';
import type { AutomationStep } from '../../../remediation/catalog/types';
import { UnsupportedFeatureError } from '../../../remediation/runner/errors';
import { runAutomation } from '../../../remediation/runner/execution';
import { useEmulator } from '../../emulator/context';
import { FIXTURES, getJob, inlineDoc, noop, runOptions, seedConnection, seedJob } from './support';

const emulator = useEmulator();

const assertJob = (desired: string[], extra: Partial<AutomationStep> = {}): AutomationStep => ({
  name: 'CheckGlueVersion',
  action: 'aws:assertAwsResourceProperty',
  inputs: {
    Service: 'glue',
    Api: 'GetJob',
    JobName: 'etl-daily',
    PropertySelector: '$.Job.GlueVersion',
    DesiredValues: desired,
  },
  ...extra,
});

describe('Runner: actions', () => {
  it('aws:assertAwsResourceProperty passes on a desired value and fails otherwise, saying why', async () => {
    // Prepare
    await seedJob(emulator);
    // Act
    const pass = await runAutomation(inlineDoc([assertJob(['3.0', '4.0'])]), runOptions(emulator));
    const fail = await runAutomation(inlineDoc([assertJob(['5.0'])]), runOptions(emulator));
    // Assess
    expect(pass.AutomationExecutionStatus).toBe('Success');
    expect(fail.AutomationExecutionStatus).toBe('Failed');
    expect(fail.StepExecutions[0]!.FailureMessage).toBe(
      '$.Job.GlueVersion is ["4.0"], expected one of ["5.0"]',
    );
  });

  it('aws:waitForAwsResourceProperty polls until the property takes a desired value', async () => {
    // Prepare
    await seedJob(emulator);
    const step = {
      ...assertJob(['changed']),
      action: 'aws:waitForAwsResourceProperty',
      timeoutSeconds: 30,
      inputs: { ...assertJob([]).inputs, PropertySelector: '$.Job.Description', DesiredValues: ['changed'] },
    };
    const glue = new GlueClient(emulator.clientConfig);
    // Act
    const running = runAutomation(inlineDoc([step]), runOptions(emulator));
    await new Promise((r) => setTimeout(r, 1500));
    const job = await getJob(emulator);
    await glue.send(
      new UpdateJobCommand({
        JobName: 'etl-daily',
        JobUpdate: { Role: job.Role, Command: job.Command, Description: 'changed' },
      }),
    );
    const run = await running;
    // Assess
    expect(run.AutomationExecutionStatus).toBe('Success');
  });

  it('aws:waitForAwsResourceProperty times out when the value never comes', async () => {
    // Prepare
    await seedJob(emulator);
    const step = { ...assertJob(['5.0']), action: 'aws:waitForAwsResourceProperty', timeoutSeconds: 3 };
    // Act
    const run = await runAutomation(inlineDoc([step]), runOptions(emulator));
    // Assess
    expect(run.AutomationExecutionStatus).toBe('TimedOut');
    expect(run.StepExecutions[0]!.StepStatus).toBe('TimedOut');
    // Either the poll loop or the call in flight at the deadline reports it.
    expect(run.StepExecutions[0]!.FailureMessage).toMatch(/timed out/i);
  });

  it('aws:executeScript returns a payload that typed output selectors read', async () => {
    // Prepare
    await seedConnection(emulator);
    const doc = loadDocument('FixtureScriptPayload', FIXTURES);
    // Act
    const run = await runAutomation(
      doc,
      runOptions(emulator, { ConnectionName: 'warehouse', Tags: ['x', 'y'] }),
    );
    // Assess
    expect(run.AutomationExecutionStatus).toBe('Success');
    const outputs = run.StepExecutions[0]!.Outputs;
    expect(outputs.Name).toEqual(['warehouse']);
    expect(outputs.Count).toEqual(['2']);
    expect(outputs.Echo).toEqual(['x', 'y']);
    expect(JSON.parse(outputs.OutputPayload![0]!).Payload).toMatchObject({
      Name: 'warehouse',
      Account: '123456789012',
    });
  });

  it('aws:executeScript fails the step with the exception the handler raised', async () => {
    // Prepare
    const doc = loadDocument('FixtureScriptPayload', FIXTURES);
    // Act
    const run = await runAutomation(
      doc,
      runOptions(emulator, { ConnectionName: 'warehouse', Handler: 'fail' }),
    );
    // Assess
    expect(run.AutomationExecutionStatus).toBe('Failed');
    expect(run.StepExecutions[0]!.FailureMessage).toMatch(
      /^fail raised ValueError: refusing warehouse \(script line \d+\)$/,
    );
  });

  it('times out a step that outlives timeoutSeconds', async () => {
    // Prepare: the slow handler sleeps 30 s; the step allows 3
    const doc = loadDocument('FixtureScriptPayload', FIXTURES);
    doc.mainSteps[0]!.timeoutSeconds = 3;
    // Act
    const run = await runAutomation(
      doc,
      runOptions(emulator, { ConnectionName: 'warehouse', Handler: 'slow' }),
    );
    // Assess
    expect(run.AutomationExecutionStatus).toBe('TimedOut');
    expect(run.StepExecutions[0]!.StepStatus).toBe('TimedOut');
    expect(run.FailureMessage).toBe("Step 'ReadConnection' timed out: Step timed out after 3 seconds");
  });

  it('aws:sleep honours the run limit and records it', async () => {
    // Prepare
    const doc = inlineDoc([{ ...noop('Wait'), inputs: { Duration: 'PT1H' } }]);
    // Act
    const run = await runAutomation(doc, runOptions(emulator));
    // Assess
    expect(run.AutomationExecutionStatus).toBe('Success');
    expect(run.Logs).toEqual(['Wait: sleeping 0 s instead of 3600 s (maxSleepSeconds)']);
  });

  it('refuses an unsupported action or field, naming it, before running anything', async () => {
    // Prepare
    await seedJob(emulator);
    const action = inlineDoc([noop('Fine'), { name: 'Run', action: 'aws:runCommand', inputs: {} }]);
    const field = inlineDoc([{ ...noop('Fine'), precondition: {} } as unknown as AutomationStep]);
    const input = inlineDoc([
      {
        name: 'S',
        action: 'aws:executeScript',
        inputs: { Runtime: 'python3.11', Handler: 'h', Script: 'x', Attachment: 'a' },
      },
    ]);
    // Act / Assess
    await expect(runAutomation(action, runOptions(emulator))).rejects.toThrow(
      new UnsupportedFeatureError("Step 'Run': action 'aws:runCommand' is not supported by the local runner"),
    );
    await expect(runAutomation(field, runOptions(emulator))).rejects.toThrow(
      "Step 'Fine': field 'precondition' is not supported by the local runner",
    );
    await expect(runAutomation(input, runOptions(emulator))).rejects.toThrow(
      "Step 'S': input 'Attachment' of aws:executeScript is not supported",
    );
  });

  it('refuses a document with a reference to nothing, naming it', async () => {
    // Prepare
    const doc = inlineDoc([{ ...noop('Wait'), inputs: { Duration: '{{ Nowhere }}' } }]);
    // Act / Assess
    await expect(runAutomation(doc, runOptions(emulator))).rejects.toThrow(
      "'{{ Nowhere }}' names no parameter",
    );
  });
});
