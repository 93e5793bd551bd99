import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AutomationStep } from '../../../remediation/catalog/types';
import { type RunOptions, runAutomation } from '../../../remediation/runner/execution';
import type { BridgeRequest, BridgeResponse } from '../../../remediation/runner/python';
import { inlineDoc, noop } from './support';

/**
 * Literal oracles for the runner's execution loop (issue 11: surviving mutants of execution.ts).
 * In-process: the Python bridge is replaced by a fake that answers each call as the test says.
 */

const fake = vi.hoisted(() => {
  type Answer = (request: BridgeRequest) => Promise<BridgeResponse>;
  const state = {
    answer: (async () => ({ ok: true, result: {} })) as Answer,
    calls: [] as BridgeRequest[],
    kills: 0,
    released: [] as Array<{ target: unknown; bridge: unknown }>,
    acquired: 0,
  };
  const bridge = {
    call: (request: BridgeRequest): Promise<BridgeResponse> => {
      state.calls.push(request);
      return state.answer(request);
    },
    kill: (): void => {
      state.kills++;
    },
  };
  return { state, bridge };
});

vi.mock('../../../remediation/runner/python', () => ({
  acquireBridge: () => {
    fake.state.acquired++;
    return fake.bridge;
  },
  releaseBridge: (target: unknown, bridge: unknown) => {
    fake.state.released.push({ target, bridge });
  },
}));

beforeEach(() => {
  fake.state.answer = async () => ({ ok: true, result: {} });
  fake.state.calls = [];
  fake.state.kills = 0;
  fake.state.released = [];
  fake.state.acquired = 0;
});

const AWS = { region: 'eu-west-1', endpoint: 'http://127.0.0.1:1' };
const options = (extra: Partial<RunOptions> = {}): RunOptions => ({
  parameters: {},
  aws: AWS,
  accountId: '123456789012',
  limits: { maxSleepSeconds: 0, pollIntervalMs: 1 },
  ...extra,
});

/** An API step whose call the fake answers. */
const api = (name: string, extra: Partial<AutomationStep> = {}): AutomationStep => ({
  name,
  action: 'aws:executeAwsApi',
  inputs: { Service: 'glue', Api: 'GetJob', JobName: 'etl-daily' },
  ...extra,
});
/** A script step whose call the fake answers. */
const script = (name: string, extra: Partial<AutomationStep> = {}): AutomationStep => ({
  name,
  action: 'aws:executeScript',
  inputs: {
    Runtime: 'python3.11',
    Handler: 'handler',
    Script: 'def handler(events, context):\n  return {}\n',
  },
  ...extra,
});
const failWith = (error: string) => async (): Promise<BridgeResponse> => ({ ok: false, error });
const statuses = (run: Awaited<ReturnType<typeof runAutomation>>): string[] =>
  run.StepExecutions.map((s) => `${s.StepName}:${s.StepStatus}`);

describe('execution: loop guard', () => {
  it('fails an execution that runs more than 500 steps (a step that jumps to itself)', async () => {
    const run = await runAutomation(inlineDoc([noop('Again', { nextStep: 'Again' })]), options());
    expect(run.AutomationExecutionStatus).toBe('Failed');
    expect(run.FailureMessage).toBe('More than 500 step executions: a loop?');
    expect(run.StepExecutions).toHaveLength(500);
  });
});

