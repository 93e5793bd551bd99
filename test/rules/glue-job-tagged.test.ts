import type { Job } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { rule } from '../../functions/rules/glue-job-tagged';
import { parseParameters } from '../../functions/runtime/parameters';
import type { Verdict } from '../../functions/runtime/types';
import { ruleContext } from '../support/rule-context';

const job: Job = { Name: 'ledger-etl', Command: { Name: 'glueetl' } };
const evaluate = (
  tags: Record<string, string> | undefined,
  params: Record<string, string> = {},
): Promise<Verdict> =>
  rule.evaluate(
    { resourceType: 'AWS::Glue::Job', resourceId: 'ledger-etl', configuration: job, tags },
    ruleContext(rule, {}, params) as never,
  );

describe('Rule: glue-job-tagged', () => {
  it('1. no requiredTagKeys, the job has no tags -> NON_COMPLIANT', async () => {
    // Act
    const v = await evaluate({});
    // Assess
    expect(v).toEqual({ compliance: 'NON_COMPLIANT', annotation: 'Job has no user tags' });
  });

  it('2. no requiredTagKeys, only aws: tags -> NON_COMPLIANT', async () => {
    // Act
    const v = await evaluate({
      'aws:cloudformation:stack-name': 'ledger',
      'aws:cloudformation:logical-id': 'Job',
    });
    // Assess
    expect(v.compliance).toBe('NON_COMPLIANT');
  });

  it('3. no requiredTagKeys, one user tag -> COMPLIANT', async () => {
    // Act
    const v = await evaluate({ owner: 'payments-data' });
    // Assess
    expect(v).toEqual({ compliance: 'COMPLIANT', annotation: 'Job has user tags' });
  });

  it('4. requiredTagKeys given, one key missing -> NON_COMPLIANT, key named', async () => {
    // Act
    const v = await evaluate({ owner: 'payments-data' }, { requiredTagKeys: 'owner,data-classification' });
    // Assess
    expect(v).toEqual({
      compliance: 'NON_COMPLIANT',
      annotation: 'Job is missing tag keys data-classification',
    });
  });

  it('5. requiredTagKeys given, every key present -> COMPLIANT', async () => {
    // Act
    const v = await evaluate(
      { owner: 'payments-data', 'data-classification': 'confidential' },
      { requiredTagKeys: 'owner,data-classification' },
    );
    // Assess
    expect(v).toEqual({ compliance: 'COMPLIANT', annotation: 'Job carries the required tag keys' });
  });

  it('6. keys are case-sensitive -> NON_COMPLIANT', async () => {
    // Act
    const v = await evaluate({ Owner: 'payments-data' }, { requiredTagKeys: 'owner' });
    // Assess
    expect(v.compliance).toBe('NON_COMPLIANT');
  });

  it('7. requiredTagKeys lists an aws: key -> parameter error naming it', () => {
    // Assess
    expect(() =>
      parseParameters(rule.parameters, '{"requiredTagKeys":"owner,aws:cloudformation:stack-id"}'),
    ).toThrow(/requiredTagKeys/);
  });
});
