import { Logger } from '@aws-lambda-powertools/logger';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeThing, fakeJobRule } from '../../bench/support/fake-rules';
import { mintResultToken, readStoredEvaluations, registerConfigRule } from '../../emulator/config-service';
import { changedEvaluations, type StoredResult, staleOf } from '../../functions/runtime/config-service';
import { SweepIncompleteError } from '../../functions/runtime/errors';
import { EVALUATION_MAX_AGE_ENV, toHandler } from '../../functions/runtime/handler';
import { Compliance, type Evaluation } from '../../functions/runtime/types';
import { useEmulator } from '../emulator/context';
import { emulatorAws } from '../support/aws';
import { type RecordedCall, recordCalls } from '../support/call-recorder';
import { scheduledEvent } from '../support/config-events';

const emulator = useEmulator();
const logger = new Logger({ logLevel: 'SILENT' });
const RULE = 'glue-fake-thing-good';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

const things = (n: number, good = true): FakeThing[] =>
  Array.from({ length: n }, (_, i) => ({ Name: `job-${String(i).padStart(3, '0')}`, Good: good }));

/** One scheduled sweep `daysFromNow` days after the emulator's clock (which stamps ResultRecordedTime). */
async function sweep(list: FakeThing[], daysFromNow: number, maxAgeMs: number | 'from environment' = WEEK) {
  // In AWS the rule exists before its first run; moto learns of it from the first PutEvaluations.
  await registerConfigRule(emulator.endpoint, RULE);
  const aws = emulatorAws(emulator);
  const calls: RecordedCall[] = recordCalls(aws, ConfigServiceClient);
  const handler = toHandler(fakeJobRule(list), {
    aws,
    logger,
    put: { retries: 0, backoffMs: 1 },
    ...(maxAgeMs === 'from environment' ? {} : { evaluationMaxAgeMs: maxAgeMs }),
  });
  const at = new Date(Date.now() + daysFromNow * DAY).toISOString();
  const result = await handler(
    scheduledEvent({ configRuleName: RULE, resultToken: mintResultToken(RULE), at }),
  );
  const puts = calls.filter((c) => c.command === 'PutEvaluationsCommand');
  const put = puts.flatMap((c) => (c.input.Evaluations as Evaluation[]) ?? []);
  const listings = calls.filter((c) => c.command === 'GetComplianceDetailsByConfigRuleCommand').length;
  return { result, puts: puts.length, put, listings, calls };
}

const stored = () => readStoredEvaluations(emulator.endpoint, RULE);
const ids = (evaluations: Evaluation[]) => evaluations.map((e) => e.ComplianceResourceId).sort();

describe('Runtime: sweeps put only changed evaluations (evaluationMaxAgeMs)', () => {
  it('puts nothing for an unchanged estate the day after, with one empty PutEvaluations', async () => {
    // Prepare
    const first = await sweep(things(250), 0);
    const recorded = (await stored()).map((e) => e.ResultRecordedTime.getTime());
    // Act
    const second = await sweep(things(250), 1);
    // Assess
    expect(first.put).toHaveLength(250);
    expect(first.puts).toBe(3);
    expect(second.put).toHaveLength(0);
    expect(second.puts).toBe(1);
    expect(second.result.reported).toBe(0);
    expect(second.result.unchangedSkipped).toBe(250);
    // One listing (3 pages of 100) served both the filter and clean-up.
    expect(second.listings).toBe(3);
    expect((await stored()).map((e) => e.ResultRecordedTime.getTime())).toEqual(recorded);
  });

  it('puts every compliance change (both ways), annotation change, new resource and clean-up', async () => {
    // Prepare: 20 jobs, job-000..004 NON_COMPLIANT.
    const before = things(20).map((t, i) => ({ ...t, Good: i >= 5 }));
    await sweep(before, 0);
    const after = before
      .filter((t) => t.Name !== 'job-019') // deleted
      .map((t, i) => ({ ...t, Good: i < 2 ? true : i >= 10 && i < 13 ? false : t.Good }));
    after.push({ Name: 'job-new', Good: true });
    // Act
    const second = await sweep(after, 1);
    // Assess: 2 NON_COMPLIANT -> COMPLIANT, 3 COMPLIANT -> NON_COMPLIANT, 1 new, then 1 stale.
    expect(ids(second.put)).toEqual(
      ['job-000', 'job-001', 'job-010', 'job-011', 'job-012', 'job-new', 'job-019'].sort(),
    );
    expect(second.result.staleCleared).toBe(1);
    expect(second.result.reported).toBe(7);
    expect(second.result.unchangedSkipped).toBe(14);
    const byId = new Map((await stored()).map((e) => [e.ComplianceResourceId, e.ComplianceType]));
    expect(byId.get('job-000')).toBe('COMPLIANT');
    expect(byId.get('job-010')).toBe('NON_COMPLIANT');
    expect(byId.get('job-019')).toBe('NOT_APPLICABLE');
  });

  it('re-asserts every unchanged result once it is the maximum age old', async () => {
    // Prepare
    await sweep(things(120), 0);
    await sweep(things(120), 1);
    // Act
    const late = await sweep(things(120), 7 + 1 / 24);
    // Assess
    expect(late.put).toHaveLength(120);
    expect(late.puts).toBe(2);
  });

  it('puts every evaluation when the setting is 0 (or absent)', async () => {
    // Prepare
    await sweep(things(30), 0, 0);
    // Act
    const off = await sweep(things(30), 1, 0);
    const absent = await sweep(things(30), 2, 'from environment');
    // Assess
    expect(off.put).toHaveLength(30);
    expect(off.listings).toBe(1);
    expect(absent.put).toHaveLength(30);
  });

  it('reads the setting in hours from the environment', async () => {
    // Prepare
    await sweep(things(10), 0, 0);
    process.env[EVALUATION_MAX_AGE_ENV] = '48';
    // Act
    const skipped = await sweep(things(10), 1, 'from environment');
    const reasserted = await sweep(things(10), 3, 'from environment');
    // Assess
    expect(skipped.put).toHaveLength(0);
    expect(reasserted.put).toHaveLength(10);
  });

  it('never cleans up on a partial sweep, and still puts its changes', async () => {
    // Prepare
    await sweep(things(5), 0);
    const list = things(5).map((t, i) => ({ ...t, Good: i !== 0, Fail: i === 4 }));
    // Act
    const act = sweep(
      list.filter((t) => t.Name !== 'job-003'),
      1,
    );
    // Assess: job-003 is gone and job-004 failed, yet nothing is marked NOT_APPLICABLE.
    await expect(act).rejects.toBeInstanceOf(SweepIncompleteError);
    const byId = new Map((await stored()).map((e) => [e.ComplianceResourceId, e.ComplianceType]));
    expect(byId.get('job-000')).toBe('NON_COMPLIANT');
    expect(byId.get('job-003')).toBe('COMPLIANT');
    expect(byId.get('job-004')).toBe('COMPLIANT');
  });
});

