import { describe, expect, it } from 'vitest';
import { getRule, rules } from '../../functions/rules/index';
import type { ParamSpecs } from '../../functions/runtime/parameters';
import type { AnyRule } from '../../functions/runtime/rule';
import { loadDocument } from '../../remediation/catalog/documents';
import {
  missingParameters,
  RemediationMappingError,
  remediationParameters,
  runnerParameters,
} from '../../remediation/mapping';

const ROLE = 'arn:aws:iam::123456789012:role/GlueGuardrailsRemediation';
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:glue-guardrails';
const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const OTHER = 'arn:aws:kms:us-east-1:123456789012:key/9999abcd-12ab-34cd-56ef-1234567890ab';

describe('Remediation parameter mapping', () => {
  const rule = getRule('glue-catalog-metadata-encrypted');
  const staticParameters = { KmsKeyId: KEY, NotificationTopicArn: TOPIC };

  it('gives CloudFormation the resource id as RESOURCE_ID, rule-fixed and deployer values as static values', () => {
    // Act
    const params = remediationParameters(rule, {
      staticParameters,
      assumeRoleArn: ROLE,
      ruleParameters: { kmsKeyArns: `${KEY}, ${OTHER}` },
    });
    // Assess
    expect(params).toEqual({
      CatalogId: { ResourceValue: { Value: 'RESOURCE_ID' } },
      AutomationAssumeRole: { StaticValue: { Values: [ROLE] } },
      Blocks: { StaticValue: { Values: ['ENCRYPTION_AT_REST'] } },
      ApprovedKmsKeyArns: { StaticValue: { Values: [KEY, OTHER] } },
      KmsKeyId: { StaticValue: { Values: [KEY] } },
      NotificationTopicArn: { StaticValue: { Values: [TOPIC] } },
    });
  });

  it('gives the runner the same mapping with the resource id substituted', () => {
    // Act
    const params = runnerParameters(rule, {
      resourceId: '123456789012',
      staticParameters,
      assumeRoleArn: ROLE,
      ruleParameters: { kmsKeyArns: KEY },
    });
    // Assess
    expect(params).toEqual({
      CatalogId: '123456789012',
      AutomationAssumeRole: ROLE,
      Blocks: 'ENCRYPTION_AT_REST',
      ApprovedKmsKeyArns: [KEY],
      KmsKeyId: KEY,
      NotificationTopicArn: TOPIC,
    });
  });

  it('passes a rule parameter’s default when it is not configured, and leaves an empty one to the document default', () => {
    // Act
    const job = runnerParameters(getRule('glue-job-security-configuration-encrypted'), {
      resourceId: 'load',
      staticParameters: { SecurityConfigurationName: 'kms', NotificationTopicArn: TOPIC },
      assumeRoleArn: ROLE,
    });
    const catalog = remediationParameters(rule, { staticParameters, assumeRoleArn: ROLE });
    // Assess
    expect(job.AllowSseS3).toBe('false');
    expect(catalog).not.toHaveProperty('ApprovedKmsKeyArns');
  });

  it('normalises a configured boolean rule parameter as the document’s Boolean takes it', () => {
    // Act
    const params = runnerParameters(getRule('glue-crawler-security-configuration-encrypted'), {
      resourceId: '123456789012',
      staticParameters: { SecurityConfigurationName: 'kms', NotificationTopicArn: TOPIC },
      assumeRoleArn: ROLE,
      ruleParameters: { allowSseS3: ' TRUE ' },
    });
    // Assess
    expect(params.AllowSseS3).toBe('true');
  });

  it('refuses a configured value for a parameter the rule fixes or takes from its own parameters', () => {
    expect(() =>
      remediationParameters(rule, {
        staticParameters: { ...staticParameters, Blocks: 'BOTH' },
        assumeRoleArn: ROLE,
      }),
    ).toThrow(
      "Rule 'glue-catalog-metadata-encrypted' -> document 'EnableGlueCatalogEncryption': 'Blocks' is fixed by the rule (ENCRYPTION_AT_REST) and cannot be set",
    );
    expect(() =>
      remediationParameters(rule, {
        staticParameters: { ...staticParameters, ApprovedKmsKeyArns: [KEY] },
        assumeRoleArn: ROLE,
      }),
    ).toThrow("'ApprovedKmsKeyArns' comes from the rule parameter 'kmsKeyArns': set that instead");
  });

  it('names an invalid or unknown rule parameter', () => {
    expect(() =>
      remediationParameters(rule, {
        staticParameters,
        assumeRoleArn: ROLE,
        ruleParameters: { kmsKeyArns: 'alias/glue' },
      }),
    ).toThrow(/document 'EnableGlueCatalogEncryption': Invalid rule parameter 'kmsKeyArns'/);
    expect(() =>
      remediationParameters(rule, {
        staticParameters,
        assumeRoleArn: ROLE,
        ruleParameters: { kmsKeys: KEY },
      }),
    ).toThrow(/Invalid rule parameter 'kmsKeys': is not a parameter of this rule/);
  });

  it('refuses a rule parameter value the document’s allowedPattern would reject', () => {
    // Prepare: the rule accepts any key id after key/, the document a key id or a multi-Region key id
    const loose = 'arn:aws:kms:us-east-1:123456789012:key/not-a-uuid';
    // Act / Assess
    expect(() =>
      remediationParameters(rule, {
        staticParameters,
        assumeRoleArn: ROLE,
        ruleParameters: { kmsKeyArns: loose },
      }),
    ).toThrow(`'ApprovedKmsKeyArns' value '${loose}' does not match the document's allowedPattern`);
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
    expect(missingParameters(rule, { staticParameters: {}, assumeRoleArn: ROLE })).toEqual([
      'KmsKeyId',
      'NotificationTopicArn',
    ]);
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

describe('Remediation links of the registry', () => {
  const linked = rules.filter((r) => r.remediation);

  it('fix only parameters their document declares', () => {
    for (const rule of linked) {
      // Prepare
      const { document, staticParameters = {}, fromRuleParameters = {} } = rule.remediation!;
      const declared = Object.keys(loadDocument(document).parameters ?? {});
      // Assess
      for (const name of [...Object.keys(staticParameters), ...Object.keys(fromRuleParameters)]) {
        expect(declared, `${rule.id} -> ${document}.${name}`).toContain(name);
      }
    }
  });

  it('take document values only from parameters the rule declares', () => {
    for (const rule of linked) {
      // Prepare
      const ruleParameters = Object.keys(rule.parameters as ParamSpecs);
      // Assess
      for (const [docParam, ruleParam] of Object.entries(rule.remediation!.fromRuleParameters ?? {})) {
        expect(ruleParameters, `${rule.id}: ${docParam} <- ${ruleParam}`).toContain(ruleParam);
      }
    }
  });

  it('map with the rule defaults to values the document accepts', () => {
    // Act
    const missing = Object.fromEntries(
      linked.map((rule) => [rule.id, missingParameters(rule, { staticParameters: {}, assumeRoleArn: ROLE })]),
    );
    // Assess: only values a deployer must choose are left (never a rule-linked one)
    expect(missing).toEqual({
      'glue-catalog-metadata-encrypted': ['KmsKeyId', 'NotificationTopicArn'],
      'glue-catalog-connection-passwords-encrypted': ['KmsKeyId', 'NotificationTopicArn'],
      'glue-job-security-configuration-encrypted': ['SecurityConfigurationName', 'NotificationTopicArn'],
      'glue-connection-ssl-enforced': ['NotificationTopicArn'],
      'glue-catalog-policy-restricted': ['NotificationTopicArn'],
      'glue-crawler-security-configuration-encrypted': ['SecurityConfigurationName', 'NotificationTopicArn'],
      'glue-job-logging-enabled': ['NotificationTopicArn'],
      'glue-job-network-isolated': ['NotificationTopicArn'],
    });
  });

  it('link the catalog rules to the settings block each one judges, with the rule’s approved keys', () => {
    for (const [id, block] of [
      ['glue-catalog-metadata-encrypted', 'ENCRYPTION_AT_REST'],
      ['glue-catalog-connection-passwords-encrypted', 'CONNECTION_PASSWORDS'],
    ] as const) {
      // Act
      const link = getRule(id).remediation!;
      // Assess
      expect(link.staticParameters).toEqual({ Blocks: block });
      expect(link.fromRuleParameters).toEqual({ ApprovedKmsKeyArns: 'kmsKeyArns' });
    }
  });

  it('hand allowSseS3 to the documents that attach a security configuration', () => {
    for (const id of [
      'glue-job-security-configuration-encrypted',
      'glue-crawler-security-configuration-encrypted',
    ]) {
      expect(getRule(id).remediation?.fromRuleParameters, id).toEqual({ AllowSseS3: 'allowSseS3' });
    }
  });
});
