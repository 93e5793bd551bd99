import type { Crawler, Job } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { bucketsIn, bucketUsers, rule } from '../../functions/rules/glue-s3-targets-ssl-only';
import { evaluateAccount } from '../support/rule-context';

// glue-s3-targets-ssl-only: which buckets a job or crawler names, and the batches of
// GetBucketPolicy calls (issue 11: survivors of the mutation run), with literal expected values.

describe('glue-s3-targets-ssl-only: bucketsIn', () => {
  it.each<[string | undefined, string[]]>([
    [undefined, []],
    ['', []],
    ['s3://a/x.py', ['a']],
    ['s3://a/x.py, s3a://b/y.py ,s3n://c', ['a', 'b', 'c']],
    ['file:///tmp/x.py,s3://d/lib.zip,https://e/z', ['d']],
    ['S3://Upper/x', ['Upper']],
    ['s3:///no-bucket', []],
  ])('%j -> %j', (value, expected) => {
    expect(bucketsIn(value)).toEqual(expected);
  });
});

describe('glue-s3-targets-ssl-only: bucketUsers', () => {
  it('counts each job and crawler once per bucket, and takes resources without a command or targets', () => {
    const jobs: Job[] = [
      { Name: 'no-command' },
      { Name: 'script', Command: { Name: 'glueetl', ScriptLocation: 's3://scripts/a.py' } },
      {
        Name: 'args',
        Command: { Name: 'glueetl', ScriptLocation: 's3://scripts/b.py' },
        DefaultArguments: {
          '--TempDir': 's3://temp/t',
          '--extra-py-files': 's3://libs/a.zip,s3://scripts/c.py',
        },
      },
    ];
    const crawlers: Crawler[] = [
      { Name: 'no-targets' },
      { Name: 'no-s3-targets', Targets: {} },
      { Name: 'two-paths', Targets: { S3Targets: [{ Path: 's3://data/a' }, { Path: 's3://data/b' }, {}] } },
    ];
    expect(Object.fromEntries(bucketUsers(jobs, crawlers))).toEqual({
      scripts: { jobs: 2, crawlers: 0 },
      temp: { jobs: 1, crawlers: 0 },
      libs: { jobs: 1, crawlers: 0 },
      data: { jobs: 0, crawlers: 1 },
    });
  });
});

describe('glue-s3-targets-ssl-only: more buckets than one batch of reads', () => {
  it('reads each of nine buckets once and names each once', async () => {
    const names = Array.from({ length: 9 }, (_, i) => `bucket-${i}`);
    const reads: string[] = [];
    const v = await evaluateAccount(rule, {
      jobs: async () =>
        names.map((b) => ({
          Name: `job-${b}`,
          Command: { Name: 'glueetl', ScriptLocation: `s3://${b}/s.py` },
        })),
      crawlers: async () => [],
      bucketPolicy: async (b: string) => {
        reads.push(b);
        return { status: 'no-policy' };
      },
    });
    expect(reads).toEqual(names);
    const offenders = names.map((b) => `${b} (no bucket policy; 1 jobs, 0 crawlers)`);
    expect(v.compliance).toBe('NON_COMPLIANT');
    expect(v.offenders).toEqual(offenders);
    expect(v.annotation?.startsWith('9 of 9 Glue buckets do not enforce TLS')).toBe(true);
  });
});