describe('execution: document name and reference checks', () => {
  it('an inline document without a name is recorded as LocalDocument', async () => {
    const run = await runAutomation(inlineDoc([noop('A')]), options());
    expect(run.DocumentName).toBe('LocalDocument');
  });

  it('a document run by name is loaded from the catalog and recorded under that name', async () => {
    const run = await runAutomation('SetGlueJobDisableProxy', {
      ...options({ dryRun: true }),
      parameters: {
        JobName: 'etl-daily',
        NotificationTopicArn: 'arn:aws:sns:eu-west-1:123456789012:results',
        AutomationAssumeRole: 'arn:aws:iam::123456789012:role/Remediate',
      },
    });
    expect(run.DocumentName).toBe('SetGlueJobDisableProxy');
    expect(run.AssumeRole).toBe('arn:aws:iam::123456789012:role/Remediate');
    expect(fake.state.calls).toEqual([]);
  });

  it('refuses a reference to no parameter, naming the document', async () => {
    const doc = inlineDoc([{ name: 'A', action: 'aws:sleep', inputs: { Duration: '{{ Nope }}' } }]);
    await expect(runAutomation(doc, { ...options(), documentName: 'Mine' })).rejects.toThrow(
      "Document 'Mine': Step 'A': '{{ Nope }}' names no parameter",
    );
  });

  it('accepts a reference to the output of a step listed later (reached by a jump)', async () => {
    fake.state.answer = async () => ({ ok: true, result: { d: 'PT0S' } });
    const doc = inlineDoc([
      noop('Go', { nextStep: 'Set' }),
      { name: 'Use', action: 'aws:sleep', inputs: { Duration: '{{ Set.D }}' }, isEnd: true },
      script('Set', { nextStep: 'Use', outputs: [{ Name: 'D', Selector: '$.Payload.d', Type: 'String' }] }),
    ]);
    const run = await runAutomation(doc, options());
    expect(statuses(run)).toEqual(['Go:Success', 'Set:Success', 'Use:Success']);
    expect(run.AutomationExecutionStatus).toBe('Success');
  });

  it('records assumeRole as far as it resolves: the local runner records the role, it does not assume it', async () => {
    const doc = {
      ...inlineDoc([noop('A')]),
      assumeRole: 'arn:aws:iam::{{ global:ACCOUNT_ID }}:role/{{ RoleName }}',
    };
    const run = await runAutomation(doc, options());
    expect(run.AutomationExecutionStatus).toBe('Success');
    expect(run.AssumeRole).toBe('arn:aws:iam::123456789012:role/{{ RoleName }}');
  });

  it('records no AssumeRole for a document without assumeRole', async () => {
    const run = await runAutomation(inlineDoc([noop('A')]), options());
    expect('AssumeRole' in run).toBe(false);
  });
});

describe('execution: logs', () => {
  it('keeps script log lines with their indentation, without trailing blanks or empty lines', async () => {
    fake.state.answer = async () => ({ ok: true, result: null, logs: '  indented\n\nlast  \n\n' });
    const run = await runAutomation(inlineDoc([script('S')]), options());
    expect(run.Logs).toEqual(['  indented', 'last']);
  });

  it('records no Logs when nothing was logged', async () => {
    const run = await runAutomation(inlineDoc([noop('A')]), options());
    expect('Logs' in run).toBe(false);
  });

  it('logs each retry of a failing step, not after its last attempt', async () => {
    fake.state.answer = failWith('boom');
    const run = await runAutomation(inlineDoc([api('A', { maxAttempts: 3 })]), options());
    expect(run.StepExecutions[0]!.Attempts).toBe(3);
    expect(fake.state.calls).toHaveLength(3);
    expect(run.Logs).toEqual([
      'A: attempt 1 failed (glue:GetJob failed: boom); retrying',
      'A: attempt 2 failed (glue:GetJob failed: boom); retrying',
    ]);
    expect(run.FailureMessage).toBe("Step 'A' failed: glue:GetJob failed: boom");
  });
});

describe('execution: failures', () => {
  it('a document error in a step is not retried', async () => {
    const doc = inlineDoc([{ name: 'A', action: 'aws:sleep', inputs: { Duration: 'soon' }, maxAttempts: 3 }]);
    const run = await runAutomation(doc, options());
    expect(run.StepExecutions[0]!.Attempts).toBe(1);
    expect(run.StepExecutions[0]!.FailureMessage).toBe("aws:sleep Duration 'soon' is not ISO 8601");
    expect('Logs' in run).toBe(false);
  });

  it('a reference left unresolved (its step failed) is not retried', async () => {
    fake.state.answer = failWith('boom');
    const doc = inlineDoc([
      api('A', {
        onFailure: 'Continue',
        isCritical: false,
        outputs: [{ Name: 'D', Selector: '$.D', Type: 'String' }],
      }),
      { name: 'B', action: 'aws:sleep', inputs: { Duration: '{{ A.D }}' }, maxAttempts: 3 },
    ]);
    const run = await runAutomation(doc, options());
    expect(statuses(run)).toEqual(['A:Failed', 'B:Failed']);
    expect(run.StepExecutions[1]!.Attempts).toBe(1);
    expect('Logs' in run).toBe(false);
  });

  it('a non-critical step that fails with the default onFailure (Abort) still stops and fails the execution', async () => {
    fake.state.answer = failWith('boom');
    const run = await runAutomation(inlineDoc([api('A', { isCritical: false }), noop('B')]), options());
    expect(statuses(run)).toEqual(['A:Failed']);
    expect(run.AutomationExecutionStatus).toBe('Failed');
    expect(run.FailureMessage).toBe("Step 'A' failed: glue:GetJob failed: boom");
  });

  it('a failure that is not an Error is recorded by its text', async () => {
    fake.state.answer = () => Promise.reject('socket closed');
    const run = await runAutomation(inlineDoc([api('A')]), options());
    expect(run.StepExecutions[0]!.FailureMessage).toBe('socket closed');
    expect(run.FailureMessage).toBe("Step 'A' failed: socket closed");
  });

  it('returns the bridge to the pool once, even when a step fails', async () => {
    fake.state.answer = failWith('boom');
    await runAutomation(inlineDoc([api('A')]), options());
    expect(fake.state.acquired).toBe(1);
    expect(fake.state.released).toEqual([{ target: AWS, bridge: fake.bridge }]);
  });
});

