import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { describe, expect, it } from 'vitest';
import { rule as plaintextSecrets } from '../../functions/rules/glue-job-no-plaintext-secrets';
import { rules } from '../../functions/rules/index';
import { createAwsContext } from '../../functions/runtime/aws';
import { evaluateEvent } from '../../functions/runtime/engine';
import { HistoryItemMismatchError } from '../../functions/runtime/errors';
import { fetchOversizedItem, toNotificationItem } from '../../functions/runtime/event';
import type { AnyRule } from '../../functions/runtime/rule';
import { ConfigurationShapeError, optionalStringMap, requireRecord } from '../../functions/runtime/shape';
import type { ConfigurationItem } from '../../functions/runtime/types';
import { changeEvent, glueJobItem, oversizedEvent } from '../support/config-events';

const CAPTURED = '2026-11-20T09:15:42.318Z';

/** A context whose Config client answers GetResourceConfigHistory with `items`. */
function historyAnswering(items: unknown[]) {
  const aws = createAwsContext({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9' });
  Object.assign(aws.client(ConfigServiceClient), { send: async () => ({ configurationItems: items }) });
  return aws;
}
const offline = createAwsContext({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9' });

function jobItemWith(configuration: unknown): ConfigurationItem {
  return { ...glueJobItem({ Name: 'shapeless' }), configuration };
}

/** What a run concluded: the compliance of its evaluations, or the name of the error it threw. */
async function outcome(rule: AnyRule, event: Parameters<typeof evaluateEvent>[1], aws = offline) {
  try {
    const run = await evaluateEvent(rule, event, aws);
    if (run.failures.length > 0) return run.failures.map((f) => (f.error as Error).name).join(',');
    return run.evaluations.map((e) => e.ComplianceType).join(',');
  } catch (error) {
    return (error as Error).name;
  }
}

const changeTriggered = rules.filter(
  (r): r is Extract<AnyRule, { scope: 'resource' }> => r.scope === 'resource' && r.resourceTypes.length > 0,
);

describe('Configurations of the wrong shape', () => {
  it.each([
    ['a string', 'not a job'],
    ['an array', [{ Name: 'a' }]],
    ['a number', 42],
  ])('every change-triggered rule fails on a configuration that is %s', async (_kind, configuration) => {
    for (const rule of changeTriggered) {
      // Prepare
      const type = rule.resourceTypes[0] as string;
      const item = { ...jobItemWith(configuration), resourceType: type };
      // Act
      const result = await outcome(rule, changeEvent(item));
      // Assess
      expect(result, rule.id).toBe('ConfigurationShapeError');
    }
  });

  it.each([
    ['DefaultArguments', { DefaultArguments: '--password=hunter2' }],
    ['NonOverridableArguments', { NonOverridableArguments: ['--password', 'hunter2'] }],
    ['DefaultArguments.--db_password', { DefaultArguments: { '--db_password': { value: 'x' } } }],
  ])('glue-job-no-plaintext-secrets names %s when it is not a string map', async (field, wrong) => {
    // Prepare
    const item = jobItemWith({ Name: 'shapeless', Command: { Name: 'glueetl' }, ...wrong });
    // Act
    const run = await evaluateEvent(plaintextSecrets, changeEvent(item), offline);
    // Assess
    expect(run.evaluations).toEqual([]);
    expect(run.failures[0]?.error).toBeInstanceOf(ConfigurationShapeError);
    expect(run.failures[0]?.error).toMatchObject({ field });
  });

  it('every job rule rejects a job whose arguments are a string', async () => {
    const jobRules = changeTriggered.filter(
      (r) => r.resourceTypes.includes('AWS::Glue::Job') && r.id !== 'glue-job-tagged',
    );
    expect(jobRules.length).toBeGreaterThanOrEqual(5);
    for (const rule of jobRules) {
      const item = jobItemWith({
        Name: 'j',
        Command: { Name: 'glueetl' },
        GlueVersion: '4.0',
        DefaultArguments: 'x',
      });
      expect(await outcome(rule, changeEvent(item)), rule.id).toBe('ConfigurationShapeError');
    }
  });

  it('fails an oversized item whose history configuration is cut-off JSON', async () => {
    // Prepare
    const item = glueJobItem({ Name: 'big' });
    const aws = historyAnswering([
      {
        resourceType: 'AWS::Glue::Job',
        resourceId: 'big',
        configurationItemStatus: 'OK',
        configurationItemCaptureTime: new Date(item.configurationItemCaptureTime),
        configuration: '{"Name":"big","DefaultArguments":{"--password":"hun',
      },
    ]);
    // Act
    const result = await outcome(plaintextSecrets, oversizedEvent({ ...item, resourceId: 'big' }), aws);
    // Assess
    expect(result).toBe('ConfigurationShapeError');
  });

  it('the helpers name the field and never echo the value', () => {
    expect(() => requireRecord('s3cr3t', 'configuration')).toThrow(
      "Configuration field 'configuration' should be an object, got a string",
    );
    expect(() => optionalStringMap({ a: 1 }, 'DefaultArguments')).toThrow("'DefaultArguments.a'");
    expect(() => optionalStringMap('s3cr3t', 'DefaultArguments')).not.toThrow('s3cr3t');
    expect(optionalStringMap(undefined, 'x')).toBeUndefined();
  });

  it('toNotificationItem refuses a configuration that is not complete JSON', () => {
    expect(() =>
      toNotificationItem({ resourceType: 'AWS::Glue::Job', resourceId: 'x', configuration: '{"Name":' }),
    ).toThrow(ConfigurationShapeError);
  });
});

describe('Oversized notifications and the history item', () => {
  const summary = {
    resourceType: 'AWS::Glue::Job',
    resourceId: 'big',
    configurationItemCaptureTime: CAPTURED,
  };
  const historyItem = (capturedAt: string, resourceId = 'big') => ({
    resourceType: 'AWS::Glue::Job',
    resourceId,
    configurationItemStatus: 'OK',
    configurationItemCaptureTime: new Date(capturedAt),
    configuration: '{"Name":"big"}',
  });

  it('accepts the history item captured at the notified time', async () => {
    const item = await fetchOversizedItem(historyAnswering([historyItem(CAPTURED)]), summary);
    expect(item.configurationItemCaptureTime).toBe(CAPTURED);
  });

  it('refuses an older history item instead of stamping it with the notification time', async () => {
    const act = fetchOversizedItem(historyAnswering([historyItem('2026-11-19T09:15:42.318Z')]), summary);
    await expect(act).rejects.toBeInstanceOf(HistoryItemMismatchError);
    await expect(act).rejects.toThrow('captured at 2026-11-19T09:15:42.318Z');
  });

  it("refuses another resource's history item", async () => {
    const act = fetchOversizedItem(historyAnswering([historyItem(CAPTURED, 'other')]), summary);
    await expect(act).rejects.toBeInstanceOf(HistoryItemMismatchError);
  });

  it('reports nothing for an oversized event whose history item is older', async () => {
    const item = { ...glueJobItem({ Name: 'big' }), configurationItemCaptureTime: CAPTURED };
    const aws = historyAnswering([historyItem('2026-11-01T00:00:00.000Z')]);
    expect(await outcome(plaintextSecrets, oversizedEvent(item), aws)).toBe('HistoryItemMismatchError');
  });
});
