import { getCatalogEncryption } from '../lookups/glue';
import { defineRule } from '../runtime/rule';
import { Compliance } from '../runtime/types';
import { meta } from './meta/glue-catalog-connection-passwords-encrypted';

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
  ...meta,
  lookups: { catalogEncryption: getCatalogEncryption },
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
