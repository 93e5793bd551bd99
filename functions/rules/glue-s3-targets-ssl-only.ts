import type { Crawler, Job } from '@aws-sdk/client-glue';
import { listCrawlers, listJobs } from '../lookups/glue';
import { type BucketPolicyRead, getBucketPolicy } from '../lookups/s3';
import { errorMessage } from '../runtime/errors';
import { describeOffenders } from '../runtime/evaluations';
import { defineRule } from '../runtime/rule';
import { Compliance } from '../runtime/types';
import { effectiveArgument } from './lib/glue-job';
import { enforcesSslOnly, partitionOf } from './lib/s3-policy';
import { meta } from './meta/glue-s3-targets-ssl-only';

/** Job arguments that name S3 locations (Glue "special parameters"); the lists are comma-separated. */
export const S3_ARGUMENTS = [
  '--TempDir',
  '--extra-py-files',
  '--extra-jars',
  '--extra-files',
  '--spark-event-logs-path',
] as const;
const S3_URL = /^s3[an]?:\/\/([^/?#]+)/i;
// GetBucketPolicy calls in flight at once: enough to hide latency, few enough to stay under throttling.
const CONCURRENCY = 8;

/** The bucket of each s3:// URL in a comma-separated list. */
export function bucketsIn(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(',')
    .map((v) => S3_URL.exec(v.trim())?.[1])
    .filter((b): b is string => b !== undefined && b !== '');
}

/** Bucket -> how many jobs and crawlers use it. */
export function bucketUsers(
  jobs: readonly Job[],
  crawlers: readonly Crawler[],
): Map<string, { jobs: number; crawlers: number }> {
  const users = new Map<string, { jobs: number; crawlers: number }>();
  const add = (buckets: string[], kind: 'jobs' | 'crawlers') => {
    for (const b of new Set(buckets)) {
      const u = users.get(b) ?? { jobs: 0, crawlers: 0 };
      u[kind] += 1;
      users.set(b, u);
    }
  };
  for (const job of jobs) {
    const args = S3_ARGUMENTS.flatMap((k) => bucketsIn(effectiveArgument(job, k)));
    add([...bucketsIn(job.Command?.ScriptLocation), ...args], 'jobs');
  }
  for (const crawler of crawlers) {
    add(
      (crawler.Targets?.S3Targets ?? []).flatMap((t) => bucketsIn(t.Path)),
      'crawlers',
    );
  }
  return users;
}

function finding(read: BucketPolicyRead, bucket: string, partition: string): string | undefined {
  switch (read.status) {
    case 'no-bucket':
      return 'bucket does not exist';
    case 'no-policy':
      return 'no bucket policy';
    case 'unreadable':
      return `policy unreadable (${read.reason}: no s3:GetBucketPolicy, or another account's bucket)`;
    case 'policy': {
      try {
        return enforcesSslOnly(read.policy, bucket, partition).enforced
          ? undefined
          : 'policy does not deny requests without aws:SecureTransport';
      } catch (error) {
        return `policy not understood (${errorMessage(error)})`;
      }
    }
  }
}

/**
 * The S3 buckets Glue uses (job script locations and the `--TempDir`, `--extra-py-files`,
 * `--extra-jars`, `--extra-files`, `--spark-event-logs-path` arguments; crawler S3 targets) have
 * bucket policies that deny requests without TLS (`aws:SecureTransport` false, every principal,
 * every S3 action, the bucket and all its objects). Crawlers are not recorded by AWS Config, and a
 * bucket policy change does not touch the job: periodic against the account, naming each offending
 * bucket and why.
 * A bucket whose policy cannot be read (access denied, or it belongs to another account) is
 * reported as such, never as compliant. Calls: one paged GetJobs, one paged GetCrawlers, and one
 * GetBucketPolicy per DISTINCT bucket: S3 has no API that reads many bucket policies at once, so
 * this per-bucket call is unavoidable (it scales with buckets, not jobs).
 *
 * Scenarios:
 *  1. No job or crawler uses S3                                           -> NOT_APPLICABLE
 *  2. A used bucket has no bucket policy                                  -> NON_COMPLIANT, bucket named
 *  3. A policy without the SecureTransport deny (or a conditional one)    -> NON_COMPLIANT
 *  4. A bucket whose policy is access denied / does not exist             -> NON_COMPLIANT, reason named
 *  5. Every used bucket denies non-TLS requests (s3:* on bucket and bucket/*) -> COMPLIANT
 *  6. Buckets of --extra-py-files lists and crawler targets are checked, each once -> one read per bucket
 *  7. A bucket in exemptBuckets                                            -> not read, not judged
 *  8. Invalid exemptBuckets item                                           -> error naming the parameter
 *  9. A Deny of only some S3 actions (s3:GetObject + s3:PutObject, s3:*Object),
 *     or a NotResource that spares part of the bucket (b/public/*)       -> NON_COMPLIANT
 */
export const rule = defineRule({
  ...meta,
  lookups: { jobs: listJobs, crawlers: listCrawlers, bucketPolicy: getBucketPolicy },
  async evaluate({ params, lookups, region }) {
    const users = bucketUsers(await lookups.jobs(), await lookups.crawlers());
    const buckets = [...users.keys()].filter((b) => !params.exemptBuckets.includes(b)).sort();
    if (buckets.length === 0) {
      return {
        compliance: Compliance.NOT_APPLICABLE,
        annotation: 'No Glue job or crawler uses an S3 bucket',
      };
    }
    const partition = partitionOf(region);
    const offenders: string[] = [];
    for (let i = 0; i < buckets.length; i += CONCURRENCY) {
      const batch = buckets.slice(i, i + CONCURRENCY);
      const reads = await Promise.all(batch.map((b) => lookups.bucketPolicy(b)));
      batch.forEach((bucket, j) => {
        const why = finding(reads[j] as BucketPolicyRead, bucket, partition);
        if (!why) return;
        const u = users.get(bucket) ?? { jobs: 0, crawlers: 0 };
        offenders.push(`${bucket} (${why}; ${u.jobs} jobs, ${u.crawlers} crawlers)`);
      });
    }
    if (offenders.length > 0) {
      return {
        compliance: Compliance.NON_COMPLIANT,
        annotation: describeOffenders(
          `${offenders.length} of ${buckets.length} Glue buckets do not enforce TLS`,
          offenders,
        ),
        offenders,
      };
    }
    return {
      compliance: Compliance.COMPLIANT,
      annotation: `All ${buckets.length} buckets used by Glue deny requests without TLS`,
    };
  },
});