describe('execution: outputs and step records', () => {
  it('a document without outputs has none; an output of a failed step says it was not produced', async () => {
    fake.state.answer = failWith('boom');
    const plain = await runAutomation(inlineDoc([noop('A')]), options());
    expect(plain.Outputs).toEqual({});
    const doc = {
      ...inlineDoc([
        api('A', {
          onFailure: 'Continue',
          isCritical: false,
          outputs: [{ Name: 'N', Selector: '$.N', Type: 'String' }],
        }),
      ]),
      outputs: ['A.N'],
    };
    const run = await runAutomation(doc, options());
    expect(run.AutomationExecutionStatus).toBe('Success');
    expect(run.Outputs).toEqual({
      'A.N': ['No output available yet because the step is not successfully executed'],
    });
  });

  it('records OnFailure (Abort by default), and IsEnd / NextStep only on steps that have them', async () => {
    const doc = inlineDoc([
      noop('A'),
      noop('B', { onFailure: 'Continue', nextStep: 'C' }),
      noop('C', { isEnd: true }),
    ]);
    const run = await runAutomation(doc, options());
    const [a, b, c] = run.StepExecutions;
    expect(a!.OnFailure).toBe('Abort');
    expect(b!.OnFailure).toBe('Continue');
    expect('IsEnd' in a!).toBe(false);
    expect('NextStep' in a!).toBe(false);
    expect(b!.NextStep).toBe('C');
    expect('IsEnd' in b!).toBe(false);
    expect(c!.IsEnd).toBe(true);
    expect('NextStep' in c!).toBe(false);
  });

  it('a dry run records no step outputs', async () => {
    const doc = inlineDoc([api('A', { outputs: [{ Name: 'N', Selector: '$.N', Type: 'String' }] })]);
    const run = await runAutomation(doc, options({ dryRun: true }));
    expect(statuses(run)).toEqual(['A:Pending']);
    expect(run.StepExecutions[0]!.Outputs).toEqual({});
  });
});

describe('execution: cancellation', () => {
  it('a signal aborted before the run cancels the first step and kills the bridge', async () => {
    fake.state.answer = () => new Promise(() => undefined);
    const controller = new AbortController();
    controller.abort();
    const run = await runAutomation(inlineDoc([api('A'), noop('B')]), options({ signal: controller.signal }));
    expect(statuses(run)).toEqual(['A:Cancelled']);
    expect(run.AutomationExecutionStatus).toBe('Cancelled');
    expect(run.FailureMessage).toBe("Cancelled during step 'A'");
    expect(run.StepExecutions[0]!.FailureMessage).toBe('Cancelled');
    expect(fake.state.kills).toBe(1);
  });

  it('an abort during a step cancels it; its onCancel step then runs; the lost call cannot go unhandled', async () => {
    const controller = new AbortController();
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      let first = true;
      fake.state.answer = () => {
        if (!first) return Promise.resolve({ ok: true, result: {} });
        first = false;
        // The killed process answers late, with an error (the action then rejects).
        setTimeout(() => controller.abort(), 0);
        return new Promise((resolve) => setTimeout(() => resolve({ ok: false, error: 'killed' }), 5));
      };
      const doc = inlineDoc([
        api('A', { onCancel: 'step:Cleanup' }),
        noop('B'),
        api('Cleanup', { isEnd: true }),
      ]);
      const run = await runAutomation(doc, options({ signal: controller.signal }));
      expect(statuses(run)).toEqual(['A:Cancelled', 'Cleanup:Success']);
      expect(run.AutomationExecutionStatus).toBe('Cancelled');
      expect(run.FailureMessage).toBe("Cancelled during step 'A'");
      expect(fake.state.kills).toBe(1);
      await new Promise((r) => setTimeout(r, 20));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('a signal that is never aborted changes nothing', async () => {
    const run = await runAutomation(inlineDoc([api('A')]), options({ signal: new AbortController().signal }));
    expect(statuses(run)).toEqual(['A:Success']);
    expect(fake.state.kills).toBe(0);
  });
});
