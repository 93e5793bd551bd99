import {
  ConfigServiceClient,
  type Evaluation,
  GetComplianceDetailsByConfigRuleCommand,
  type GetComplianceDetailsByConfigRuleCommandOutput,
  PutEvaluationsCommand,
  paginateGetComplianceDetailsByConfigRule,
} from '@aws-sdk/client-config-service';
import { describe, expect, it } from 'vitest';
import {
  failNextPutEvaluations,
  mintResultToken,
  readStoredEvaluations,
  registerConfigRule,
} from '../../emulator/config-service';
import { distinctPages } from '../../functions/runtime/pages';
import { useEmulator } from './context';

const emulator = useEmulator();
const config = new ConfigServiceClient(emulator.clientConfig);
const rule = 'glue-job-security-configuration';

function jobEvaluation(id: string, overrides: Partial<Evaluation> = {}): Evaluation {
  return {
    ComplianceResourceType: 'AWS::Glue::Job',
    ComplianceResourceId: id,
    ComplianceType: 'NON_COMPLIANT',
    Annotation: `${id} has no security configuration`,
    OrderingTimestamp: new Date('2026-01-01T00:00:00Z'),
    ...overrides,
  };
}

async function putAll(evaluations: Evaluation[]): Promise<void> {
  const token = mintResultToken(rule);
  for (let start = 0; start < evaluations.length; start += 100) {
    await config.send(
      new PutEvaluationsCommand({ ResultToken: token, Evaluations: evaluations.slice(start, start + 100) }),
    );
  }
}

