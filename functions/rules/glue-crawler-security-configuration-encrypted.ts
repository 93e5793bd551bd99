import { listCrawlers, listSecurityConfigurations } from '../lookups/glue';
import { offenderVerdict } from '../runtime/evaluations';
import { defineRule } from '../runtime/rule';
import { Compliance } from '../runtime/types';
import { securityConfigurationOffenders } from './lib/security-configuration-users';
import { meta } from './meta/glue-crawler-security-configuration-encrypted';

/**
 * Glue crawlers use a security configuration that encrypts the S3 data they write and their
 * CloudWatch logs with KMS (crawlers keep no job bookmarks). Crawlers are not recorded by AWS
 * Config: the rule is periodic, reports against the account and names offenders, from one
 * listing of crawlers and one of security configurations.
 *
 * Scenarios:
 *  1. No crawlers in the account and region                                -> NOT_APPLICABLE
 *  2. A crawler without a security configuration                           -> NON_COMPLIANT, named
 *  3. A crawler naming a security configuration that does not exist        -> NON_COMPLIANT, named
 *  4. A crawler whose configuration leaves CloudWatch logs unencrypted     -> NON_COMPLIANT, named
 *  5. S3 with SSE-S3: non-compliant unless allowSseS3 is true              -> NON_COMPLIANT / COMPLIANT
 *  6. Every crawler: S3 SSE-KMS and CloudWatch SSE-KMS                      -> COMPLIANT
 *  7. Many offenders                                                       -> annotation truncated, all in offenders
 */
export const rule = defineRule({
  ...meta,
  lookups: { crawlers: listCrawlers, securityConfigurations: listSecurityConfigurations },
  async evaluate({ params, lookups }) {
    const crawlers = await lookups.crawlers();
    if (crawlers.length === 0) {
      return { compliance: Compliance.NOT_APPLICABLE, annotation: 'No crawlers in this account and region' };
    }
    const offenders = securityConfigurationOffenders(
      crawlers.map((c) => ({
        name: c.Name ?? '(unnamed)',
        securityConfiguration: c.CrawlerSecurityConfiguration,
      })),
      await lookups.securityConfigurations(),
      { s3: true, cloudWatch: true, jobBookmarks: false, allowSseS3: params.allowSseS3 },
    );
    return offenderVerdict(crawlers.length, offenders, {
      offending: (n, total) => `${n} of ${total} crawlers not encrypted by their security configuration`,
      compliant: (total) => `All ${total} crawlers encrypt S3 data and CloudWatch logs`,
    });
  },
});
