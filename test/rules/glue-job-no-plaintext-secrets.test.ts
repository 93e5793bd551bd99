import type { Job } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { rule } from '../../functions/rules/glue-job-no-plaintext-secrets';
import { evaluateResource } from '../support/rule-context';

// Test-only credentials in the shapes the rule must catch (none is real).
const ACCESS_KEY = 'AKIAZ7QEXAMPLE4LEDGR';
const SESSION_KEY = 'ASIAQ3EXAMPLE9CARDSX';
const DB_PASSWORD = 'Ledger-Pa55w0rd-2026';
const PRIVATE_KEY = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAexample\n-----END RSA PRIVATE KEY-----';
const DSN = 'postgresql://etl_user:Ch4ngeMe-Now@ledger.internal:5432/ledger';
// Hadoop's S3A form with credentials; an AWS secret access key may contain `/`.
const S3A_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const S3A_URL = `s3a://etl-reader:${S3A_SECRET}@ledger-raw/in/`;
const ALL_VALUES = [ACCESS_KEY, SESSION_KEY, DB_PASSWORD, PRIVATE_KEY, DSN];

const job = (args: Record<string, string>, nonOverridable?: Record<string, string>): Job => ({
  Name: 'ledger-etl',
  Command: { Name: 'glueetl', ScriptLocation: 's3://assets/ledger.py' },
  DefaultArguments: { '--job-language': 'python', '--TempDir': 's3://assets/tmp/', ...args },
  ...(nonOverridable ? { NonOverridableArguments: nonOverridable } : {}),
});

describe('Rule: glue-job-no-plaintext-secrets', () => {
  it('1. ordinary arguments only (or none) -> COMPLIANT', async () => {
    // Act
    const v = await evaluateResource(
      rule,
      job({ '--enable-metrics': 'true', '--enable-token-auth': 'true' }),
      {},
    );
    const none = await evaluateResource(rule, { Name: 'bare', Command: { Name: 'pythonshell' } }, {});
    // Assess
    expect(v).toEqual({
      compliance: 'COMPLIANT',
      annotation: 'No job argument looks like a plaintext secret',
    });
    expect(none.compliance).toBe('COMPLIANT');
  });

  it('2. a credential-named key with a literal value -> NON_COMPLIANT, key named', async () => {
    // Act
    const v = await evaluateResource(
      rule,
      job({ '--db_password': DB_PASSWORD, '--token': 'tok-123456', '--api_key': 'k-9876', '--secret': 'x1' }),
      {},
    );
    // Assess
    expect(v.compliance).toBe('NON_COMPLIANT');
    expect(v.offenders).toEqual([
      'DefaultArguments --db_password',
      'DefaultArguments --token',
      'DefaultArguments --api_key',
      'DefaultArguments --secret',
    ]);
    expect(v.annotation).toBe(
      '4 arguments look like plaintext secrets: DefaultArguments --db_password, DefaultArguments --token, ' +
        'DefaultArguments --api_key, DefaultArguments --secret',
    );
  });

  it('3. reference keys (--secret_id, --secret-name, --secrets-manager-arn) -> COMPLIANT', async () => {
    // Act
    const v = await evaluateResource(
      rule,
      job({
        '--secret_id': 'ledger/etl/db',
        '--secret-name': 'ledger/etl/db',
        '--secrets-manager-arn': 'ledger-db',
        '--kms-key-id': '7f3e2d1c-0b9a-4c8d-9e7f-6a5b4c3d2e1f',
      }),
      {},
    );
    // Assess
    expect(v.compliance).toBe('COMPLIANT');
  });

  it('4. a credential-named key holding a Secrets Manager ARN -> COMPLIANT', async () => {
    // Act
    const v = await evaluateResource(
      rule,
      job({ '--db_password': 'arn:aws:secretsmanager:us-east-1:123456789012:secret:ledger/etl/db-AbCdEf' }),
      {},
    );
    // Assess
    expect(v.compliance).toBe('COMPLIANT');
  });

  it('5. an innocuous key holding an AWS access key id -> NON_COMPLIANT', async () => {
    // Act
    const v = await evaluateResource(
      rule,
      job({ '--source_account': ACCESS_KEY, '--sess': `id=${SESSION_KEY}` }),
      {},
    );
    // Assess
    expect(v.compliance).toBe('NON_COMPLIANT');
    expect(v.offenders).toEqual(['DefaultArguments --source_account', 'DefaultArguments --sess']);
  });

  it('6. a value holding a private key block -> NON_COMPLIANT', async () => {
    // Act
    const v = await evaluateResource(rule, job({ '--sftp_identity': PRIVATE_KEY }), {});
    // Assess
    expect(v).toEqual({
      compliance: 'NON_COMPLIANT',
      annotation: 'Argument holds a private key: DefaultArguments --sftp_identity',
      offenders: ['DefaultArguments --sftp_identity'],
    });
  });

  it('7. a connection string with embedded credentials -> NON_COMPLIANT', async () => {
    // Act
    const v = await evaluateResource(rule, job({ '--source_dsn': DSN }), {});
    // Assess
    expect(v.annotation).toBe(
      'Argument holds a connection string with credentials: DefaultArguments --source_dsn',
    );
  });

  it('8. the secret sits in NonOverridableArguments -> NON_COMPLIANT, map named', async () => {
    // Act
    const v = await evaluateResource(rule, job({}, { '--password': DB_PASSWORD }), {});
    // Assess
    expect(v.offenders).toEqual(['NonOverridableArguments --password']);
  });

  it('9. no value ever appears in the annotation -> keys only', async () => {
    // Act
    const v = await evaluateResource(
      rule,
      job(
        { '--db_password': DB_PASSWORD, '--a': ACCESS_KEY, '--b': PRIVATE_KEY, '--c': DSN },
        { '--d': SESSION_KEY },
      ),
      {},
    );
    // Assess
    expect(v.offenders).toHaveLength(5);
    const text = JSON.stringify(v);
    for (const secret of ALL_VALUES) expect(text).not.toContain(secret);
    expect(text).not.toContain('Ch4ngeMe');
  });

  it('10. an S3 URL carrying credentials (s3a://key:secret@bucket) -> NON_COMPLIANT, key named', async () => {
    // Act
    const v = await evaluateResource(
      rule,
      job({ '--input': S3A_URL, '--archive': `s3a://${ACCESS_KEY}:${DB_PASSWORD}@ledger-archive/` }),
      {},
    );
    // Assess
    expect(v.compliance).toBe('NON_COMPLIANT');
    expect(v.offenders).toEqual(['DefaultArguments --input', 'DefaultArguments --archive']);
    const text = JSON.stringify(v);
    for (const secret of [S3A_SECRET, ACCESS_KEY, DB_PASSWORD]) expect(text).not.toContain(secret);
  });

  it('11. a credential-named key holding an S3 URL (--password s3://...) -> NON_COMPLIANT', async () => {
    // Act
    const v = await evaluateResource(
      rule,
      job({ '--password': 's3://hunter2', '--password-file': 's3://ledger-vault/etl/db.txt' }),
      {},
    );
    // Assess: only the key that claims to hold the credential; --password-file names a location.
    expect(v).toEqual({
      compliance: 'NON_COMPLIANT',
      annotation:
        'Argument is named like a credential and holds an S3 URL, not a secret-store reference: ' +
        'DefaultArguments --password',
      offenders: ['DefaultArguments --password'],
    });
    expect(JSON.stringify(v)).not.toContain('hunter2');
  });
});
