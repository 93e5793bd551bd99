import { defineRuleMeta, Frequency, Severity } from '../../runtime/meta';
import { list } from '../../runtime/parameters';
import { KMS_KEY_ARN } from './shared';

/** The metadata of glue-catalog-metadata-encrypted (evaluation: functions/rules/glue-catalog-metadata-encrypted.ts). */
export const meta = defineRuleMeta({
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
  remediation: {
    document: 'EnableGlueCatalogEncryption',
    automatic: false,
    resourceIdParameter: 'CatalogId',
    staticParameters: { Blocks: 'ENCRYPTION_AT_REST' },
    fromRuleParameters: { ApprovedKmsKeyArns: 'kmsKeyArns' },
  },
});
