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
      '--ssm-token-parameter',
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
