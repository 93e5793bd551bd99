// Issue 11: pins chunking, retries, back-off and the stored-result listing of
// functions/runtime/config-service.ts against a stubbed client (Stryker survivors of the runtime slice).
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  changedEvaluations,
  putEvaluations,
  type StoredResult,
  staleOf,
  storedResults,
} from '../../functions/runtime/config-service';
import type { Evaluation } from '../../functions/runtime/types';
import { stubSend, testAws } from '../support/stub-send';

/** A context whose Config client answers with `answer` (at most `limit` calls, then it throws). */
function fakeAws(answer: (command: string, input: Record<string, unknown>) => unknown, limit = 50) {
  const sent = stubSend(ConfigServiceClient, answer, { limit });
  return { aws: testAws(), sent };
}

const AT = new Date('2026-11-27T06:00:00.000Z');
const evaluation = (id: string): Evaluation => ({
  ComplianceResourceType: 'AWS::Glue::Job',
  ComplianceResourceId: id,
  ComplianceType: 'COMPLIANT',
  OrderingTimestamp: AT,
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('putEvaluations', () => {
  it('sends 100 evaluations in one call and 101 in two', async () => {
    const hundred = fakeAws(() => ({ FailedEvaluations: [] }));
    await putEvaluations(
      hundred.aws,
      Array.from({ length: 100 }, (_, i) => evaluation(`j${i}`)),
      'token',
    );
    expect(hundred.sent.map((s) => (s.input.Evaluations as unknown[]).length)).toEqual([100]);
    const more = fakeAws(() => ({}));
    await putEvaluations(
      more.aws,
      Array.from({ length: 101 }, (_, i) => evaluation(`j${i}`)),
      'token',
    );
    expect(more.sent.map((s) => (s.input.Evaluations as unknown[]).length)).toEqual([100, 1]);
  });
  it('stores nothing in test mode, and stores with any other token', async () => {
    const test = fakeAws(() => ({}));
    await putEvaluations(test.aws, [evaluation('a')], 'TESTMODE');
    expect(test.sent[0]?.input).toMatchObject({ ResultToken: 'TESTMODE', TestMode: true });
    const real = fakeAws(() => ({}));
    await putEvaluations(real.aws, [evaluation('a')], 'token');
    expect(real.sent[0]?.input).toMatchObject({ ResultToken: 'token', TestMode: false });
  });
  it('retries a rejected evaluation three times by default, then names it', async () => {
    const { aws, sent } = fakeAws((_c, input) => ({ FailedEvaluations: input.Evaluations }));
    await expect(putEvaluations(aws, [evaluation('a')], 'token', { backoffMs: 0 })).rejects.toThrow(
      'AWS Config rejected 1 evaluation(s) after 3 retries: AWS::Glue::Job a',
    );
    expect(sent).toHaveLength(4);
  });
  it("a retry loop that would not end fails at the stub's call limit instead of hanging", async () => {
    const { aws, sent } = fakeAws((_c, input) => ({ FailedEvaluations: input.Evaluations }), 5);
    await expect(
      putEvaluations(aws, [evaluation('a')], 'token', { retries: 1_000, backoffMs: 0 }),
    ).rejects.toThrow('stubSend: more than 5 calls');
    expect(sent).toHaveLength(5);
  });
  it('keeps the ordering timestamp of a rejected evaluation when it retries it', async () => {
    let first = true;
    const { aws, sent } = fakeAws((_c, input) => {
      if (!first) return {};
      first = false;
      return { FailedEvaluations: input.Evaluations };
    });
    await putEvaluations(aws, [evaluation('a')], 'token', { backoffMs: 0 });
    expect(sent).toHaveLength(2);
    const retried = sent[1]?.input.Evaluations as Evaluation[] | undefined;
    expect(retried?.[0]?.OrderingTimestamp).toEqual(AT);
  });
  it('waits 200 ms, then 400 ms between retries by default', async () => {
    vi.useFakeTimers();
    let calls = 0;
    const { aws, sent } = fakeAws((_c, input) => {
      calls++;
      return calls <= 2 ? { FailedEvaluations: input.Evaluations } : {};
    });
    const done = putEvaluations(aws, [evaluation('a')], 'token');
    await vi.advanceTimersByTimeAsync(199);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(399);
    expect(sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toHaveLength(3);
    await done;
  });
});

describe('storedResults', () => {
  const q = (id: string) => ({ ResourceType: 'AWS::Glue::Job', ResourceId: id });
  it('lists COMPLIANT and NON_COMPLIANT results by default', async () => {
    const { aws, sent } = fakeAws(() => ({}));
    expect((await storedResults(aws, 'rule')).size).toBe(0);
    expect(sent[0]?.input).toMatchObject({
      ConfigRuleName: 'rule',
      ComplianceTypes: ['COMPLIANT', 'NON_COMPLIANT'],
    });
  });
  it('skips results without an identifier, qualifier, type or id', async () => {
    const { aws } = fakeAws(() => ({
      EvaluationResults: [
        { ComplianceType: 'COMPLIANT' },
        { EvaluationResultIdentifier: {} },
        { EvaluationResultIdentifier: { EvaluationResultQualifier: { ResourceType: 'AWS::Glue::Job' } } },
        { EvaluationResultIdentifier: { EvaluationResultQualifier: { ResourceId: 'x' } } },
        { EvaluationResultIdentifier: { EvaluationResultQualifier: q('kept') }, ComplianceType: 'COMPLIANT' },
      ],
    }));
    expect([...(await storedResults(aws, 'rule')).keys()]).toEqual(['AWS::Glue::Job|kept']);
  });
  it('records the earlier valid time, ignoring missing and invalid ones', async () => {
    const early = new Date('2026-11-01T00:00:00.000Z');
    const late = new Date('2026-11-02T00:00:00.000Z');
    const { aws } = fakeAws(() => ({
      EvaluationResults: [
        {
          EvaluationResultIdentifier: { EvaluationResultQualifier: q('both'), OrderingTimestamp: late },
          ResultRecordedTime: early,
          ComplianceType: 'NON_COMPLIANT',
          Annotation: 'bad',
        },
        {
          EvaluationResultIdentifier: { EvaluationResultQualifier: q('ordering'), OrderingTimestamp: late },
          ResultRecordedTime: new Date(Number.NaN),
        },
        { EvaluationResultIdentifier: { EvaluationResultQualifier: q('none') } },
      ],
    }));
    const stored = await storedResults(aws, 'rule');
    expect(stored.get('AWS::Glue::Job|both')).toEqual({
      resourceType: 'AWS::Glue::Job',
      resourceId: 'both',
      compliance: 'NON_COMPLIANT',
      annotation: 'bad',
      recordedAt: early,
    });
    expect(stored.get('AWS::Glue::Job|ordering')?.recordedAt).toEqual(late);
    expect(stored.get('AWS::Glue::Job|none')?.recordedAt).toBeUndefined();
  });
});

describe('staleOf and changedEvaluations', () => {
  const old = (id: string, recordedAt: Date): StoredResult => ({
    resourceType: 'AWS::Glue::Job',
    resourceId: id,
    compliance: 'COMPLIANT',
    annotation: undefined,
    recordedAt,
  });
  it('clears a vanished resource as NOT_APPLICABLE, saying it no longer exists', () => {
    expect(staleOf(new Map([['AWS::Glue::Job|gone', old('gone', AT)]]), new Set(), AT)).toEqual([
      {
        ComplianceResourceType: 'AWS::Glue::Job',
        ComplianceResourceId: 'gone',
        ComplianceType: 'NOT_APPLICABLE',
        Annotation: 'The resource no longer exists',
        OrderingTimestamp: AT,
      },
    ]);
  });
  it('puts every evaluation when the maximum age is 0, even one recorded after now', () => {
    const stored = new Map([['AWS::Glue::Job|a', old('a', new Date(AT.getTime() + 1000))]]);
    expect(changedEvaluations([evaluation('a')], stored, AT, 0)).toEqual([evaluation('a')]);
    expect(changedEvaluations([evaluation('a')], stored, AT, 1)).toEqual([]);
  });
});