afterEach(() => {
  delete process.env[EVALUATION_MAX_AGE_ENV];
});

describe('Runtime: changedEvaluations', () => {
  const now = new Date('2026-12-05T06:00:00Z');
  const evaluation = (
    id: string,
    compliance: Evaluation['ComplianceType'],
    annotation?: string,
  ): Evaluation => ({
    ComplianceResourceType: 'AWS::Glue::Job',
    ComplianceResourceId: id,
    ComplianceType: compliance,
    OrderingTimestamp: now,
    ...(annotation === undefined ? {} : { Annotation: annotation }),
  });
  const result = (
    id: string,
    compliance: string,
    annotation: string | undefined,
    ageMs?: number,
  ): StoredResult => ({
    resourceType: 'AWS::Glue::Job',
    resourceId: id,
    compliance,
    annotation,
    recordedAt: ageMs === undefined ? undefined : new Date(now.getTime() - ageMs),
  });
  const storedOf = (...results: StoredResult[]) =>
    new Map(results.map((r) => [`${r.resourceType}|${r.resourceId}`, r]));

  it('keeps what changed, is new, has no recorded time or is old enough; drops the rest', () => {
    // Prepare
    const evaluations = [
      evaluation('same', Compliance.COMPLIANT, 'ok'),
      evaluation('flipped', Compliance.COMPLIANT, 'ok'),
      evaluation('reworded', Compliance.NON_COMPLIANT, 'now 3 offenders'),
      evaluation('new', Compliance.COMPLIANT, 'ok'),
      evaluation('undated', Compliance.COMPLIANT, 'ok'),
      evaluation('old', Compliance.COMPLIANT, 'ok'),
      evaluation('almost-old', Compliance.COMPLIANT, 'ok'),
      evaluation('no-annotation', Compliance.COMPLIANT),
    ];
    const stored = storedOf(
      result('same', 'COMPLIANT', 'ok', DAY),
      result('flipped', 'NON_COMPLIANT', 'ok', DAY),
      result('reworded', 'NON_COMPLIANT', 'now 2 offenders', DAY),
      result('undated', 'COMPLIANT', 'ok'),
      result('old', 'COMPLIANT', 'ok', WEEK),
      result('almost-old', 'COMPLIANT', 'ok', WEEK - 1),
      result('no-annotation', 'COMPLIANT', undefined, DAY),
    );
    // Act
    const kept = changedEvaluations(evaluations, stored, now, WEEK);
    // Assess
    expect(ids(kept)).toEqual(['flipped', 'new', 'old', 'reworded', 'undated']);
  });

  it('skips an unchanged NOT_APPLICABLE verdict, and clean-up leaves stored NOT_APPLICABLE alone', () => {
    // Prepare
    const stored = storedOf(
      result('no-connection', 'NOT_APPLICABLE', 'The job uses no connection', DAY),
      result('deleted-long-ago', 'NOT_APPLICABLE', 'The resource no longer exists', WEEK * 4),
      result('deleted-today', 'COMPLIANT', 'ok', DAY),
    );
    const evaluations = [
      evaluation('no-connection', Compliance.NOT_APPLICABLE, 'The job uses no connection'),
    ];
    // Act
    const kept = changedEvaluations(evaluations, stored, now, WEEK);
    const stale = staleOf(stored, new Set(['AWS::Glue::Job|no-connection']), now);
    // Assess
    expect(kept).toEqual([]);
    expect(ids(stale)).toEqual(['deleted-today']);
    expect(stale[0]?.ComplianceType).toBe('NOT_APPLICABLE');
  });

  it('keeps everything when the maximum age is 0', () => {
    // Prepare
    const evaluations = [evaluation('same', Compliance.COMPLIANT, 'ok')];
    // Act
    const kept = changedEvaluations(evaluations, storedOf(result('same', 'COMPLIANT', 'ok', 1)), now, 0);
    // Assess
    expect(kept).toHaveLength(1);
  });
});
