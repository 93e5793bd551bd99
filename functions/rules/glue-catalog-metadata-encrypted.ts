import { getCatalogEncryption } from '../lookups/glue';
import { list } from '../runtime/parameters';
import { defineRule, Frequency, Severity } from '../runtime/rule';
import { Compliance } from '../runtime/types';
import { KMS_KEY_ARN } from './lib/security-configuration';

/**
 * The Data Catalog encrypts its metadata at rest with KMS.
 * Remediation is not automatic: KMS metadata encryption cuts off Athena/EMR consumers without key access.
 *
 * Scenarios:
 *  1. No encryption settings, or CatalogEncryptionMode DISABLED         -> NON_COMPLIANT
 *  2. SSE-KMS                                                            -> COMPLIANT
 *  3. SSE-KMS-WITH-SERVICE-ROLE (also KMS encryption)                    -> COMPLIANT
 *  4. kmsKeyArns given, the catalog uses another key (or the AWS key)    -> NON_COMPLIANT
 *  5. kmsKeyArns given, the catalog uses one of them                     -> COMPLIANT
 */
export const rule = defineRule({
  scope: 'account',
  id: 'glue-catalog-metadata-encrypted',
  description: 'The Glue Data Catalog encrypts metadata at rest with KMS (optionally with an approved key).',
  control: 'Data protection: Data Catalog encryption at rest',
  severity: Severity.HIGH,
  periodic: Frequency.TWENTY_FOUR_HOURS,
  parameters: {
    kmsKeyArns: list('Approved KMS key ARNs (comma-separated); empty accepts any KMS key', {
      pattern: KMS_KEY_ARN,
      itemName: 'KMS key ARN',
    }),
  },
  iam: ['glue:GetDataCatalogEncryptionSettings'],
  lookups: { catalogEncryption: getCatalogEncryption },
  remediation: {
    document: 'EnableGlueCatalogEncryption',
    automatic: false,
    resourceIdParameter: 'CatalogId',
    staticParameters: { Blocks: 'ENCRYPTION_AT_REST' },
    fromRuleParameters: { ApprovedKmsKeyArns: 'kmsKeyArns' },
  },
  async evaluate({ params, lookups, accountId }) {
    const atRest = (await lookups.catalogEncryption(accountId)).EncryptionAtRest;
    const mode = atRest?.CatalogEncryptionMode ?? 'DISABLED';
    if (mode !== 'SSE-KMS' && mode !== 'SSE-KMS-WITH-SERVICE-ROLE') {
      return {
        compliance: Compliance.NON_COMPLIANT,
        annotation: `Data Catalog metadata encryption is ${mode}`,
      };
    }
    const key = atRest?.SseAwsKmsKeyId;
    if (params.kmsKeyArns.length > 0 && (!key || !params.kmsKeyArns.includes(key))) {
      return {
        compliance: Compliance.NON_COMPLIANT,
        annotation: `Data Catalog metadata is encrypted with ${key ?? 'the AWS managed key'}, not an approved key`,
      };
    }
    return {
      compliance: Compliance.COMPLIANT,
      annotation: `Data Catalog metadata encrypted (${mode}, ${key ?? 'AWS managed key'})`,
    };
  },
});
