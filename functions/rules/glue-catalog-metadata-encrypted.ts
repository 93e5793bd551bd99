import { getCatalogEncryption } from '../lookups/glue';
import { defineRule } from '../runtime/rule';
import { Compliance } from '../runtime/types';
import { meta } from './meta/glue-catalog-metadata-encrypted';

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
  ...meta,
  lookups: { catalogEncryption: getCatalogEncryption },
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
