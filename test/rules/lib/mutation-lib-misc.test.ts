// Literal-value tests for the smaller modules of functions/rules/lib (issue 11: surviving
// mutants): security-configuration(-users), tags, json-keys, s3-policy, connections and glob.
import type { Connection, SecurityConfiguration } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { enforcesSsl } from '../../../functions/rules/lib/connections';
import { globMatch } from '../../../functions/rules/lib/glob';
import { findDuplicateKey } from '../../../functions/rules/lib/json-keys';
import { enforcesSslOnly } from '../../../functions/rules/lib/s3-policy';
import { encryptionGaps } from '../../../functions/rules/lib/security-configuration';
import { securityConfigurationOffenders } from '../../../functions/rules/lib/security-configuration-users';
import { userTags } from '../../../functions/rules/lib/tags';

const KEY_A = 'arn:aws:kms:us-east-1:123456789012:key/a';
const KEY_B = 'arn:aws:kms:us-east-1:123456789012:key/b';
const s3 = (...S3Encryption: { S3EncryptionMode?: string; KmsKeyArn?: string }[]): SecurityConfiguration => ({
  Name: 'sc',
  EncryptionConfiguration: { S3Encryption: S3Encryption as never },
});
const S3_ONLY = { s3: true, cloudWatch: false, jobBookmarks: false };

describe('encryptionGaps', () => {
  it('judges S3 only when the resource needs it', () => {
    expect(
      encryptionGaps({ Name: 'sc' }, { s3: false, cloudWatch: false, jobBookmarks: false }),
    ).toStrictEqual([]);
    expect(encryptionGaps({ Name: 'sc' }, S3_ONLY)).toStrictEqual(['S3 encryption disabled']);
  });

  it('one DISABLED or SSE-S3 entry among several is a gap', () => {
    const kmsAndOff = s3({ S3EncryptionMode: 'SSE-KMS', KmsKeyArn: KEY_A }, { S3EncryptionMode: 'DISABLED' });
    expect(encryptionGaps(kmsAndOff, S3_ONLY)).toStrictEqual(['S3 encryption disabled']);
    const kmsAndS3 = s3({ S3EncryptionMode: 'SSE-KMS', KmsKeyArn: KEY_A }, { S3EncryptionMode: 'SSE-S3' });
    expect(encryptionGaps(kmsAndS3, S3_ONLY)).toStrictEqual(['S3 uses SSE-S3, not SSE-KMS']);
    expect(encryptionGaps(kmsAndS3, { ...S3_ONLY, allowSseS3: true })).toStrictEqual([]);
  });

  it('every SSE-KMS entry must use an allowed key; SSE-S3 entries carry none', () => {
    const twoKeys = s3(
      { S3EncryptionMode: 'SSE-KMS', KmsKeyArn: KEY_A },
      { S3EncryptionMode: 'SSE-KMS', KmsKeyArn: KEY_B },
    );
    expect(encryptionGaps(twoKeys, { ...S3_ONLY, kmsKeyArns: [KEY_A] })).toStrictEqual([
      'S3 KMS key not in the allowed list',
    ]);
    expect(encryptionGaps(twoKeys, { ...S3_ONLY, kmsKeyArns: [KEY_A, KEY_B] })).toStrictEqual([]);
    const sseS3 = s3({ S3EncryptionMode: 'SSE-S3' });
    expect(encryptionGaps(sseS3, { ...S3_ONLY, allowSseS3: true, kmsKeyArns: [KEY_A] })).toStrictEqual([]);
  });

  it('a configuration without CloudWatch or bookmark settings has those gaps', () => {
    expect(encryptionGaps({ Name: 'sc' }, { s3: false, cloudWatch: true, jobBookmarks: true })).toStrictEqual(
      ['CloudWatch logs encryption disabled', 'job bookmark encryption disabled'],
    );
    expect(
      encryptionGaps(
        { Name: 'sc', EncryptionConfiguration: {} },
        { s3: false, cloudWatch: true, jobBookmarks: true },
      ),
    ).toStrictEqual(['CloudWatch logs encryption disabled', 'job bookmark encryption disabled']);
  });
});

