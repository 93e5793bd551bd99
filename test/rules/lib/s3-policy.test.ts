import { describe, expect, it } from 'vitest';
import { enforcesSslOnly, partitionOf } from '../../../functions/rules/lib/s3-policy';

const BUCKET = 'ledger-raw';
const BOTH = [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`];

/** One Deny-without-TLS statement; `over` replaces or adds elements (Action, NotResource...). */
function deny(over: Record<string, unknown> = {}, sid = 'DenyInsecureTransport'): Record<string, unknown> {
  const statement: Record<string, unknown> = {
    Sid: sid,
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: BOTH,
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) delete statement[k];
    else statement[k] = v;
  }
  return statement;
}
const policy = (...statements: Record<string, unknown>[]): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });
const enforced = (...statements: Record<string, unknown>[]): boolean =>
  enforcesSslOnly(policy(...statements), BUCKET).enforced;

describe('lib/s3-policy', () => {
  it('accepts the AWS-recommended statement: s3:* (or *) on the bucket and its objects', () => {
    // Act
    const finding = enforcesSslOnly(policy(deny()), BUCKET);
    // Assess
    expect(finding).toEqual({ enforced: true, statements: ['DenyInsecureTransport'] });
    expect(enforced(deny({ Action: '*' }))).toBe(true);
    expect(enforced(deny({ Action: ['S3:*'] }))).toBe(true);
    expect(enforced(deny({ Action: 's3*:*' }))).toBe(true);
  });

  it('refuses a Deny that leaves any S3 action over plain HTTP', () => {
    // Assess: ListBucket, DeleteObject, PutBucketPolicy... would still be allowed without TLS.
    expect(enforced(deny({ Action: ['s3:GetObject', 's3:PutObject'] }))).toBe(false);
    expect(enforced(deny({ Action: 's3:*Object' }))).toBe(false);
    expect(enforced(deny({ Action: ['s3:Get*', 's3:Put*', 's3:List*'] }))).toBe(false);
    // A full deny on the bucket does not make up for a partial one on the objects.
    expect(
      enforced(
        deny({ Action: 's3:*', Resource: BOTH[0] }, 'Bucket'),
        deny({ Action: 's3:*Object', Resource: BOTH[1] }, 'Objects'),
      ),
    ).toBe(false);
  });

  it('counts NotAction only when it excludes no S3 action', () => {
    // Assess
    expect(enforced(deny({ Action: undefined, NotAction: ['iam:*', 'sqs:SendMessage'] }))).toBe(true);
    expect(enforced(deny({ Action: undefined, NotAction: 's3:ListBucket' }))).toBe(false);
    expect(enforced(deny({ Action: undefined, NotAction: 'S3:get*' }))).toBe(false);
    expect(enforced(deny({ Action: undefined, NotAction: 's?:*' }))).toBe(false);
    expect(enforced(deny({ Action: undefined, NotAction: 's3*' }))).toBe(false);
    expect(enforced(deny({ Action: undefined, NotAction: '*' }))).toBe(false);
  });

  it('counts NotResource only when no pattern matches the bucket or anything under it', () => {
    // Assess
    const notResource = (...arns: string[]) => enforced(deny({ Resource: undefined, NotResource: arns }));
    expect(notResource('arn:aws:s3:::other-bucket', 'arn:aws:s3:::other-bucket/*')).toBe(true);
    expect(notResource('arn:aws:s3:::ledger-raw-public/*')).toBe(true);
    expect(notResource(`arn:aws:s3:::${BUCKET}/public/*`)).toBe(false);
    expect(notResource(`arn:aws:s3:::${BUCKET}/*/keep.csv`)).toBe(false);
    expect(notResource(`arn:aws:s3:::${BUCKET}/x`)).toBe(false);
    expect(notResource(`arn:aws:s3:::${BUCKET}`)).toBe(false);
    expect(notResource('arn:aws:s3:::ledger-*')).toBe(false);
    expect(notResource('*')).toBe(false);
  });

  it('judges the ARNs of the partition it is given', () => {
    // Prepare
    const cn = policy(deny({ Resource: [`arn:aws-cn:s3:::${BUCKET}`, `arn:aws-cn:s3:::${BUCKET}/*`] }));
    // Assess
    expect(partitionOf('cn-north-1')).toBe('aws-cn');
    expect(enforcesSslOnly(cn, BUCKET, partitionOf('cn-north-1')).enforced).toBe(true);
    expect(enforcesSslOnly(cn, BUCKET).enforced).toBe(false);
  });
});