describe('Config PutEvaluations', () => {
  it('stores the latest result per resource for the rule the token was issued for', async () => {
    // Prepare
    const token = mintResultToken(rule);

    // Act
    const response = await config.send(
      new PutEvaluationsCommand({
        ResultToken: token,
        Evaluations: [
          jobEvaluation('etl'),
          jobEvaluation('etl', {
            ComplianceType: 'COMPLIANT',
            Annotation: undefined,
            OrderingTimestamp: new Date('2026-01-02T00:00:00Z'),
          }),
          jobEvaluation('old', { OrderingTimestamp: new Date('2026-01-03T00:00:00Z') }),
        ],
      }),
    );
    // A result for an older event must not replace a newer one.
    await config.send(
      new PutEvaluationsCommand({
        ResultToken: token,
        Evaluations: [
          jobEvaluation('old', {
            ComplianceType: 'COMPLIANT',
            OrderingTimestamp: new Date('2025-12-01T00:00:00Z'),
          }),
        ],
      }),
    );
    const stored = await readStoredEvaluations(emulator.endpoint, rule);

    // Assess
    expect(response.FailedEvaluations).toEqual([]);
    expect(stored).toMatchObject([
      { ConfigRuleName: rule, ComplianceResourceId: 'etl', ComplianceType: 'COMPLIANT' },
      { ConfigRuleName: rule, ComplianceResourceId: 'old', ComplianceType: 'NON_COMPLIANT' },
    ]);
    expect(stored[0]?.Annotation).toBeUndefined();
    expect(stored[0]?.OrderingTimestamp).toEqual(new Date('2026-01-02T00:00:00Z'));
  });

  it('accepts an empty list', async () => {
    // Act
    const response = await config.send(
      new PutEvaluationsCommand({ ResultToken: mintResultToken(rule), Evaluations: [] }),
    );

    // Assess
    expect(response.FailedEvaluations).toEqual([]);
  });

  it('validates but stores nothing in TestMode, whatever the token', async () => {
    // Act
    await config.send(
      new PutEvaluationsCommand({ ResultToken: 'any', Evaluations: [jobEvaluation('etl')], TestMode: true }),
    );
    const invalid = config.send(
      new PutEvaluationsCommand({
        ResultToken: 'any',
        Evaluations: [jobEvaluation('etl', { ComplianceType: 'INSUFFICIENT_DATA' })],
        TestMode: true,
      }),
    );

    // Assess
    await expect(invalid).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
    expect(await readStoredEvaluations(emulator.endpoint, rule)).toEqual([]);
  });

  it('rejects a token Config did not issue', async () => {
    // Act
    const put = config.send(
      new PutEvaluationsCommand({ ResultToken: 'forged', Evaluations: [jobEvaluation('etl')] }),
    );

    // Assess
    await expect(put).rejects.toMatchObject({ name: 'InvalidResultTokenException' });
  });

  it('rejects more than 100 evaluations', async () => {
    // Prepare
    const evaluations = Array.from({ length: 101 }, (_, index) => jobEvaluation(`job-${index}`));

    // Act
    const put = config.send(
      new PutEvaluationsCommand({ ResultToken: mintResultToken(rule), Evaluations: evaluations }),
    );

    // Assess
    await expect(put).rejects.toMatchObject({ name: 'ValidationException' });
    expect(await readStoredEvaluations(emulator.endpoint, rule)).toEqual([]);
  });

  it.each([
    [
      'INSUFFICIENT_DATA from a Lambda',
      { ComplianceType: 'INSUFFICIENT_DATA' },
      'InvalidParameterValueException',
    ],
    ['an annotation over 256 characters', { Annotation: 'x'.repeat(257) }, 'ValidationException'],
    ['a resource id over 768 characters', { ComplianceResourceId: 'x'.repeat(769) }, 'ValidationException'],
    ['a missing OrderingTimestamp', { OrderingTimestamp: undefined }, 'ValidationException'],
    [
      'a resource type Config does not record',
      { ComplianceResourceType: 'AWS::Glue::Crawler' },
      'InvalidParameterValueException',
    ],
  ] as const)('rejects %s', async (_case, overrides, errorName) => {
    // Act
    const put = config.send(
      new PutEvaluationsCommand({
        ResultToken: mintResultToken(rule),
        Evaluations: [jobEvaluation('etl', overrides)],
      }),
    );

    // Assess
    await expect(put).rejects.toMatchObject({ name: errorName });
  });

  it('accepts AWS::::Account for periodic rules', async () => {
    // Act
    await config.send(
      new PutEvaluationsCommand({
        ResultToken: mintResultToken(rule),
        Evaluations: [jobEvaluation(emulator.accountId, { ComplianceResourceType: 'AWS::::Account' })],
      }),
    );

    // Assess
    expect(await readStoredEvaluations(emulator.endpoint, rule)).toMatchObject([
      { ComplianceResourceType: 'AWS::::Account', ComplianceResourceId: emulator.accountId },
    ]);
  });

  it('reports evaluations as failed once when the test hook asks for it', async () => {
    // Prepare
    await failNextPutEvaluations(emulator.endpoint, 1);
    const token = mintResultToken(rule);

    // Act
    const first = await config.send(
      new PutEvaluationsCommand({
        ResultToken: token,
        Evaluations: [jobEvaluation('a'), jobEvaluation('b')],
      }),
    );
    const retry = await config.send(
      new PutEvaluationsCommand({ ResultToken: token, Evaluations: [jobEvaluation('a')] }),
    );

    // Assess
    expect(first.FailedEvaluations).toMatchObject([{ ComplianceResourceId: 'a' }]);
    expect(retry.FailedEvaluations).toEqual([]);
    expect(
      (await readStoredEvaluations(emulator.endpoint, rule)).map((item) => item.ComplianceResourceId),
    ).toEqual(['a', 'b']);
  });

  it('keeps results per account', async () => {
    // Prepare
    const other = new ConfigServiceClient(emulator.clientConfig);
    other.middlewareStack.add(
      (next) => async (args) => {
        (args.request as { headers: Record<string, string> }).headers['x-moto-account-id'] = '111122223333';
        return next(args);
      },
      { step: 'build' },
    );

    // Act
    await other.send(
      new PutEvaluationsCommand({ ResultToken: mintResultToken(rule), Evaluations: [jobEvaluation('etl')] }),
    );

    // Assess
    expect(await readStoredEvaluations(emulator.endpoint, rule)).toEqual([]);
    expect(await readStoredEvaluations(emulator.endpoint, rule, { accountId: '111122223333' })).toHaveLength(
      1,
    );
  });
});

