import type { Job } from '@aws-sdk/client-glue';
import { listJobs, listSecurityConfigurations } from '../lookups/glue';
import { defineRule } from '../runtime/rule';
import { Compliance } from '../runtime/types';
import { checkedJob } from './lib/glue-job';
import { encryptionGaps } from './lib/security-configuration';
import { meta } from './meta/glue-job-security-configuration-encrypted';

/**
 * Glue jobs use a security configuration that encrypts S3 data, CloudWatch logs and job
 * bookmarks. Security configurations can change without a job changing, so a daily sweep
 * re-checks every job against one listing of configurations.
 *
 * Scenarios:
 *  1. Job has no security configuration                                   -> NON_COMPLIANT
 *  2. Job names a security configuration that does not exist              -> NON_COMPLIANT
 *  3. Configuration leaves bookmarks (or logs) unencrypted                 -> NON_COMPLIANT
 *  4. Configuration uses SSE-S3 for S3 and allowSseS3 is false             -> NON_COMPLIANT
 *  5. Configuration uses SSE-S3 for S3 and allowSseS3 is true              -> COMPLIANT
 *  6. S3 SSE-KMS, CloudWatch SSE-KMS, bookmarks CSE-KMS                    -> COMPLIANT
 */
export const rule = defineRule({
  ...meta,
  lookups: { jobs: listJobs, securityConfigurations: listSecurityConfigurations },
  async listResources({ lookups }) {
    return (await lookups.jobs()).map((job: Job) => ({
      resourceType: 'AWS::Glue::Job',
      resourceId: job.Name ?? '',
      configuration: job,
    }));
  },
  async evaluate(resource, { params, lookups }) {
    const job = checkedJob(resource.configuration);
    const name = job.SecurityConfiguration;
    if (!name)
      return { compliance: Compliance.NON_COMPLIANT, annotation: 'Job has no security configuration' };
    const sc = (await lookups.securityConfigurations()).get(name);
    if (!sc) {
      return {
        compliance: Compliance.NON_COMPLIANT,
        annotation: `Job references security configuration '${name}', which does not exist`,
      };
    }
    const gaps = encryptionGaps(sc, {
      s3: true,
      cloudWatch: true,
      jobBookmarks: true,
      allowSseS3: params.allowSseS3,
    });
    if (gaps.length > 0) {
      return {
        compliance: Compliance.NON_COMPLIANT,
        annotation: `Security configuration '${name}': ${gaps.join('; ')}`,
      };
    }
    return {
      compliance: Compliance.COMPLIANT,
      annotation: `Security configuration '${name}' encrypts S3, logs and bookmarks`,
    };
  },
});
