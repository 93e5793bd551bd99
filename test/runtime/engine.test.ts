import { describe, expect, it } from 'vitest';
import { fakeAccountRule, fakeJobRule } from '../../bench/support/fake-rules';
import { createAwsContext } from '../../functions/runtime/aws';
import { evaluateEvent } from '../../functions/runtime/engine';
import { InvalidEventError, InvalidParameterValueError } from '../../functions/runtime/errors';
import { ConfigurationShapeError } from '../../functions/runtime/shape';
import { changeEvent, glueJobItem, scheduledEvent } from '../support/config-events';

const aws = createAwsContext({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9' });

describe('evaluateEvent', () => {
  it('evaluates a changed item with the capture time as OrderingTimestamp', async () => {
    // Prepare
    const item = glueJobItem({ Name: 'j1', Good: true });
    // Act
    const run = await evaluateEvent(fakeJobRule([]), changeEvent(item), aws);
    // Assess
    expect(run.evaluations).toEqual([
      {
        ComplianceResourceType: 'AWS::Glue::Job',
        ComplianceResourceId: 'j1',
        ComplianceType: 'COMPLIANT',
        Annotation: 'good',
        OrderingTimestamp: new Date(item.configurationItemCaptureTime),
      },
    ]);
    expect(run.scheduled).toBe(false);
  });

  it.each(['ResourceDeleted', 'ResourceDeletedNotRecorded', 'ResourceNotRecorded'])(
    'reports NOT_APPLICABLE for a %s item without reading its configuration',
    async (status) => {
      // Prepare
      const item = glueJobItem({ Name: 'gone' }, status);
      // Act
      const run = await evaluateEvent(fakeJobRule([]), changeEvent(item), aws);
      // Assess
      expect(run.evaluations).toHaveLength(1);
      expect(run.evaluations[0]).toMatchObject({
        ComplianceResourceId: 'gone',
        ComplianceType: 'NOT_APPLICABLE',
      });
      expect(run.evaluations[0]?.Annotation).toContain(status);
    },
  );

  it('reports NOT_APPLICABLE when the resource left the rule scope', async () => {
    // Act
    const run = await evaluateEvent(
      fakeJobRule([]),
      changeEvent(glueJobItem({ Name: 'j1', Good: true }), { eventLeftScope: true }),
      aws,
    );
    // Assess
    expect(run.evaluations[0]).toMatchObject({
      ComplianceType: 'NOT_APPLICABLE',
      Annotation: 'The resource left the rule scope',
    });
  });

  it('sweeps every listed resource on a scheduled notification and keeps going past a failure', async () => {
    // Prepare
    const rule = fakeJobRule([
      { Name: 'a', Good: true },
      { Name: 'b', Good: false, Fail: true },
      { Name: 'c', Good: false },
    ]);
    // Act
    const run = await evaluateEvent(rule, scheduledEvent({ at: '2026-11-27T06:00:00.000Z' }), aws);
    // Assess
    expect(run.evaluations.map((e) => [e.ComplianceResourceId, e.ComplianceType])).toEqual([
      ['a', 'COMPLIANT'],
      ['c', 'NON_COMPLIANT'],
    ]);
    expect(
      run.evaluations.every((e) => e.OrderingTimestamp.toISOString() === '2026-11-27T06:00:00.000Z'),
    ).toBe(true);
    expect(run.failures.map((f) => f.resourceId)).toEqual(['b']);
    expect([...run.present].sort()).toEqual(['AWS::Glue::Job|a', 'AWS::Glue::Job|b', 'AWS::Glue::Job|c']);
  });

  it('reports an account rule against AWS::::Account with the account id', async () => {
    // Act
    const run = await evaluateEvent(
      fakeAccountRule(false),
      scheduledEvent({ accountId: '111122223333' }),
      aws,
    );
    // Assess
    expect(run.evaluations).toMatchObject([
      {
        ComplianceResourceType: 'AWS::::Account',
        ComplianceResourceId: '111122223333',
        ComplianceType: 'NON_COMPLIANT',
      },
    ]);
    expect(run.verdicts[0]?.verdict.offenders).toEqual(['x']);
  });

  it('passes typed parameters to the rule', async () => {
    // Act
    const run = await evaluateEvent(
      fakeJobRule([{ Name: 'a', Good: true }]),
      scheduledEvent({ ruleParameters: { strict: 'true' } }),
      aws,
    );
    // Assess
    expect(run.evaluations[0]?.ComplianceType).toBe('NON_COMPLIANT');
  });

  it('rejects invalid parameters before evaluating anything', async () => {
    // Act
    const act = evaluateEvent(
      fakeJobRule([{ Name: 'a', Good: true }]),
      scheduledEvent({ ruleParameters: { strict: 'maybe' } }),
      aws,
    );
    // Assess
    await expect(act).rejects.toBeInstanceOf(InvalidParameterValueError);
    await expect(act).rejects.toThrow("'strict'");
  });

  it('refuses a change notification for a periodic account rule', async () => {
    // Act / Assess
    await expect(
      evaluateEvent(fakeAccountRule(true), changeEvent(glueJobItem({ Name: 'j' })), aws),
    ).rejects.toThrow(InvalidEventError);
  });

  it('records a changed resource the rule cannot judge as a failure, with no evaluation', async () => {
    // Prepare
    const item = glueJobItem({ Name: 'j1', Good: true, Fail: true });
    // Act
    const run = await evaluateEvent(fakeJobRule([]), changeEvent(item), aws);
    // Assess
    expect(run.evaluations).toEqual([]);
    expect(run.verdicts).toEqual([]);
    expect(run.failures).toHaveLength(1);
    expect(run.failures[0]?.resourceId).toBe('j1');
    expect(run.failures[0]?.error).toEqual(new Error('cannot judge j1'));
    expect([...run.present]).toEqual(['AWS::Glue::Job|j1']);
  });

  it('rejects an OK item whose configuration is null: nothing is judged from it', async () => {
    // Prepare
    const item = { ...glueJobItem({ Name: 'j1', Good: true }), configuration: null };
    // Act
    const act = evaluateEvent(fakeJobRule([]), changeEvent(item), aws);
    // Assess
    await expect(act).rejects.toBeInstanceOf(InvalidEventError);
    await expect(act).rejects.toThrow('The configuration item for j1 has no configuration');
  });

  it.each([
    ['a string', 'Good'],
    ['an array', [{ Name: 'j1', Good: true }]],
    ['a number', 7],
  ])('rejects an item whose configuration is %s (never judged COMPLIANT)', async (kind, configuration) => {
    // Prepare
    const item = { ...glueJobItem({ Name: 'j1', Good: true }), configuration } as never;
    // Act
    const act = evaluateEvent(fakeJobRule([]), changeEvent(item), aws);
    // Assess
    await expect(act).rejects.toBeInstanceOf(ConfigurationShapeError);
    await expect(act).rejects.toThrow(`Configuration field 'configuration' should be an object, got ${kind}`);
  });

  it('rejects an item whose tags are not a map of strings', async () => {
    // Prepare
    const item = { ...glueJobItem({ Name: 'j1', Good: true }), tags: { owner: 42 } } as never;
    // Act / Assess
    await expect(evaluateEvent(fakeJobRule([]), changeEvent(item), aws)).rejects.toThrow(
      "Configuration field 'tags.owner' should be a string, got a number",
    );
  });

  it.each([
    [{ invokingEvent: '{', resultToken: 't', configRuleName: 'r', accountId: '1' }, 'not valid JSON'],
    [
      { invokingEvent: '{"messageType":"Nope"}', resultToken: 't', configRuleName: 'r', accountId: '1' },
      'Unsupported',
    ],
    [
      {
        invokingEvent: '{"messageType":"ScheduledNotification"}',
        resultToken: 't',
        configRuleName: 'r',
        accountId: '1',
      },
      'notificationCreationTime',
    ],
    [
      {
        invokingEvent: '{"messageType":"ConfigurationItemChangeNotification"}',
        resultToken: 't',
        configRuleName: 'r',
        accountId: '1',
      },
      "no 'configurationItem'",
    ],
    [{ invokingEvent: '{}', configRuleName: 'r', accountId: '1' }, "no 'resultToken'"],
  ])('rejects a malformed event with a clear error (%#)', async (event, message) => {
    // Act / Assess
    await expect(evaluateEvent(fakeJobRule([]), event as never, aws)).rejects.toThrow(message);
  });
});
