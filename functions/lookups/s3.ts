import { GetBucketPolicyCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { isAccessDenied } from '../runtime/errors';
import { defineLookup } from '../runtime/lookup';

/**
 * An S3 client that follows region redirects: Glue jobs often read buckets of other regions, and
 * a client of this region would get PermanentRedirect for them.
 */
export class RegionRedirectingS3Client extends S3Client {
  constructor(config: S3ClientConfig) {
    super({ ...config, followRegionRedirects: true });
  }
}

/** What reading a bucket's policy found. */
export type BucketPolicyRead =
  | { status: 'policy'; policy: string }
  | { status: 'no-policy' }
  | { status: 'no-bucket' }
  /** Access denied: the role lacks s3:GetBucketPolicy, or the bucket belongs to another account. */
  | { status: 'unreadable'; reason: string };

function errorName(error: unknown): string {
  const e = error as { name?: string; Code?: string } | null;
  return e?.name ?? e?.Code ?? '';
}

/**
 * One bucket's policy (GetBucketPolicy). S3 has no bulk read of bucket policies, so this is one
 * call per distinct bucket. Access denied is an answer here, not an error: a bucket of another
 * account is not readable by design, and the rule must say so rather than fail or pass.
 */
export const getBucketPolicy = defineLookup(
  'getBucketPolicy',
  ['s3:GetBucketPolicy'],
  async (aws, bucket: string): Promise<BucketPolicyRead> => {
    try {
      const out = await aws
        .client(RegionRedirectingS3Client)
        .send(new GetBucketPolicyCommand({ Bucket: bucket }));
      return out.Policy ? { status: 'policy', policy: out.Policy } : { status: 'no-policy' };
    } catch (error) {
      const name = errorName(error);
      if (name === 'NoSuchBucketPolicy') return { status: 'no-policy' };
      if (name === 'NoSuchBucket') return { status: 'no-bucket' };
      if (isAccessDenied(error) || name === 'Forbidden' || name === 'AllAccessDisabled') {
        return { status: 'unreadable', reason: name || 'AccessDenied' };
      }
      throw error;
    }
  },
);
