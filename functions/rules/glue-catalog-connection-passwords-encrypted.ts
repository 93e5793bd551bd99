import { getCatalogEncryption } from '../lookups/glue';
import { list } from '../runtime/parameters';
import { defineRule, Frequency, Severity } from '../runtime/rule';
import { Compliance } from '../runtime/types';
import { KMS_KEY_ARN } from './lib/security-configuration';

/**
 * The Data Catalog encrypts connection passwords with KMS.
 * Remediation is not automatic: connection writers then need kms:Encrypt, crawler/job roles kms:Decrypt.
 *
 * Scenarios:
 *  1. No settings, or ReturnConnectionPasswordEncrypted false           -> NON_COMPLIANT
 *  2. Encrypted, no allow-list                                           -> COMPLIANT
 *  3. kmsKeyArns given, passwords encrypted with another key             -> NON_COMPLIANT
 *  4. kmsKeyArns given, passwords encrypted with one of them             -> COMPLIANT
 */
export const rule = defineRule({
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
  lookups: { catalogEncryption: getCatalogEncryption },
  remediation: {
    document: 'EnableGlueCatalogEncryption',
    automatic: false,
    resourceIdParameter: 'CatalogId',
    staticParameters: { Blocks: 'CONNECTION_PASSWORDS' },
    fromRuleParameters: { ApprovedKmsKeyArns: 'kmsKeyArns' },
  },
  async evaluate({ params, lookups, accountId }) {
    const pwd = (await lookups.catalogEncryption(accountId)).ConnectionPasswordEncryption;
    if (pwd?.ReturnConnectionPasswordEncrypted !== true) {
      return {
        compliance: Compliance.NON_COMPLIANT,
        annotation: 'Connection password encryption is disabled',
      };
    }
    const key = pwd.AwsKmsKeyId;
    if (params.kmsKeyArns.length > 0 && (!key || !params.kmsKeyArns.includes(key))) {
      return {
        compliance: Compliance.NON_COMPLIANT,
        annotation: `Connection passwords are encrypted with ${key ?? 'an unspecified key'}, not an approved key`,
      };
    }
    return { compliance: Compliance.COMPLIANT, annotation: `Connection passwords encrypted with ${key}` };
  },
});
