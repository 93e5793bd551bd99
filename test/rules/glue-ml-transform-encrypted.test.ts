import { describe, expect, it } from 'vitest';
import type { MLTransform } from '../../functions/lookups/glue';
import { rule } from '../../functions/rules/glue-ml-transform-encrypted';
import type { ConfigurationItem } from '../../functions/runtime/types';
import { fixture } from '../support/config-events';
import { evaluateResource, ruleContext } from '../support/rule-context';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/7f3e2d1c-0b9a-4c8d-9e7f-6a5b4c3d2e1f';
const transform = (over: Partial<MLTransform> = {}): MLTransform => ({
  TransformId: 'tfm-0123456789abcdef',
  Name: 'dedupe-customers',
  ...over,
});

describe('Rule: glue-ml-transform-encrypted', () => {
  it('1. no TransformEncryption -> NON_COMPLIANT', async () => {
    // Act
    const v = await evaluateResource(rule, transform(), {});
    // Assess
    expect(v).toEqual({
      compliance: 'NON_COMPLIANT',
      annotation: 'ML user data encryption is not configured',
    });
  });

  it('2. MlUserDataEncryptionMode DISABLED -> NON_COMPLIANT', async () => {
    // Act
    const v = await evaluateResource(
      rule,
      transform({ TransformEncryption: { MlUserDataEncryption: { MlUserDataEncryptionMode: 'DISABLED' } } }),
      {},
    );
    // Assess
    expect(v).toEqual({ compliance: 'NON_COMPLIANT', annotation: 'ML user data encryption is DISABLED' });
  });

  it('3. SSE-KMS with a key -> COMPLIANT', async () => {
    // Act
    const v = await evaluateResource(
      rule,
      transform({
        TransformEncryption: { MlUserDataEncryption: { MlUserDataEncryptionMode: 'SSE-KMS', KmsKeyId: KEY } },
      }),
      {},
    );
    // Assess
    expect(v).toEqual({
      compliance: 'COMPLIANT',
      annotation: `ML user data encrypted with SSE-KMS (${KEY})`,
    });
  });

  it('4. a recorded item (CloudFormation casing) -> judged like the API shape', async () => {
    // Prepare
    const item = fixture<ConfigurationItem>('glue-mltransform-configuration-item.json');
    const disabled = structuredClone(item);
    (disabled.configuration as { TransformEncryption: unknown }).TransformEncryption = {
      MLUserDataEncryption: { MLUserDataEncryptionMode: 'DISABLED' },
    };
    // Act
    const resource = rule.fromConfigurationItem!(item);
    const v = await rule.evaluate(resource, ruleContext(rule, {}) as never);
    const off = await rule.evaluate(rule.fromConfigurationItem!(disabled), ruleContext(rule, {}) as never);
    // Assess
    expect(resource).toMatchObject({
      resourceType: 'AWS::Glue::MLTransform',
      resourceId: 'tfm-5c0e6b8a1f2d4e3b9a7c6d5e4f3a2b1c',
      configuration: {
        TransformId: 'tfm-5c0e6b8a1f2d4e3b9a7c6d5e4f3a2b1c',
        InputRecordTables: [{ DatabaseName: 'customer_360', TableName: 'customers_raw' }],
        Parameters: { TransformType: 'FIND_MATCHES' },
        TransformEncryption: { TaskRunSecurityConfigurationName: 'customer-360-kms' },
      },
      tags: { owner: 'customer-360' },
    });
    expect(v).toEqual({
      compliance: 'COMPLIANT',
      annotation: `ML user data encrypted with SSE-KMS (${KEY})`,
    });
    expect(off.compliance).toBe('NON_COMPLIANT');
  });
});