describe('securityConfigurationOffenders', () => {
  it('lists offenders sorted by name, with every gap of one configuration joined', () => {
    const configurations = new Map<string, SecurityConfiguration>([['weak', { Name: 'weak' }]]);
    const needs = { s3: true, cloudWatch: true, jobBookmarks: false };
    const users = [
      { name: 'zeta', securityConfiguration: ' weak ' },
      { name: 'beta' },
      { name: 'alpha', securityConfiguration: 'gone' },
    ];
    expect(securityConfigurationOffenders(users, configurations, needs)).toStrictEqual([
      "alpha (security configuration 'gone' does not exist)",
      'beta (no security configuration)',
      "zeta ('weak': S3 encryption disabled; CloudWatch logs encryption disabled)",
    ]);
    expect(users.map((u) => u.name)).toStrictEqual(['zeta', 'beta', 'alpha']);
  });
});

describe('userTags', () => {
  it('drops only keys that START with aws:', () => {
    expect(
      userTags({ 'aws:cloudformation:stack-name': 's', 'AWS:x': 'y', 'team:aws:x': 't', owner: 'o' }),
    ).toStrictEqual({
      'team:aws:x': 't',
      owner: 'o',
    });
  });
});

describe('findDuplicateKey', () => {
  it('names the path of nested objects with dots', () => {
    expect(findDuplicateKey('{"a":{"b":{"c":1,"c":2}}}')).toStrictEqual({ key: 'c', path: 'a.b' });
    expect(findDuplicateKey('{"a":{"c":1,"c":2}}')).toStrictEqual({ key: 'c', path: 'a' });
  });
  it('ends on an unterminated string', () => {
    expect(findDuplicateKey('["abc')).toBeUndefined();
  });
});

describe('enforcesSslOnly', () => {
  const deny = (extra: Record<string, unknown>) =>
    JSON.stringify({
      Statement: [
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          ...extra,
        },
      ],
    });
  it('resource ARNs are case-sensitive: a NotResource in other case spares nothing', () => {
    expect(enforcesSslOnly(deny({ NotResource: 'arn:aws:s3:::BUCKET/*' }), 'bucket')).toStrictEqual({
      enforced: true,
      statements: ['Statement[0]'],
    });
    expect(enforcesSslOnly(deny({ NotResource: 'arn:aws:s3:::bucket/logs/*' }), 'bucket')).toStrictEqual({
      enforced: false,
      statements: [],
    });
  });
  it('a statement with Principal and NotPrincipal is not for every principal', () => {
    const policy = deny({
      NotPrincipal: { AWS: '123456789012' },
      Resource: ['arn:aws:s3:::bucket', 'arn:aws:s3:::bucket/*'],
    });
    expect(enforcesSslOnly(policy, 'bucket')).toStrictEqual({ enforced: false, statements: [] });
  });
  it('a Deny on the objects alone is not enough', () => {
    expect(enforcesSslOnly(deny({ Resource: 'arn:aws:s3:::bucket/*' }), 'bucket')).toStrictEqual({
      enforced: false,
      statements: [],
    });
  });
});

describe('enforcesSsl', () => {
  it('a connection without a judged TLS property never enforces, whatever its properties', () => {
    const c = {
      Name: 'n',
      ConnectionType: 'NETWORK',
      ConnectionProperties: { undefined: 'true' },
    } as Connection;
    expect(enforcesSsl(c)).toBe(false);
  });
});

describe('globMatch case folding', () => {
  it('folds to lower case: the dotless i is not an i', () => {
    expect(globMatch('ı', 'i', { caseInsensitive: true })).toBe(false);
    expect(globMatch('I', 'i', { caseInsensitive: true })).toBe(true);
  });
});
