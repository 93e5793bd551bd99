import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it } from 'vitest';
import { type FakeThing, fakeJobRule } from '../../bench/support/fake-rules';
import { mintResultToken, readStoredEvaluations } from '../../emulator/config-service';
import { EvaluationFailedError, SweepIncompleteError } from '../../functions/runtime/errors';
import { type InvocationContext, toHandler } from '../../functions/runtime/handler';
import { useEmulator } from '../emulator/context';
import { emulatorAws } from '../support/aws';
import { scheduledEvent } from '../support/config-events';

const emulator = useEmulator();
const logger = new Logger({ logLevel: 'SILENT' });
const RULE = 'glue-fake-thing-good';

const token = (): string => mintResultToken(RULE);
const stored = async () =>
  (await readStoredEvaluations(emulator.endpoint, RULE)).map((e) => [
    e.ComplianceResourceId,
    e.ComplianceType,
  ]);
const things = (names: string[], good: boolean): FakeThing[] => names.map((Name) => ({ Name, Good: good }));

/**
 * A Lambda context whose remaining time drops by `stepMs` each time it is asked: the budget is
 * counted in checks, not measured on the clock.
 */
function shrinkingContext(startMs: number, stepMs: number): InvocationContext & { asked: number } {
  const ctx = {
    asked: 0,
    getRemainingTimeInMillis() {
      const left = startMs - stepMs * ctx.asked;
      ctx.asked++;
      return left;
    },
  };
  return ctx;
}

async function firstSweep(names: string[]): Promise<void> {
  await toHandler(fakeJobRule(things(names, true)), { aws: emulatorAws(emulator), logger })(
    scheduledEvent({ configRuleName: RULE, resultToken: token(), at: '2026-11-26T06:00:00Z' }),
  );
}

describe('Runtime: partial sweeps never clean up', () => {
  it('stops when the remaining time falls under the reserve, reports what it did, keeps the rest, and fails', async () => {
    // Prepare: yesterday's sweep stored five COMPLIANT jobs, one of which is gone today
    await firstSweep(['job-a', 'job-b', 'job-c', 'job-d', 'job-gone']);
    const today = things(['job-a', 'job-b', 'job-c', 'job-d'], false);
    const context = shrinkingContext(100_000, 30_000);
    // Act: 100 s, 70 s, then 40 s left, under the 50 s reserve: two jobs get evaluated
    const act = toHandler(fakeJobRule(today), { aws: emulatorAws(emulator), logger, timeReserveMs: 50_000 })(
      scheduledEvent({ configRuleName: RULE, resultToken: token(), at: '2026-11-27T06:00:00Z' }),
      context,
    );
    // Assess
    const error = await act.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SweepIncompleteError);
    expect(error).toMatchObject({ evaluated: 2, unevaluated: ['job-c', 'job-d'] });
    expect((error as Error).message).toContain('stale clean-up skipped');
    expect(await stored()).toEqual([
      ['job-a', 'NON_COMPLIANT'],
      ['job-b', 'NON_COMPLIANT'],
      ['job-c', 'COMPLIANT'],
      ['job-d', 'COMPLIANT'],
      ['job-gone', 'COMPLIANT'],
    ]);
  });

  it('a sweep with a failed resource skips clean-up and fails', async () => {
    // Prepare
    await firstSweep(['job-a', 'job-gone']);
    const today: FakeThing[] = [
      { Name: 'job-a', Good: false },
      { Name: 'job-broken', Good: true, Fail: true },
    ];
    // Act
    const act = toHandler(fakeJobRule(today), { aws: emulatorAws(emulator), logger })(
      scheduledEvent({ configRuleName: RULE, resultToken: token(), at: '2026-11-27T06:00:00Z' }),
    );
    // Assess
    const error = await act.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SweepIncompleteError);
    expect(error).toBeInstanceOf(EvaluationFailedError);
    expect((error as Error).message).toContain('job-broken: cannot judge job-broken');
    expect(await stored()).toEqual([
      ['job-a', 'NON_COMPLIANT'],
      ['job-gone', 'COMPLIANT'],
    ]);
  });

  it('with enough time the same sweep finishes and clears the gone job', async () => {
    // Prepare
    await firstSweep(['job-a', 'job-gone']);
    // Act
    const result = await toHandler(fakeJobRule(things(['job-a'], true)), {
      aws: emulatorAws(emulator),
      logger,
      timeReserveMs: 50_000,
    })(
      scheduledEvent({ configRuleName: RULE, resultToken: token(), at: '2026-11-27T06:00:00Z' }),
      shrinkingContext(900_000, 1_000),
    );
    // Assess
    expect(result.staleCleared).toBe(1);
    expect(await stored()).toEqual([
      ['job-a', 'COMPLIANT'],
      ['job-gone', 'NOT_APPLICABLE'],
    ]);
  });

  it('skips clean-up when the time runs low after the last evaluation', async () => {
    // Prepare
    await firstSweep(['job-a', 'job-gone']);
    // Act: enough for the one job, not for the clean-up after it
    const act = toHandler(fakeJobRule(things(['job-a'], true)), {
      aws: emulatorAws(emulator),
      logger,
      timeReserveMs: 50_000,
    })(
      scheduledEvent({ configRuleName: RULE, resultToken: token(), at: '2026-11-27T06:00:00Z' }),
      shrinkingContext(60_000, 30_000),
    );
    // Assess
    await expect(act).rejects.toBeInstanceOf(SweepIncompleteError);
    expect(await stored()).toEqual([
      ['job-a', 'COMPLIANT'],
      ['job-gone', 'COMPLIANT'],
    ]);
  });

  it('takes a default reserve of a quarter of the starting time', async () => {
    // Prepare: 100 s at the start -> a 25 s reserve
    const names = ['j1', 'j2', 'j3', 'j4', 'j5', 'j6'];
    // Act
    const error = await toHandler(fakeJobRule(things(names, true)), { aws: emulatorAws(emulator), logger })(
      scheduledEvent({ configRuleName: RULE, resultToken: token() }),
      shrinkingContext(100_000, 20_000),
    ).catch((e: unknown) => e);
    // Assess (the first ask sizes the reserve; then 80, 60, 40 s pass and 20 s stops)
    expect(error).toMatchObject({
      name: 'SweepIncompleteError',
      evaluated: 3,
      unevaluated: ['j4', 'j5', 'j6'],
    });
  });
});
