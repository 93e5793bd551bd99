import { describe, expect, it } from 'vitest';
import { rule } from '../../functions/rules/glue-ml-transform-tagged';
import type { Verdict } from '../../functions/runtime/types';
import { ruleContext } from '../support/rule-context';

const evaluate = (
  tags: Record<string, string> | undefined,
  params: Record<string, string> = {},
): Promise<Verdict> =>
  rule.evaluate(
    {
      resourceType: 'AWS::Glue::MLTransform',
      resourceId: 'tfm-0123456789abcdef',
      configuration: { TransformId: 'tfm-0123456789abcdef', Name: 'dedupe-customers' },
      tags,
    },
    ruleContext(rule, {}, params) as never,
  );

describe('Rule: glue-ml-transform-tagged', () => {
  it('1. no requiredTagKeys, the transform has no tags -> NON_COMPLIANT', async () => {
    // Act
    const v = await evaluate(undefined);
    // Assess
    expect(v).toEqual({ compliance: 'NON_COMPLIANT', annotation: 'ML transform has no user tags' });
  });

  it('2. no requiredTagKeys, only aws: tags -> NON_COMPLIANT', async () => {
    // Act
    const v = await evaluate({ 'aws:cloudformation:stack-name': 'matching' });
    // Assess
    expect(v.compliance).toBe('NON_COMPLIANT');
  });

  it('3. no requiredTagKeys, one user tag -> COMPLIANT', async () => {
    // Act
    const v = await evaluate({ team: 'customer-360' });
    // Assess
    expect(v).toEqual({ compliance: 'COMPLIANT', annotation: 'ML transform has user tags' });
  });

  it('4. requiredTagKeys given, one key missing -> NON_COMPLIANT, key named', async () => {
    // Act
    const v = await evaluate({ team: 'customer-360' }, { requiredTagKeys: 'team,owner' });
    // Assess
    expect(v).toEqual({ compliance: 'NON_COMPLIANT', annotation: 'ML transform is missing tag keys owner' });
  });

  it('5. requiredTagKeys given, every key present -> COMPLIANT', async () => {
    // Act
    const v = await evaluate({ team: 'customer-360', owner: 'crm' }, { requiredTagKeys: 'team,owner' });
    // Assess
    expect(v.compliance).toBe('COMPLIANT');
  });
});
