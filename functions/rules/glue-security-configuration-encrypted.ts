import { listSecurityConfigurations } from '../lookups/glue';
import { describeOffenders } from '../runtime/evaluations';
import { defineRule } from '../runtime/rule';
import { Compliance } from '../runtime/types';
import { encryptionGaps } from './lib/security-configuration';
import { meta } from './meta/glue-security-configuration-encrypted';

/**
 * Every Glue security configuration encrypts all three targets with KMS: S3 data SSE-KMS,
 * CloudWatch logs SSE-KMS, job bookmarks CSE-KMS; with `kmsKeyArns`, only with approved keys.
 * Security configurations are immutable and not recorded by AWS Config: the rule is periodic,
 * reports against the account and names offenders from one paged listing.
 *
 * Scenarios:
 *  1. No security configurations in the account and region                 -> NOT_APPLICABLE
 *  2. A configuration with S3, logs or bookmarks encryption DISABLED        -> NON_COMPLIANT, named with its gaps
 *  3. A configuration using SSE-S3 for S3 data                              -> NON_COMPLIANT
 *  4. Every configuration SSE-KMS / SSE-KMS / CSE-KMS                       -> COMPLIANT
 *  5. kmsKeyArns given, a configuration uses another key                    -> NON_COMPLIANT
 *  6. kmsKeyArns given, every key approved                                  -> COMPLIANT
 *  7. Many offenders                                                        -> annotation truncated, all in offenders
 */
export const rule = defineRule({
  ...meta,
  lookups: { securityConfigurations: listSecurityConfigurations },
  async evaluate({ params, lookups }) {
    const configurations = [...(await lookups.securityConfigurations()).values()];
    if (configurations.length === 0) {
      return {
        compliance: Compliance.NOT_APPLICABLE,
        annotation: 'No security configurations in this account and region',
      };
    }
    const offenders: string[] = [];
    for (const sc of configurations.sort((a, b) => (a.Name ?? '').localeCompare(b.Name ?? ''))) {
      const gaps = encryptionGaps(sc, {
        s3: true,
        cloudWatch: true,
        jobBookmarks: true,
        kmsKeyArns: params.kmsKeyArns,
      });
      if (gaps.length > 0) offenders.push(`${sc.Name} (${gaps.join('; ')})`);
    }
    if (offenders.length > 0) {
      return {
        compliance: Compliance.NON_COMPLIANT,
        annotation: describeOffenders(
          `${offenders.length} of ${configurations.length} security configurations not fully KMS-encrypted`,
          offenders,
        ),
        offenders,
      };
    }
    return {
      compliance: Compliance.COMPLIANT,
      annotation: `All ${configurations.length} security configurations encrypt S3, logs and bookmarks with KMS`,
    };
  },
});
