import { Logger } from '@aws-lambda-powertools/logger';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { describe, expect, it } from 'vitest';
import { type FakeThing, fakeJobRule } from '../../bench/support/fake-rules';
import {
  failNextPutEvaluations,
  mintResultToken,
  readStoredEvaluations,
  seedConfigurationItem,
} from '../../emulator/config-service';
import {
  EvaluationFailedError,
  InvalidParameterValueError,
  PutEvaluationsError,
} from '../../functions/runtime/errors';
import { toHandler } from '../../functions/runtime/handler';
import { useEmulator } from '../emulator/context';
import { emulatorAws } from '../support/aws';
import { changeEvent, glueJobItem, oversizedEvent, scheduledEvent } from '../support/config-events';

const emulator = useEmulator();
const logger = new Logger({ logLevel: 'SILENT' });
const RULE = 'glue-fake-thing-good';

function handlerFor(things: FakeThing[], retries = 3) {
  return toHandler(fakeJobRule(things), {
    aws: emulatorAws(emulator),
    logger,
    put: { retries, backoffMs: 1 },
  });
}
const token = (): string => mintResultToken(RULE);
const stored = () => readStoredEvaluations(emulator.endpoint, RULE);
const things = (n: number, good = true): FakeThing[] =>
  Array.from({ length: n }, (_, i) => ({ Name: `job-${String(i).padStart(3, '0')}`, Good: good }));

