import {
  ConfigServiceClient,
  DescribeAggregateComplianceByConfigRulesCommand,
  DescribeConfigurationAggregatorsCommand,
  GetAggregateComplianceDetailsByConfigRuleCommand,
  paginateDescribeAggregateComplianceByConfigRules,
  paginateGetAggregateComplianceDetailsByConfigRule,
} from '@aws-sdk/client-config-service';
import { beforeEach, describe, expect, it } from 'vitest';
import { distinctPages } from '../../functions/runtime/pages';
import {
  configClientFor,
  evaluation,
  putOrganizationAggregator,
  reportEvaluations,
} from '../support/aggregate-estate';
import { useEmulator } from './context';

const emulator = useEmulator();
const admin = new ConfigServiceClient(emulator.clientConfig);
const A = '111111111111';
const B = '222222222222';
const RULE = 'glue-job-tagged';
const OTHER = 'glue-job-logging-enabled';

beforeEach(async () => {
  // Two accounts x two regions; account B in eu-west-1 reports only NOT_APPLICABLE.
  const a1 = await configClientFor(emulator.clientConfig, A, 'us-east-1');
  const a2 = await configClientFor(emulator.clientConfig, A, 'eu-west-1');
  const b1 = await configClientFor(emulator.clientConfig, B, 'us-east-1');
  const b2 = await configClientFor(emulator.clientConfig, B, 'eu-west-1');
  await reportEvaluations(a1, RULE, [
    evaluation('etl', 'NON_COMPLIANT', 'etl has no owner tag'),
    evaluation('load', 'COMPLIANT'),
    evaluation('retired', 'NOT_APPLICABLE'),
  ]);
  await reportEvaluations(a1, OTHER, [evaluation('etl', 'COMPLIANT')]);
  await reportEvaluations(a2, RULE, [evaluation('eu-etl', 'COMPLIANT')]);
  await reportEvaluations(b1, RULE, [
    evaluation('b-one', 'NON_COMPLIANT', 'b-one has no owner tag'),
    evaluation('b-two', 'NON_COMPLIANT', 'b-two has no owner tag'),
  ]);
  await reportEvaluations(b2, RULE, [evaluation('gone', 'NOT_APPLICABLE')]);
  await putOrganizationAggregator(admin, 'org', ['us-east-1', 'eu-west-1']);
});

