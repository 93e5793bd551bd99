import { afterEach, describe, expect, it, vi } from 'vitest';
import { DocumentError } from '../../../remediation/catalog/errors';
import {
  assertAwsResourceProperty,
  executeAwsApi,
  waitForAwsResourceProperty,
} from '../../../remediation/runner/actions/aws-api';
import type { ActionContext } from '../../../remediation/runner/actions/context';
import { sleepAction } from '../../../remediation/runner/actions/sleep';
import { StepFailure } from '../../../remediation/runner/errors';

/** A context whose bridge answers each API call with the next of `results` (the last one repeats). */
function context(
  inputs: Record<string, unknown>,
  options: {
    results?: unknown[];
    deadlineMs?: number;
    dryRun?: boolean;
    limits?: ActionContext['limits'];
  } = {},
) {
  const calls: unknown[] = [];
  const logs: string[] = [];
  const results = options.results ?? [{}];
  const ctx: ActionContext = {
    step: { name: 'Nap', action: 'aws:sleep', inputs },
    inputs,
    bridge: {
      call: async (request: unknown) => {
        calls.push(request);
        return { ok: true, result: results[Math.min(calls.length - 1, results.length - 1)] };
      },
    } as never,
    deadline: options.deadlineMs === undefined ? Number.MAX_SAFE_INTEGER : Date.now() + options.deadlineMs,
    limits: options.limits ?? {},
    dryRun: options.dryRun ?? false,
    dryRunCalls: [],
    variables: {},
    log: (text) => logs.push(text),
  };
  return { ctx, calls, logs };
}
const api = { Service: 'glue', Api: 'GetJob', JobName: 'j' };
const assertInputs = (selector: string, desired: unknown[]) => ({
  ...api,
  PropertySelector: selector,
  DesiredValues: desired,
});

describe('aws:executeAwsApi', () => {
  it('fails as a timeout without calling the API when the step has no time left', async () => {
    const { ctx, calls } = context(api, { deadlineMs: -1000 });
    const error = await executeAwsApi(ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StepFailure);
    expect((error as StepFailure).message).toBe('Step timed out before the API call');
    expect((error as StepFailure).timedOut).toBe(true);
    expect(calls).toEqual([]);
  });
});

describe('aws:assertAwsResourceProperty', () => {
  it('compares numbers selected from the response as strings', async () => {
    const { ctx } = context(assertInputs('$.Job.MaxRetries', ['5']), {
      results: [{ Job: { MaxRetries: 5 } }],
    });
    expect(await assertAwsResourceProperty(ctx)).toEqual({});
  });

  it('fails when the property is absent, saying so', async () => {
    const { ctx } = context(assertInputs('$.Missing', ['A']), { results: [{ Job: {} }] });
    await expect(assertAwsResourceProperty(ctx)).rejects.toThrow(
      new StepFailure('$.Missing is nothing at $.Missing, expected one of ["A"]'),
    );
  });

  it('fails on an empty list and on a list with any value outside DesiredValues', async () => {
    const empty = context(assertInputs('$.L', ['A']), { results: [{ L: [] }] });
    await expect(assertAwsResourceProperty(empty.ctx)).rejects.toThrow(
      new StepFailure('$.L is [], expected one of ["A"]'),
    );
    const mixed = context(assertInputs('$.L', ['A']), { results: [{ L: ['A', 'B'] }] });
    await expect(assertAwsResourceProperty(mixed.ctx)).rejects.toThrow(
      new StepFailure('$.L is ["A","B"], expected one of ["A"]'),
    );
  });
});

describe('aws:waitForAwsResourceProperty', () => {
  it('polls at the configured interval until the property matches', async () => {
    const { ctx, calls } = context(assertInputs('$.State', ['READY']), {
      results: [{ State: 'PENDING' }, { State: 'READY' }],
      deadlineMs: 3000,
      limits: { pollIntervalMs: 5 },
    });
    expect(await waitForAwsResourceProperty(ctx)).toEqual({});
    expect(calls).toHaveLength(2);
  });

  it('times out, naming the last value, when the property never matches', async () => {
    const { ctx } = context(assertInputs('$.State', ['READY']), {
      results: [{ State: 'PENDING' }],
      deadlineMs: 60,
      limits: { pollIntervalMs: 5 },
    });
    const error = await waitForAwsResourceProperty(ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StepFailure);
    expect((error as StepFailure).message).toBe('Timed out waiting for $.State (last: ["PENDING"])');
    expect((error as StepFailure).timedOut).toBe(true);
  });

  it('records one call and returns at once in a dry run', async () => {
    const { ctx, calls } = context(assertInputs('$.State', ['READY']), {
      dryRun: true,
      deadlineMs: 60,
      limits: { pollIntervalMs: 5 },
    });
    expect(await waitForAwsResourceProperty(ctx)).toEqual({});
    expect(calls).toEqual([]);
    expect(ctx.dryRunCalls).toEqual([
      { step: 'Nap', service: 'glue', api: 'GetJob', parameters: { JobName: 'j' } },
    ]);
  });
});

describe('aws:sleep limits', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('accepts exactly seven days and refuses more (Duration and Timestamp)', async () => {
    expect(await sleepAction(context({ Duration: 'PT604800S' }, { dryRun: true }).ctx)).toEqual({});
    await expect(sleepAction(context({ Duration: 'PT604801S' }, { dryRun: true }).ctx)).rejects.toThrow(
      new DocumentError('aws:sleep of 604801 s exceeds the 7-day maximum'),
    );
    const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
    expect(await sleepAction(context({ Timestamp: inDays(1) }, { dryRun: true }).ctx)).toEqual({});
    await expect(sleepAction(context({ Timestamp: inDays(30) }, { dryRun: true }).ctx)).rejects.toThrow(
      /exceeds the 7-day maximum/,
    );
  });

  it('sleeps the whole Duration when no maxSleepSeconds is set, and logs nothing', async () => {
    vi.useFakeTimers();
    const { ctx, logs } = context({ Duration: 'PT10S' });
    let done = false;
    const p = sleepAction(ctx).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(9_000);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    await p;
    expect(done).toBe(true);
    expect(logs).toEqual([]);
  });

  it('caps a sleep at maxSleepSeconds and says so', async () => {
    vi.useFakeTimers();
    const { ctx, logs } = context({ Duration: 'PT5S' }, { limits: { maxSleepSeconds: 1 } });
    const p = sleepAction(ctx);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await p).toEqual({});
    expect(logs).toEqual(['Nap: sleeping 1 s instead of 5 s (maxSleepSeconds)']);
  });
});
