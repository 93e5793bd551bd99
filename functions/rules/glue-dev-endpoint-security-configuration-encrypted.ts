import { listDevEndpoints, listSecurityConfigurations } from '../lookups/glue';
import { offenderVerdict } from '../runtime/evaluations';
import { defineRule } from '../runtime/rule';
import { Compliance } from '../runtime/types';
import { securityConfigurationOffenders } from './lib/security-configuration-users';
import { meta } from './meta/glue-dev-endpoint-security-configuration-encrypted';

/**
 * Glue development endpoints use a security configuration that encrypts S3 data, CloudWatch logs
 * and job bookmarks with KMS. Dev endpoints are not recorded by AWS Config: the rule is periodic,
 * reports against the account and names offenders, from one listing of endpoints and one of
 * security configurations.
 *
 * Scenarios:
 *  1. No development endpoints in the account and region                   -> NOT_APPLICABLE
 *  2. An endpoint without a security configuration                          -> NON_COMPLIANT, named
 *  3. An endpoint naming a security configuration that does not exist       -> NON_COMPLIANT, named
 *  4. An endpoint whose configuration leaves job bookmarks unencrypted      -> NON_COMPLIANT, named
 *  5. S3 with SSE-S3: non-compliant unless allowSseS3 is true               -> NON_COMPLIANT / COMPLIANT
 *  6. Every endpoint: S3 SSE-KMS, CloudWatch SSE-KMS, bookmarks CSE-KMS      -> COMPLIANT
 *  7. Many offenders                                                        -> annotation truncated, all in offenders
 */
export const rule = defineRule({
  ...meta,
  lookups: { devEndpoints: listDevEndpoints, securityConfigurations: listSecurityConfigurations },
  async evaluate({ params, lookups }) {
    const endpoints = await lookups.devEndpoints();
    if (endpoints.length === 0) {
      return {
        compliance: Compliance.NOT_APPLICABLE,
        annotation: 'No development endpoints in this account and region',
      };
    }
    const offenders = securityConfigurationOffenders(
      endpoints.map((e) => ({
        name: e.EndpointName ?? '(unnamed)',
        securityConfiguration: e.SecurityConfiguration,
      })),
      await lookups.securityConfigurations(),
      { s3: true, cloudWatch: true, jobBookmarks: true, allowSseS3: params.allowSseS3 },
    );
    return offenderVerdict(endpoints.length, offenders, {
      offending: (n, total) => `${n} of ${total} dev endpoints not encrypted by their security configuration`,
      compliant: (total) => `All ${total} dev endpoints encrypt S3 data, CloudWatch logs and job bookmarks`,
    });
  },
});
