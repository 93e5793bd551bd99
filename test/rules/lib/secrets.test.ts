import { describe, expect, it } from 'vitest';
import { findPlaintextSecrets, isSecretKeyName, secretReason } from '../../../functions/rules/lib/secrets';

describe('lib/secrets', () => {
  it('flags credential-named keys in any spelling', () => {
    // Assess
    for (const key of [
      '--password',
      '--db_password',
      '--DB-PASSWORD',
      '--dbPassword',
      '--secret',
      '--token',
    ]) {
      expect(isSecretKeyName(key), key).toBe(true);
    }
    for (const key of [
      '--api_key',
      '--apiKey',
      '--client-secret',
      '--private_key',
      '--aws_secret_key',
      '--pwd',
    ]) {
      expect(isSecretKeyName(key), key).toBe(true);
    }
  });

  it('passes references to secrets and unrelated keys', () => {
    // Assess
    const keys = [
      '--secret_id',
      '--secret-name',
      '--secrets-manager-arn',
      '--password-secret-id',
      '--kms-key-id',
      '--partition_key',
      '--TempDir',
      '--job-bookmark-option',
      '--enable-continuous-cloudwatch-log',
    ];
    for (const key of keys) expect(isSecretKeyName(key), key).toBe(false);
  });

  it('judges values: references and flags pass, credential shapes fail under any key', () => {
    // Assess
    expect(
      secretReason('--password', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf'),
    ).toBeUndefined();
    expect(secretReason('--password', '{{resolve:secretsmanager:db:SecretString:password}}')).toBeUndefined();
    expect(secretReason('--enable-token-auth', 'true')).toBeUndefined();
    expect(secretReason('--password', '')).toBeUndefined();
    expect(secretReason('--conf', 'spark.hadoop.fs.s3a.secret.key=wJalrXUtnFEMIexample')).toBe(
      'holds a credential assignment (password=, secret.key=)',
    );
    expect(secretReason('--jdbc', 'jdbc:sqlserver://db:1433;user=etl;password=Pa55')).toBe(
      'holds a credential assignment (password=, secret.key=)',
    );
    expect(secretReason('--notify', 'xoxb-1234567890-abcdefghij')).toBe('holds a Slack token');
    expect(secretReason('--source', 's3://bucket/path/')).toBeUndefined();
    expect(secretReason('--url', 'https://api.example.com/v1')).toBeUndefined();
  });

  it('judges credential shapes before exempting an S3 URL, which passes only without userinfo', () => {
    // Assess: Hadoop's s3a://KEY:SECRET@bucket form, with or without a `/` in the secret.
    expect(secretReason('--input', 's3a://AKIAZ7QEXAMPLE4LEDGR:wJalrXUtnFEMIexample@raw/in/')).toBe(
      'holds an AWS access key id',
    );
    expect(secretReason('--input', 's3n://etl-reader:Pa55w0rdExample@raw/in/')).toBe(
      'holds an S3 URL with credentials (s3a://key:secret@bucket)',
    );
    expect(secretReason('--input', 's3a://etl-reader:wJalr/XUtnFEMI+example@raw/in/')).toBe(
      'holds an S3 URL with credentials (s3a://key:secret@bucket)',
    );
    // A clean URL first in a list does not exempt a credentialed one after it.
    expect(secretReason('--extra-py-files', 's3://libs/a.zip,s3a://etl:Pa55w0rd@libs/b.zip')).toBeDefined();
    // No userinfo: a location, under a key that does not claim to hold a credential.
    expect(secretReason('--input', 's3a://raw-zone/in/user:x@y.csv')).toBeUndefined();
    expect(secretReason('--input', 'S3N://raw-zone')).toBeUndefined();
  });

  it('flags a credential-named key holding an S3 URL: an S3 object is not a secret store', () => {
    // Assess: `s3://hunter2` is as literal as `hunter2`; a key that points at a file says so.
    expect(secretReason('--password', 's3://hunter2')).toBe(
      'is named like a credential and holds an S3 URL, not a secret-store reference',
    );
    expect(secretReason('--db_password', 's3://vault/etl/db.txt')).toBe(
      'is named like a credential and holds an S3 URL, not a secret-store reference',
    );
    expect(secretReason('--password-file', 's3://vault/etl/db.txt')).toBeUndefined();
    expect(secretReason('--password-location', 's3://vault/etl/')).toBeUndefined();
  });

  it('reports where each finding sits, without its value', () => {
    // Act
    const found = findPlaintextSecrets({
      DefaultArguments: { '--token': 'abc123', '--region': 'eu-west-1' },
      NonOverridableArguments: undefined,
    });
    // Assess
    expect(found).toEqual([
      {
        map: 'DefaultArguments',
        key: '--token',
        reason: 'is named like a credential and holds a literal value',
      },
    ]);
  });
});
