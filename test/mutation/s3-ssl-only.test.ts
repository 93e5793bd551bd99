import { describe, expect, it } from 'vitest';
import { enforcesSslOnly } from '../../functions/rules/lib/s3-policy';

// Survivors of `npm run mutation` in functions/rules/lib/s3-policy.ts (issue 11): a bucket policy
// that leaves some plain-HTTP requests allowed must not count as SSL-only. Literal verdicts.

const BUCKET = 'ledger';
const ARNS = ['arn:aws:s3:::ledger', 'arn:aws:s3:::ledger/*'];
const TLS = { Bool: { 'aws:SecureTransport': 'false' } };

function verdict(statement: Record<string, unknown>): { enforced: boolean; statements: string[] } {
  const policy = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyHttp',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: ARNS,
        Condition: TLS,
        ...statement,
      },
    ],
  };
  return enforcesSslOnly(JSON.stringify(policy), BUCKET);
}

const ENFORCED = { enforced: true, statements: ['DenyHttp'] };
const NOT_ENFORCED = { enforced: false, statements: [] };

describe('SSL-only bucket policies (mutation survivors)', () => {
  it('the recommended statement enforces it', () => {
    expect(verdict({})).toEqual(ENFORCED);
  });

  it('a condition on another key set to false does not', () => {
    expect(verdict({ Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } })).toEqual(NOT_ENFORCED);
  });

  it('an empty or mixed list of SecureTransport values does not', () => {
    expect(verdict({ Condition: { Bool: { 'aws:SecureTransport': [] } } })).toEqual(NOT_ENFORCED);
    expect(verdict({ Condition: { Bool: { 'aws:SecureTransport': ['false', 'true'] } } })).toEqual(
      NOT_ENFORCED,
    );
    expect(verdict({ Condition: { Bool: { 'aws:SecureTransport': ' FALSE ' } } })).toEqual(ENFORCED);
  });

  it('a Deny for some principals, or for all but some, does not', () => {
    expect(verdict({ Principal: { AWS: 'arn:aws:iam::123456789012:root' } })).toEqual(NOT_ENFORCED);
    expect(
      verdict({ Principal: undefined, NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' } }),
    ).toEqual(NOT_ENFORCED);
  });

  it('every listed action pattern need not cover S3: one s3:* among others is enough', () => {
    expect(verdict({ Action: ['s3:GetObject', 's3:*'] })).toEqual(ENFORCED);
  });

  it('a NotAction counts only when none of its patterns reaches an S3 action', () => {
    expect(verdict({ Action: undefined, NotAction: ['sqs:SendMessage', 'sns:Publish'] })).toEqual(ENFORCED);
    expect(verdict({ Action: undefined, NotAction: ['sqs:SendMessage', 's3:GetObject'] })).toEqual(
      NOT_ENFORCED,
    );
    expect(verdict({ Action: undefined, NotAction: ['s3:'] })).toEqual(ENFORCED);
    expect(verdict({ Action: undefined, NotAction: ['s3:-'] })).toEqual(ENFORCED);
  });

  it('a NotResource counts only when none of its patterns spares the bucket or something under it', () => {
    expect(
      verdict({ Resource: undefined, NotResource: ['arn:aws:s3:::other', 'arn:aws:s3:::other/*'] }),
    ).toEqual(ENFORCED);
    expect(
      verdict({ Resource: undefined, NotResource: ['arn:aws:s3:::other', 'arn:aws:s3:::ledger/public/*'] }),
    ).toEqual(NOT_ENFORCED);
  });

  it('judges GovCloud bucket ARNs in their partition', () => {
    const policy = {
      Statement: [
        {
          Sid: 'DenyHttp',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: ['arn:aws-us-gov:s3:::ledger', 'arn:aws-us-gov:s3:::ledger/*'],
          Condition: TLS,
        },
      ],
    };
    expect(enforcesSslOnly(JSON.stringify(policy), BUCKET, 'aws-us-gov')).toEqual(ENFORCED);
    expect(enforcesSslOnly(JSON.stringify(policy), BUCKET)).toEqual(NOT_ENFORCED);
  });
});
