import type { Job } from '@aws-sdk/client-glue';
import { listJobs, listSecurityConfigurations } from '../lookups/glue';
import { bool } from '../runtime/parameters';
import { defineRule, Frequency, Severity } from '../runtime/rule';
import { Compliance } from '../runtime/types';
import { checkedJob } from './lib/glue-job';
import { encryptionGaps } from './lib/security-configuration';

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
  scope: 'resource',
  id: 'glue-job-security-configuration-encrypted',
  description:
    'Glue jobs use a security configuration encrypting S3 data (SSE-KMS), CloudWatch logs and job bookmarks.',
  control: 'Data protection: ETL encryption at rest (security configuration)',
  severity: Severity.HIGH,
  resourceType: 'AWS::Glue::Job',
  resourceTypes: ['AWS::Glue::Job'],
  periodic: Frequency.TWENTY_FOUR_HOURS,
  parameters: { allowSseS3: bool(false, 'Accept SSE-S3 (instead of SSE-KMS) for S3 data') },
  iam: ['glue:GetJobs', 'glue:GetSecurityConfigurations'],
  lookups: { jobs: listJobs, securityConfigurations: listSecurityConfigurations },
  remediation: {
    document: 'AttachGlueJobSecurityConfiguration',
    automatic: false,
    resourceIdParameter: 'JobName',
    fromRuleParameters: { AllowSseS3: 'allowSseS3' },
  },
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
