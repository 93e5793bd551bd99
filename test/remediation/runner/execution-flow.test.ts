import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../../remediation/catalog/documents';
import { runAutomation } from '../../../remediation/runner/execution';
import { useEmulator } from '../../emulator/context';
import {
  FIXTURES,
  failing,
  getJob,
  inlineDoc,
  noop,
  ROLE,
  runOptions,
  seedJob,
  topicWithQueue,
} from './support';

const emulator = useEmulator();
const statuses = (run: Awaited<ReturnType<typeof runAutomation>>): string[] =>
  run.StepExecutions.map((s) => `${s.StepName}:${s.StepStatus}`);

describe('Runner: execution flow', () => {
  it('runs a document end to end: typed references, outputs, verification, SNS', async () => {
    // Prepare
    await seedJob(emulator);
    const topic = await topicWithQueue(emulator);
    const doc = loadDocument('FixtureSetJobDescription', FIXTURES);
    const params = { JobName: 'etl-daily', NotificationTopicArn: topic.topicArn, AutomationAssumeRole: ROLE };
    // Act
    const run = await runAutomation(doc, {
      ...runOptions(emulator, params),
      documentName: 'FixtureSetJobDescription',
    });
    // Assess
    expect(run.AutomationExecutionStatus).toBe('Success');
    expect(statuses(run)).toEqual([
      'ReadJob:Success',
      'UpdateJob:Success',
      'VerifyDescription:Success',
      'PublishResult:Success',
    ]);
    expect(run.Outputs).toEqual({
      'ReadJob.Role': ['arn:aws:iam::123456789012:role/GlueJob'],
      'UpdateJob.JobName': ['etl-daily'],
    });
    expect(run.StepExecutions[1]!.Inputs.JobUpdate).toContain('"Command":{"Name":"glueetl"');
    expect(run.Parameters.Description).toEqual(['managed by glue-guardrails']);
    expect(run.AssumeRole).toBe(ROLE);
    const job = await getJob(emulator);
    expect(job.Description).toBe('managed by glue-guardrails');
    expect(job.Command?.ScriptLocation).toBe('s3://scripts/etl.py');
    const [message] = await topic.received();
    expect(JSON.parse(message!)).toEqual({
      document: 'FixtureSetJobDescription',
      executionId: run.AutomationExecutionId,
      resource: 'etl-daily',
      outcome: 'REMEDIATED',
    });
  });

  it('rejects a parameter that fails its allowedPattern before running anything', async () => {
    // Prepare
    const doc = loadDocument('FixtureSetJobDescription', FIXTURES);
    const params = { JobName: 'bad name', NotificationTopicArn: 'x', AutomationAssumeRole: ROLE };
    // Act / Assess
    await expect(runAutomation(doc, runOptions(emulator, params))).rejects.toThrow(
      "Parameter 'JobName' value 'bad name' does not match its allowedPattern",
    );
  });

  it('onFailure step:X jumps to X, and the execution still fails because the step is critical', async () => {
    // Prepare: no job, so ReadJob fails
    const topic = await topicWithQueue(emulator);
    const doc = loadDocument('FixtureSetJobDescription', FIXTURES);
    const params = {
      JobName: 'missing-job',
      NotificationTopicArn: topic.topicArn,
      AutomationAssumeRole: ROLE,
    };
    // Act
    const run = await runAutomation(doc, runOptions(emulator, params));
    // Assess
    expect(statuses(run)).toEqual(['ReadJob:Failed', 'PublishFailure:Success']);
    expect(run.AutomationExecutionStatus).toBe('Failed');
    expect(run.FailureMessage).toMatch(/^Step 'ReadJob' failed: glue:GetJob failed: EntityNotFoundException/);
    expect(JSON.parse((await topic.received())[0]!)).toMatchObject({ outcome: 'FAILED' });
  });

  it('onFailure Abort (the default) stops the execution', async () => {
    // Act
    const run = await runAutomation(
      inlineDoc([noop('First'), failing('Breaks'), noop('Never')]),
      runOptions(emulator),
    );
    // Assess
    expect(statuses(run)).toEqual(['First:Success', 'Breaks:Failed']);
    expect(run.AutomationExecutionStatus).toBe('Failed');
  });

  it('onFailure Continue goes on; a non-critical failure leaves the execution successful', async () => {
    // Prepare
    const critical = inlineDoc([failing('Breaks', { onFailure: 'Continue' }), noop('After')]);
    const optional = inlineDoc([
      failing('Breaks', { onFailure: 'Continue', isCritical: false }),
      noop('After'),
    ]);
    // Act
    const runCritical = await runAutomation(critical, runOptions(emulator));
    const runOptional = await runAutomation(optional, runOptions(emulator));
    // Assess
    expect(statuses(runCritical)).toEqual(['Breaks:Failed', 'After:Success']);
    expect(runCritical.AutomationExecutionStatus).toBe('Failed');
    expect(statuses(runOptional)).toEqual(['Breaks:Failed', 'After:Success']);
    expect(runOptional.AutomationExecutionStatus).toBe('Success');
  });

  it('follows nextStep and stops at isEnd', async () => {
    // Prepare
    const doc = inlineDoc([noop('A', { nextStep: 'C' }), noop('B'), noop('C', { isEnd: true }), noop('D')]);
    // Act
    const run = await runAutomation(doc, runOptions(emulator));
    // Assess
    expect(statuses(run)).toEqual(['A:Success', 'C:Success']);
    expect(run.StepExecutions[0]!.NextStep).toBe('C');
    expect(run.StepExecutions[1]!.IsEnd).toBe(true);
  });

  it('branches on Choices with operators, And/Not, and Default', async () => {
    // Prepare
    const doc = inlineDoc(
      [
        {
          name: 'Choose',
          action: 'aws:branch',
          inputs: {
            Choices: [
              { NextStep: 'Exact', Variable: '{{ Mode }}', StringEquals: 'exact' },
              {
                NextStep: 'Compound',
                And: [
                  { Variable: '{{ Count }}', NumericGreater: 2 },
                  { Not: { Variable: '{{ Mode }}', StartsWith: 'skip' } },
                  { Variable: '{{ Force }}', BooleanEquals: true },
                ],
              },
            ],
            Default: 'Fallback',
          },
        },
        noop('Exact', { isEnd: true }),
        noop('Compound', { isEnd: true }),
        noop('Fallback', { isEnd: true }),
      ],
      {
        Mode: { type: 'String' },
        Count: { type: 'Integer', default: 3 },
        Force: { type: 'Boolean', default: true },
      },
    );
    // Act
    const exact = await runAutomation(doc, runOptions(emulator, { Mode: 'exact' }));
    const compound = await runAutomation(doc, runOptions(emulator, { Mode: 'other' }));
    const fallback = await runAutomation(doc, runOptions(emulator, { Mode: 'skip-it' }));
    // Assess
    expect(statuses(exact)).toEqual(['Choose:Success', 'Exact:Success']);
    expect(statuses(compound)).toEqual(['Choose:Success', 'Compound:Success']);
    expect(statuses(fallback)).toEqual(['Choose:Success', 'Fallback:Success']);
    expect(fallback.StepExecutions[0]!.NextStep).toBe('Fallback');
  });

  it('retries a failing step maxAttempts times', async () => {
    // Act
    const run = await runAutomation(inlineDoc([failing('Flaky', { maxAttempts: 3 })]), runOptions(emulator));
    // Assess
    expect(run.StepExecutions[0]!.Attempts).toBe(3);
    expect(run.AutomationExecutionStatus).toBe('Failed');
  });

  it('fails a step whose reference names an output that was not produced, naming it', async () => {
    // Prepare: the selector matches nothing, so Read.Missing is never set
    const doc = inlineDoc([
      { ...failing('Read'), inputs: { Service: 'sts', Api: 'GetCallerIdentity' } },
      { ...noop('Use'), inputs: { Duration: '{{ Read.Missing }}' } },
    ]);
    doc.mainSteps[0]!.outputs = [{ Name: 'Missing', Selector: '$.Nope', Type: 'String' }];
    // Act
    const run = await runAutomation(doc, runOptions(emulator));
    // Assess
    expect(statuses(run)).toEqual(['Read:Success', 'Use:Failed']);
    expect(run.StepExecutions[1]!.FailureMessage).toBe("Unresolvable reference '{{ Read.Missing }}'");
  });

  it('cancels the running step; onCancel step:X then runs X, and the execution ends Cancelled', async () => {
    // Prepare
    const wait = { ...noop('Wait'), inputs: { Duration: 'PT10S' } };
    const withCleanup = inlineDoc([
      { ...wait, onCancel: 'step:Cleanup' },
      noop('Next'),
      noop('Cleanup', { isEnd: true }),
    ]);
    const plain = inlineDoc([wait, noop('Next')]);
    const options = { ...runOptions(emulator), limits: { maxSleepSeconds: 10 } };
    // Act
    const runs = await Promise.all(
      [withCleanup, plain].map((doc) => runAutomation(doc, { ...options, signal: AbortSignal.timeout(300) })),
    );
    // Assess
    expect(runs.map(statuses)).toEqual([['Wait:Cancelled', 'Cleanup:Success'], ['Wait:Cancelled']]);
    expect(runs.map((r) => r.AutomationExecutionStatus)).toEqual(['Cancelled', 'Cancelled']);
  });
});