describe('Config aggregators (moto) and the aggregate compliance operations (fidelity patch)', () => {
  it('describes the organization aggregator it was given', async () => {
    // Act
    const out = await admin.send(new DescribeConfigurationAggregatorsCommand({}));

    // Assess
    expect(out.ConfigurationAggregators?.map((a) => a.ConfigurationAggregatorName)).toEqual(['org']);
    expect(out.ConfigurationAggregators?.[0]?.OrganizationAggregationSource).toMatchObject({
      AwsRegions: ['us-east-1', 'eu-west-1'],
    });
  });

  it('summarises each rule per account and region, counting NON_COMPLIANT contributors', async () => {
    // Act
    const out = await admin.send(
      new DescribeAggregateComplianceByConfigRulesCommand({ ConfigurationAggregatorName: 'org' }),
    );

    // Assess
    expect(out.NextToken).toBeUndefined();
    expect(out.AggregateComplianceByConfigRules).toEqual([
      {
        ConfigRuleName: RULE,
        AccountId: A,
        AwsRegion: 'eu-west-1',
        Compliance: { ComplianceType: 'COMPLIANT' },
      },
      {
        ConfigRuleName: OTHER,
        AccountId: A,
        AwsRegion: 'us-east-1',
        Compliance: { ComplianceType: 'COMPLIANT' },
      },
      {
        ConfigRuleName: RULE,
        AccountId: A,
        AwsRegion: 'us-east-1',
        Compliance: {
          ComplianceType: 'NON_COMPLIANT',
          ComplianceContributorCount: { CappedCount: 1, CapExceeded: false },
        },
      },
      {
        ConfigRuleName: RULE,
        AccountId: B,
        AwsRegion: 'us-east-1',
        Compliance: {
          ComplianceType: 'NON_COMPLIANT',
          ComplianceContributorCount: { CappedCount: 2, CapExceeded: false },
        },
      },
    ]);
  });

  it('filters by rule, compliance, account and region', async () => {
    // Act
    const out = await admin.send(
      new DescribeAggregateComplianceByConfigRulesCommand({
        ConfigurationAggregatorName: 'org',
        Filters: { ConfigRuleName: RULE, ComplianceType: 'NON_COMPLIANT', AwsRegion: 'us-east-1' },
      }),
    );
    const onlyB = await admin.send(
      new DescribeAggregateComplianceByConfigRulesCommand({
        ConfigurationAggregatorName: 'org',
        Filters: { AccountId: B },
      }),
    );

    // Assess
    expect(out.AggregateComplianceByConfigRules?.map((r) => r.AccountId)).toEqual([A, B]);
    expect(onlyB.AggregateComplianceByConfigRules?.map((r) => [r.ConfigRuleName, r.AwsRegion])).toEqual([
      [RULE, 'us-east-1'],
    ]);
  });

  it('pages the summary with Limit and NextToken', async () => {
    // Act
    const pages = [];
    for await (const page of distinctPages(
      'config:DescribeAggregateComplianceByConfigRules',
      paginateDescribeAggregateComplianceByConfigRules(
        { client: admin, pageSize: 3 },
        { ConfigurationAggregatorName: 'org' },
      ),
      (p) => p.NextToken,
    )) {
      pages.push(page.AggregateComplianceByConfigRules ?? []);
    }

    // Assess
    expect(pages.map((p) => p.length)).toEqual([3, 1]);
  });

  it('returns one account-region of a rule, COMPLIANT and NON_COMPLIANT only, paged (default 50, at most 100)', async () => {
    // Act
    const rows = [];
    for await (const page of distinctPages(
      'config:GetAggregateComplianceDetailsByConfigRule',
      paginateGetAggregateComplianceDetailsByConfigRule(
        { client: admin, pageSize: 1 },
        { ConfigurationAggregatorName: 'org', ConfigRuleName: RULE, AccountId: A, AwsRegion: 'us-east-1' },
      ),
      (p) => p.NextToken,
    )) {
      expect(page.AggregateEvaluationResults?.length).toBeLessThanOrEqual(1);
      rows.push(...(page.AggregateEvaluationResults ?? []));
    }
    const tooMany = admin.send(
      new GetAggregateComplianceDetailsByConfigRuleCommand({
        ConfigurationAggregatorName: 'org',
        ConfigRuleName: RULE,
        AccountId: A,
        AwsRegion: 'us-east-1',
        Limit: 101,
      }),
    );

    // Assess
    expect(
      rows.map((r) => [
        r.AccountId,
        r.AwsRegion,
        r.EvaluationResultIdentifier?.EvaluationResultQualifier?.ResourceId,
        r.ComplianceType,
        r.Annotation,
      ]),
    ).toEqual([
      [A, 'us-east-1', 'etl', 'NON_COMPLIANT', 'etl has no owner tag'],
      [A, 'us-east-1', 'load', 'COMPLIANT', undefined],
    ]);
    expect(rows[0]?.ResultRecordedTime).toBeInstanceOf(Date);
    await expect(tooMany).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('filters details by ComplianceType and rejects the values aggregation does not support', async () => {
    // Act
    const failing = await admin.send(
      new GetAggregateComplianceDetailsByConfigRuleCommand({
        ConfigurationAggregatorName: 'org',
        ConfigRuleName: RULE,
        AccountId: B,
        AwsRegion: 'us-east-1',
        ComplianceType: 'NON_COMPLIANT',
      }),
    );
    const notApplicable = admin.send(
      new GetAggregateComplianceDetailsByConfigRuleCommand({
        ConfigurationAggregatorName: 'org',
        ConfigRuleName: RULE,
        AccountId: B,
        AwsRegion: 'us-east-1',
        ComplianceType: 'NOT_APPLICABLE',
      }),
    );

    // Assess
    expect(
      failing.AggregateEvaluationResults?.map(
        (r) => r.EvaluationResultIdentifier?.EvaluationResultQualifier?.ResourceId,
      ),
    ).toEqual(['b-one', 'b-two']);
    await expect(notApplicable).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('reads only the regions the aggregator covers, and fails for an unknown aggregator or token', async () => {
    // Prepare
    await putOrganizationAggregator(admin, 'us-only', ['us-east-1']);

    // Act
    const usOnly = await admin.send(
      new DescribeAggregateComplianceByConfigRulesCommand({ ConfigurationAggregatorName: 'us-only' }),
    );
    const euDetails = await admin.send(
      new GetAggregateComplianceDetailsByConfigRuleCommand({
        ConfigurationAggregatorName: 'us-only',
        ConfigRuleName: RULE,
        AccountId: A,
        AwsRegion: 'eu-west-1',
      }),
    );
    // Both settled here: a rejection left pending while another is awaited is an unhandled rejection
    const [unknown, badToken] = await Promise.allSettled([
      admin.send(
        new DescribeAggregateComplianceByConfigRulesCommand({ ConfigurationAggregatorName: 'nope' }),
      ),
      admin.send(
        new DescribeAggregateComplianceByConfigRulesCommand({
          ConfigurationAggregatorName: 'org',
          NextToken: 'x',
        }),
      ),
    ]);

    // Assess
    expect(new Set(usOnly.AggregateComplianceByConfigRules?.map((r) => r.AwsRegion))).toEqual(
      new Set(['us-east-1']),
    );
    expect(euDetails.AggregateEvaluationResults).toEqual([]);
    expect(unknown).toMatchObject({
      status: 'rejected',
      reason: { name: 'NoSuchConfigurationAggregatorException' },
    });
    expect(badToken).toMatchObject({ status: 'rejected', reason: { name: 'InvalidNextTokenException' } });
  });
});
