import { defineRuleMeta, Frequency, Severity } from '../../runtime/meta';
import { list } from '../../runtime/parameters';
import { EQUIVALENTS, mappedFrom } from './frameworks';
import { KMS_KEY_ARN } from './shared';

/** The metadata of glue-catalog-connection-passwords-encrypted (evaluation: functions/rules/glue-catalog-connection-passwords-encrypted.ts). */
export const meta = defineRuleMeta({
  scope: 'account',
  id: 'glue-catalog-connection-passwords-encrypted',
  description:
    'The Glue Data Catalog encrypts connection passwords with KMS (optionally with an approved key).',
  control: 'Data protection: connection password encryption',
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
    staticParameters: { Blocks: 'CONNECTION_PASSWORDS' },
    fromRuleParameters: { ApprovedKmsKeyArns: 'kmsKeyArns' },
  },
  frameworks: mappedFrom(EQUIVALENTS.CODEBUILD_2),
});