describe('Runtime: the handler against the Config API', () => {
  it('puts a sweep of 250 resources in chunks Config accepts (at most 100 per call)', async () => {
    // Act
    const result = await handlerFor(things(250))(
      scheduledEvent({ configRuleName: RULE, resultToken: token() }),
    );
    // Assess
    const evaluations = await stored();
    expect(result.reported).toBe(250);
    expect(evaluations).toHaveLength(250);
    expect(evaluations.every((e) => e.ComplianceType === 'COMPLIANT')).toBe(true);
  });

  it('retries evaluations Config reports as failed', async () => {
    // Prepare
    await failNextPutEvaluations(emulator.endpoint, 5);
    // Act
    await handlerFor(things(20))(scheduledEvent({ configRuleName: RULE, resultToken: token() }));
    // Assess
    expect(await stored()).toHaveLength(20);
  });

  it('raises when Config keeps rejecting evaluations, naming them', async () => {
    // Prepare
    await failNextPutEvaluations(emulator.endpoint, 2);
    // Act
    const act = handlerFor(things(3), 0)(scheduledEvent({ configRuleName: RULE, resultToken: token() }));
    // Assess (the emulator fails the first two evaluations of the call: job-000 and job-001)
    await expect(act).rejects.toBeInstanceOf(PutEvaluationsError);
    await expect(act).rejects.toThrow(
      'AWS Config rejected 2 evaluation(s) after 0 retries: AWS::Glue::Job job-000, AWS::Glue::Job job-001',
    );
  });

  it('clears evaluations of resources that no longer exist on the next sweep', async () => {
    // Prepare
    await handlerFor(things(3))(
      scheduledEvent({ configRuleName: RULE, resultToken: token(), at: '2026-11-26T06:00:00Z' }),
    );
    // Act
    const result = await handlerFor(things(1))(
      scheduledEvent({ configRuleName: RULE, resultToken: token(), at: '2026-11-27T06:00:00Z' }),
    );
    // Assess
    expect(result.staleCleared).toBe(2);
    expect((await stored()).map((e) => [e.ComplianceResourceId, e.ComplianceType])).toEqual([
      ['job-000', 'COMPLIANT'],
      ['job-001', 'NOT_APPLICABLE'],
      ['job-002', 'NOT_APPLICABLE'],
    ]);
  });

  it('clears stale results of either verdict across every page of prior results', async () => {
    // Prepare (250 prior results, more than one page of 100, alternately COMPLIANT and NON_COMPLIANT)
    const prior = Array.from({ length: 250 }, (_, i) => ({
      Name: `job-${String(i).padStart(3, '0')}`,
      Good: i % 2 === 0,
    }));
    await handlerFor(prior)(
      scheduledEvent({ configRuleName: RULE, resultToken: token(), at: '2026-11-26T06:00:00Z' }),
    );
    // Act (only job-000 is left)
    const result = await handlerFor(things(1))(
      scheduledEvent({ configRuleName: RULE, resultToken: token(), at: '2026-11-27T06:00:00Z' }),
    );
    // Assess
    expect(result.staleCleared).toBe(249);
    const verdicts = (await stored()).map((e) => e.ComplianceType);
    expect(verdicts).toHaveLength(250);
    expect(verdicts[0]).toBe('COMPLIANT');
    expect(verdicts.filter((v) => v === 'NOT_APPLICABLE')).toHaveLength(249);
  });

  it('never clears stale evaluations on the change path', async () => {
    // Prepare (the sweep predates the change item's capture time, 2026-11-20)
    await handlerFor(things(2))(
      scheduledEvent({ configRuleName: RULE, resultToken: token(), at: '2026-11-19T06:00:00Z' }),
    );
    // Act
    await handlerFor([])(
      changeEvent(glueJobItem({ Name: 'job-000', Good: false }), {
        configRuleName: RULE,
        resultToken: token(),
      }),
    );
    // Assess
    expect((await stored()).map((e) => [e.ComplianceResourceId, e.ComplianceType])).toEqual([
      ['job-000', 'NON_COMPLIANT'],
      ['job-001', 'COMPLIANT'],
    ]);
  });

  it('reports the other resources and then fails when one cannot be evaluated', async () => {
    // Prepare
    const list = [...things(2), { Name: 'job-broken', Good: true, Fail: true }];
    // Act
    const act = handlerFor(list)(scheduledEvent({ configRuleName: RULE, resultToken: token() }));
    // Assess
    await expect(act).rejects.toBeInstanceOf(EvaluationFailedError);
    await expect(act).rejects.toThrow('job-broken: cannot judge job-broken');
    expect((await stored()).map((e) => e.ComplianceResourceId)).toEqual(['job-000', 'job-001']);
  });

  it('reports nothing, and says which parameter is wrong, for invalid parameters', async () => {
    // Act
    const act = handlerFor(things(2))(
      scheduledEvent({ configRuleName: RULE, resultToken: token(), ruleParameters: { strict: 'sometimes' } }),
    );
    // Assess
    await expect(act).rejects.toBeInstanceOf(InvalidParameterValueError);
    await expect(act).rejects.toThrow("Invalid rule parameter 'strict'");
    expect(await stored()).toEqual([]);
  });

  it('fetches an oversized item from the configuration history and evaluates it', async () => {
    // Prepare
    const item = glueJobItem({ Name: 'big-job', Good: false });
    await seedConfigurationItem(emulator.endpoint, {
      resourceType: 'AWS::Glue::Job',
      resourceId: 'big-job',
      resourceName: 'big-job',
      configurationItemStatus: 'OK',
      configurationItemCaptureTime: item.configurationItemCaptureTime,
      configuration: { Name: 'big-job', Good: true },
    });
    // Act
    await handlerFor([])(oversizedEvent(item, { configRuleName: RULE, resultToken: token() }));
    // Assess
    expect(await stored()).toMatchObject([
      {
        ComplianceResourceType: 'AWS::Glue::Job',
        ComplianceResourceId: 'big-job',
        ComplianceType: 'COMPLIANT',
        OrderingTimestamp: new Date(item.configurationItemCaptureTime),
      },
    ]);
  });

  it('reports NOT_APPLICABLE for a deleted item, oversized or not, without fetching it', async () => {
    // Prepare
    const deleted = glueJobItem({ Name: 'old-job' }, 'ResourceDeleted');
    // Act (no history was seeded: a fetch would fail)
    await handlerFor([])(oversizedEvent(deleted, { configRuleName: RULE, resultToken: token() }));
    // Assess
    expect(await stored()).toMatchObject([
      { ComplianceResourceId: 'old-job', ComplianceType: 'NOT_APPLICABLE' },
    ]);
  });

  it('reports NOT_APPLICABLE for a resource that left the rule scope, without evaluating it', async () => {
    // Prepare (the job would be NON_COMPLIANT if it were evaluated)
    const item = glueJobItem({ Name: 'moved-job', Good: false });
    // Act
    await handlerFor([])(
      changeEvent(item, { configRuleName: RULE, resultToken: token(), eventLeftScope: true }),
    );
    // Assess
    expect(await stored()).toMatchObject([
      {
        ComplianceResourceId: 'moved-job',
        ComplianceType: 'NOT_APPLICABLE',
        Annotation: 'The resource left the rule scope',
      },
    ]);
  });

  it('sends an empty list when a sweep finds nothing, so Config records the run', async () => {
    // Act
    const aws = emulatorAws(emulator);
    const sent: unknown[] = [];
    aws.client(ConfigServiceClient).middlewareStack.add(
      (next) => async (args) => {
        if (args.input && typeof args.input === 'object' && 'ResultToken' in args.input)
          sent.push(args.input);
        return next(args);
      },
      { step: 'initialize', name: 'recordPutEvaluations' },
    );
    const handler = toHandler(fakeJobRule([]), { aws, logger, put: { retries: 3, backoffMs: 1 } });
    const resultToken = token();
    // Act
    const result = await handler(scheduledEvent({ configRuleName: RULE, resultToken }));
    // Assess
    expect(result.reported).toBe(0);
    expect(sent).toEqual([{ Evaluations: [], ResultToken: resultToken, TestMode: false }]);
    expect(await stored()).toEqual([]);
  });
});
