import { describe, expect, it } from 'vitest';
import { getRule } from '../../functions/rules/index';
import type { AnyRule } from '../../functions/runtime/rule';
import { RemediationMappingError, remediationParameters } from '../../remediation/mapping';

// Survivors and uncovered mutants of `npm run mutation` in remediation/mapping.ts (issue 11): the
// checks that refuse a rule link that does not fit its document, with their literal messages.

const ROLE = 'arn:aws:iam::123456789012:role/GlueGuardrailsRemediation';
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:glue-guardrails';
const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const OTHER = 'arn:aws:kms:us-east-1:123456789012:key/9999abcd-12ab-34cd-56ef-1234567890ab';
const rule = getRule('glue-catalog-metadata-encrypted');
const WHERE = "Rule 'glue-catalog-metadata-encrypted' -> document 'EnableGlueCatalogEncryption'";

/** The catalog rule with its remediation link changed as given. */
function relinked(change: Partial<NonNullable<AnyRule['remediation']>>): AnyRule {
  return { ...rule, remediation: { ...rule.remediation!, ...change } } as AnyRule;
}

const map = (
  r: AnyRule,
  staticParameters: Record<string, string | string[]> = { KmsKeyId: KEY, NotificationTopicArn: TOPIC },
) => remediationParameters(r, { staticParameters, assumeRoleArn: ROLE, ruleParameters: { kmsKeyArns: KEY } });

describe('remediation mapping (mutation survivors)', () => {
  it('passes a deployer value given as a list as that list', () => {
    expect(map(rule, { KmsKeyId: KEY, NotificationTopicArn: [TOPIC] }).NotificationTopicArn).toEqual({
      StaticValue: { Values: [TOPIC] },
    });
  });

  it('refuses several values for a String parameter the link fixes', () => {
    expect(() =>
      map(relinked({ staticParameters: { Blocks: 'ENCRYPTION_AT_REST', KmsKeyId: [KEY, OTHER] } }), {}),
    ).toThrow(new RemediationMappingError(`${WHERE}: 'KmsKeyId' takes one value, got 2`));
  });

  it('refuses a Boolean parameter the link fixes to something else than true or false', () => {
    expect(() =>
      map(relinked({ staticParameters: { Blocks: 'ENCRYPTION_AT_REST', ReplaceExistingKey: 'yes' } })),
    ).toThrow(new RemediationMappingError(`${WHERE}: 'ReplaceExistingKey' is a Boolean, got 'yes'`));
    expect(
      map(relinked({ staticParameters: { Blocks: 'ENCRYPTION_AT_REST', ReplaceExistingKey: 'true' } }))
        .ReplaceExistingKey,
    ).toEqual({
      StaticValue: { Values: ['true'] },
    });
  });

  it('refuses a link that takes a value from a rule parameter the rule does not have', () => {
    expect(() => map(relinked({ fromRuleParameters: { ApprovedKmsKeyArns: 'approvedKeys' } }))).toThrow(
      new RemediationMappingError(`${WHERE}: 'ApprovedKmsKeyArns' names no rule parameter 'approvedKeys'`),
    );
  });

  it('refuses a resource id parameter the document does not declare', () => {
    expect(() => map(relinked({ resourceIdParameter: 'CatalogName' }))).toThrow(
      new RemediationMappingError(`${WHERE}: the document has no parameter 'CatalogName'`),
    );
  });

  it('names its error class', () => {
    expect(new RemediationMappingError('x').name).toBe('RemediationMappingError');
  });
});