describe('Config GetComplianceDetailsByConfigRule', () => {
  it('pages 250 stored results back in three pages of 100', async () => {
    // Prepare
    await putAll(
      Array.from({ length: 250 }, (_, index) => jobEvaluation(`job-${String(index).padStart(3, '0')}`)),
    );

    // Act
    const pages: GetComplianceDetailsByConfigRuleCommandOutput[] = [];
    const paginator = paginateGetComplianceDetailsByConfigRule(
      { client: config, pageSize: 100 },
      { ConfigRuleName: rule },
    );
    for await (const page of distinctPages(
      'config:GetComplianceDetailsByConfigRule',
      paginator,
      (p) => p.NextToken,
    )) {
      pages.push(page);
    }

    // Assess
    expect(pages.map((page) => page.EvaluationResults?.length)).toEqual([100, 100, 50]);
    const first = pages[0]?.EvaluationResults?.[0];
    expect(first).toMatchObject({
      EvaluationResultIdentifier: {
        EvaluationResultQualifier: {
          ConfigRuleName: rule,
          ResourceType: 'AWS::Glue::Job',
          ResourceId: 'job-000',
        },
        OrderingTimestamp: new Date('2026-01-01T00:00:00Z'),
      },
      ComplianceType: 'NON_COMPLIANT',
      Annotation: 'job-000 has no security configuration',
    });
    expect(first?.ResultRecordedTime).toBeInstanceOf(Date);
    expect(first?.ConfigRuleInvokedTime).toBeInstanceOf(Date);
  });

  it('uses a page size of 10 by default and filters by ComplianceTypes', async () => {
    // Prepare
    await putAll([
      ...Array.from({ length: 12 }, (_, index) => jobEvaluation(`bad-${index}`)),
      jobEvaluation('good', { ComplianceType: 'COMPLIANT' }),
    ]);

    // Act
    const firstPage = await config.send(
      new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: rule }),
    );
    const compliant = await config.send(
      new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: rule, ComplianceTypes: ['COMPLIANT'] }),
    );

    // Assess
    expect(firstPage.EvaluationResults).toHaveLength(10);
    expect(firstPage.NextToken).toBeDefined();
    expect(
      compliant.EvaluationResults?.map(
        (result) => result.EvaluationResultIdentifier?.EvaluationResultQualifier?.ResourceId,
      ),
    ).toEqual(['good']);
  });

  it('answers NoSuchConfigRuleException for a rule that does not exist, and [] for a registered one', async () => {
    // Prepare
    await registerConfigRule(emulator.endpoint, 'registered');

    // Act
    const unknown = await config
      .send(new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: 'nope' }))
      .catch((error: unknown) => error);
    const registered = await config.send(
      new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: 'registered' }),
    );

    // Assess
    expect(unknown).toMatchObject({ name: 'NoSuchConfigRuleException' });
    expect(registered.EvaluationResults).toEqual([]);
  });

  it('rejects a Limit over 100 and INSUFFICIENT_DATA as a filter', async () => {
    // Prepare
    await registerConfigRule(emulator.endpoint, rule);

    // Act
    const tooMany = await config
      .send(new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: rule, Limit: 101 }))
      .catch((error: unknown) => error);
    const insufficient = await config
      .send(
        new GetComplianceDetailsByConfigRuleCommand({
          ConfigRuleName: rule,
          ComplianceTypes: ['INSUFFICIENT_DATA'],
        }),
      )
      .catch((error: unknown) => error);

    // Assess
    expect(tooMany).toMatchObject({ name: 'ValidationException' });
    expect(insufficient).toMatchObject({ name: 'InvalidParameterValueException' });
  });
});
