import { defineRuleMeta, Frequency, Severity } from '../../runtime/meta';
import { list } from '../../runtime/parameters';
import { EQUIVALENTS, mappedFrom } from './frameworks';

export const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** The metadata of glue-s3-targets-ssl-only (evaluation: functions/rules/glue-s3-targets-ssl-only.ts). */
export const meta = defineRuleMeta({
  scope: 'account',
  id: 'glue-s3-targets-ssl-only',
  description: 'S3 buckets used by Glue jobs and crawlers deny requests without TLS (aws:SecureTransport).',
  control: 'Data protection: encryption in transit to S3',
  severity: Severity.MEDIUM,
  periodic: Frequency.TWENTY_FOUR_HOURS,
  parameters: {
    exemptBuckets: list('Bucket names not judged (comma-separated), e.g. buckets of another team', {
      pattern: BUCKET_NAME,
      itemName: 'bucket name',
    }),
  },
  iam: ['glue:GetJobs', 'glue:GetCrawlers', 's3:GetBucketPolicy'],
  frameworks: mappedFrom(EQUIVALENTS.S3_5),
});
