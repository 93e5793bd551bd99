import { describe, expect, it } from 'vitest';
import { getRule } from '../../functions/rules/index';
import type { AnyRule } from '../../functions/runtime/rule';
import { RemediationMappingError, remediationParameters, runnerParameters } from '../../remediation/mapping';

const ROLE = 'arn:aws:iam::123456789012:role/GlueGuardrailsRemediation';
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:glue-guardrails';
const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('Remediation parameter mapping', () => {
  const rule = getRule('glue-catalog-metadata-encrypted');
  const staticParameters = { KmsKeyId: KEY, NotificationTopicArn: TOPIC, ApprovedKmsKeyArns: [KEY] };

  it('gives CloudFormation the resource id parameter as RESOURCE_ID and everything else as static values', () => {
    // Act
    const params = remediationParameters(rule, { staticParameters, assumeRoleArn: ROLE });
    // Assess
    expect(params).toEqual({
      CatalogId: { ResourceValue: { Value: 'RESOURCE_ID' } },
      AutomationAssumeRole: { StaticValue: { Values: [ROLE] } },
      KmsKeyId: { StaticValue: { Values: [KEY] } },
      NotificationTopicArn: { StaticValue: { Values: [TOPIC] } },
      ApprovedKmsKeyArns: { StaticValue: { Values: [KEY] } },
    });
  });

  it('gives the runner the same mapping with the resource id substituted', () => {
    // Act
    const params = runnerParameters(rule, {
      resourceId: '123456789012',
      staticParameters,
      assumeRoleArn: ROLE,
    });
    // Assess
    expect(params).toEqual({
      CatalogId: '123456789012',
      AutomationAssumeRole: ROLE,
      KmsKeyId: KEY,
      NotificationTopicArn: TOPIC,
      ApprovedKmsKeyArns: [KEY],
    });
  });

  it('never sets the resource id or role parameter as a static value too', () => {
    expect(() =>
      remediationParameters(rule, {
        staticParameters: { ...staticParameters, CatalogId: 'x' },
        assumeRoleArn: ROLE,
      }),
    ).toThrow("'CatalogId' is set by the mapping and cannot also be static");
  });

  it('names unknown and missing document parameters', () => {
    expect(() =>
      remediationParameters(rule, { staticParameters: { Bogus: 'x' }, assumeRoleArn: ROLE }),
    ).toThrow(/unknown parameter 'Bogus'/);
    expect(() =>
      remediationParameters(rule, { staticParameters: { KmsKeyId: KEY }, assumeRoleArn: ROLE }),
    ).toThrow('required parameter(s) not mapped: NotificationTopicArn');
  });

  it('refuses a rule without a remediation', () => {
    // Prepare
    const bare = { ...rule, remediation: undefined } as AnyRule;
    // Act / Assess
    expect(() =>
      runnerParameters(bare, { resourceId: 'x', staticParameters: {}, assumeRoleArn: ROLE }),
    ).toThrow(
      new RemediationMappingError("Rule 'glue-catalog-metadata-encrypted' has no remediation document"),
    );
  });
});
