import { describe, expect, it } from 'vitest';
import { getRule } from '../../functions/rules/index';
import { deploymentParameters, RemediationParameterError } from '../../infra/remediation-parameters';
import { loadRemediationDocuments } from '../../infra/remediations';
import { RemediationMappingError } from '../../remediation/mapping';

const ROLE = 'arn:aws:iam::123456789012:role/GlueGuardrailsRemediation';
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:glue-guardrails';
const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const OTHER = 'arn:aws:kms:us-east-1:123456789012:key/9999abcd-12ab-34cd-56ef-1234567890ab';

function inputs(
  id: string,
  configured: Record<string, string | string[]>,
  ruleParameters?: Record<string, string>,
) {
  const rule = getRule(id);
  const document = loadRemediationDocuments([rule.remediation!.document]).get(rule.remediation!.document)!;
  return {
    rule,
    document,
    assumeRoleArn: ROLE,
    topicArn: TOPIC,
    ruleName: `acme-${id}`,
    configured,
    ...(ruleParameters ? { ruleParameters } : {}),
  };
}

describe('Infrastructure: remediation parameters', () => {
  it('passes the rule’s configured parameters to the document and fixes the block the rule judges', () => {
    // Act
    const { parameters } = deploymentParameters(
      inputs(
        'glue-catalog-connection-passwords-encrypted',
        { KmsKeyId: KEY },
        { kmsKeyArns: `${KEY},${OTHER}` },
      ),
    );

    // Assess
    expect(parameters).toEqual({
      CatalogId: { ResourceValue: { Value: 'RESOURCE_ID' } },
      AutomationAssumeRole: { StaticValue: { Values: [ROLE] } },
      Blocks: { StaticValue: { Values: ['CONNECTION_PASSWORDS'] } },
      ApprovedKmsKeyArns: { StaticValue: { Values: [KEY, OTHER] } },
      KmsKeyId: { StaticValue: { Values: [KEY] } },
      NotificationTopicArn: { StaticValue: { Values: [TOPIC] } },
      RuleName: { StaticValue: { Values: ['acme-glue-catalog-connection-passwords-encrypted'] } },
    });
  });

  it('passes the rule’s default when its parameter is not configured', () => {
    // Act
    const defaulted = deploymentParameters(
      inputs('glue-job-security-configuration-encrypted', { SecurityConfigurationName: 'kms' }),
    );
    const allowed = deploymentParameters(
      inputs(
        'glue-job-security-configuration-encrypted',
        { SecurityConfigurationName: 'kms' },
        { allowSseS3: 'true' },
      ),
    );

    // Assess
    expect(defaulted.parameters?.AllowSseS3).toEqual({ StaticValue: { Values: ['false'] } });
    expect(allowed.parameters?.AllowSseS3).toEqual({ StaticValue: { Values: ['true'] } });
  });

  it('refuses configuration that would override what the rule fixes or derives', () => {
    expect(() =>
      deploymentParameters(inputs('glue-catalog-metadata-encrypted', { KmsKeyId: KEY, Blocks: 'BOTH' })),
    ).toThrow(RemediationMappingError);
    expect(() =>
      deploymentParameters(
        inputs('glue-job-security-configuration-encrypted', {
          SecurityConfigurationName: 'kms',
          AllowSseS3: 'true',
        }),
      ),
    ).toThrow("'AllowSseS3' comes from the rule parameter 'allowSseS3': set that instead");
    expect(() =>
      deploymentParameters(inputs('glue-catalog-metadata-encrypted', { KmsKeyId: KEY, RuleName: 'x' })),
    ).toThrow(RemediationParameterError);
  });

  it('reports the parameters only the deployer can supply instead of mapping', () => {
    // Act
    const mapping = deploymentParameters(inputs('glue-catalog-metadata-encrypted', {}, { kmsKeyArns: KEY }));

    // Assess
    expect(mapping).toEqual({ missing: ['KmsKeyId'] });
  });
});
