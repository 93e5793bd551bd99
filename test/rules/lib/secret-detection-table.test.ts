import { describe, expect, it } from 'vitest';
import { MAX_INSPECTED_CHARS, secretReason } from '../../../functions/rules/lib/secrets';

// Test-only values in the shapes the detector must catch (none is real).
const ASSIGNMENT = 'holds a credential assignment (password=, secret.key=)';
const LITERAL = 'is named like a credential and holds a literal value';
const SM_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:ledger/etl/db-AbCdEf';
const SSM_ARN = 'arn:aws:ssm:eu-west-1:123456789012:parameter/ledger/etl/db';

/** Issue 12 finding 5: every miss, and the ordinary arguments that must stay clean. */
const FLAGGED: ReadonlyArray<[key: string, value: string, reason: string]> = [
  // JSON values and YAML-style `name: value` inside a value
  ['--options', '{"password":"Hunter2-Example"}', ASSIGNMENT],
  ['--options', '{ "db_password" : "Hunter2-Example" }', ASSIGNMENT],
  ['--options', "{'password': 'Hunter2-Example'}", ASSIGNMENT],
  ['--config', 'user: etl\npassword: Hunter2-Example', ASSIGNMENT],
  // digit suffixes, run-together names, abbreviations (by key name)
  ['--password1', 'Hunter2-Example', LITERAL],
  ['--db_password2', 'Hunter2-Example', LITERAL],
  ['--dbpassword', 'Hunter2-Example', LITERAL],
  ['--secretaccesskey', 'wJalrXUtnFEMIexample', LITERAL],
  ['--privatekey', 'MIIEowIBAAKCAQEAexample', LITERAL],
  ['--pass', 'Hunter2-Example', LITERAL],
  ['--db-pass', 'Hunter2-Example', LITERAL],
  ['--db-pw', 'Hunter2-Example', LITERAL],
  // ... and inside a value
  ['--conf', 'user=etl password1=Hunter2-Example', ASSIGNMENT],
  ['--conf', 'dbpassword=Hunter2-Example', ASSIGNMENT],
  ['--conf', 'fs.s3a.secretaccesskey=wJalrXUtnFEMIexample', ASSIGNMENT],
  ['--url', 'https://api.example.com/login?user=etl&pass=Hunter2-Example', ASSIGNMENT],
  ['--url', 'https://api.example.com/login?user=etl&pw=Hunter2-Example', ASSIGNMENT],
  ['--redirect', 'https%3A%2F%2Fx.example%2F%3Fuser%3Detl%26password%3DHunter2-Example', ASSIGNMENT],
  // PGP and PEM private key blocks
  [
    '--signing',
    '-----BEGIN PGP PRIVATE KEY BLOCK-----\nlQOYBGexample\n-----END PGP PRIVATE KEY BLOCK-----',
    'holds a private key',
  ],
  [
    '--identity',
    '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----',
    'holds a private key',
  ],
  [
    '--identity',
    '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANexample\n-----END PRIVATE KEY-----',
    'holds a private key',
  ],
  // Oracle's user/password@host JDBC URL
  [
    '--jdbc',
    'jdbc:oracle:thin:etl/Hunter2-Example@ledger.internal:1521/LEDGER',
    'holds an Oracle JDBC URL with credentials (user/password@host)',
  ],
  [
    '--jdbc',
    'JDBC:ORACLE:OCI:etl/Hunter2-Example@//ledger.internal:1521/LEDGER',
    'holds an Oracle JDBC URL with credentials (user/password@host)',
  ],
  // store-named keys holding a literal are flagged by name
  ['--ssm-password', 'Hunter2-Example', LITERAL],
  ['--secretsmanager-password', 'Hunter2-Example', LITERAL],
  ['--password-parameter', 'Hunter2-Example', LITERAL],
  ['--ssm-token-parameter', 'hunter2', LITERAL],
  // a reference prefix is not a reference: it must parse
  ['--password', '{{resolve:hunter2', LITERAL],
  ['--password', '{{resolve:hunter2}}', LITERAL],
  ['--password', '{{resolve:ssm-secure:bad name}}', LITERAL],
  ['--password', '{{resolve:secretsmanager:db:Plaintext:password}}', LITERAL],
  ['--password', 'arn:aws:ssm:hunter2', LITERAL],
  ['--password', 'arn:aws:secretsmanager:hunter2', LITERAL],
  ['--password', 'arn:aws:secretsmanager:us-east-1:123456789012:hunter2', LITERAL],
  ['--password', 'arn:aws:ssm:us-east-1:12345:parameter/db', LITERAL],
  ['--password', 'arn:aws:kms:hunter2', LITERAL],
  ['--password', `${SM_ARN} hunter2`, LITERAL],
  // a bare parameter path is a reference only where the key names a parameter
  ['--password', '/ledger/etl/db', LITERAL],
  // the shapes that were always caught still are
  [
    '--input',
    's3a://etl-reader:wJalr/XUtnFEMI+example@raw/in/',
    'holds an S3 URL with credentials (s3a://key:secret@bucket)',
  ],
  [
    '--dsn',
    'postgresql://etl_user:Ch4ngeMe-Now@ledger.internal:5432/ledger',
    'holds a connection string with credentials',
  ],
  [
    '--auth',
    'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk',
    'holds a JSON web token',
  ],
];

const CLEAN: ReadonlyArray<[key: string, value: string]> = [
  // well-formed references under credential-named keys
  ['--password', SM_ARN],
  ['--password', `arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:db-AbCdEf`],
  ['--password', SSM_ARN],
  ['--password', '{{resolve:ssm-secure:/ledger/etl/db}}'],
  ['--password', '{{resolve:ssm-secure:ledger-db:3}}'],
  ['--password', '{{resolve:secretsmanager:ledger/etl/db:SecretString:password}}'],
  ['--password', `{{resolve:secretsmanager:${SM_ARN}:SecretString:password::}}`],
  ['--api-key', 'arn:aws:kms:us-east-1:123456789012:key/7f3e2d1c-0b9a-4c8d-9e7f-6a5b4c3d2e1f'],
  ['--ssm-password', '{{resolve:ssm-secure:ledger-db}}'],
  ['--secretsmanager-password', SM_ARN],
  ['--ssm-token-parameter', '/ledger/etl/token'],
  ['--password-parameter', '/ledger/etl/db'],
  // references and locations by key name, flags, ordinary arguments
  ['--secret_id', 'ledger/etl/db'],
  ['--secrets-manager-arn', 'ledger-db'],
  ['--password-file', 's3://vault/etl/db.txt'],
  ['--ssm-parameter-name', 'hunter2'],
  ['--enable-token-auth', 'true'],
  ['--pass-through', 'Hunter2-Example'],
  ['--passenger-count', '4'],
  ['--tokenizer', 'whitespace'],
  ['--bypass-cache', 'on'],
  ['--job-bookmark-option', 'job-bookmark-enable'],
  ['--TempDir', 's3://assets/tmp/'],
  ['--jdbc', 'jdbc:oracle:thin:@ledger.internal:1521/LEDGER'],
  ['--jdbc', 'jdbc:postgresql://ledger.internal:5432/ledger?sslmode=require'],
  ['--conf', 'spark.sql.shuffle.partitions=200 --conf spark.executor.memory=4g'],
  ['--conf', 'password_file=/etc/etl/db'],
  ['--note', 'see the password policy at https://wiki.example.com/password:policy'],
  ['--options', '{"secret_id":"ledger/etl/db","region":"eu-west-1"}'],
  ['--options', '{"password":""}'],
  ['--input', 's3a://raw-zone/in/user:x@y.csv'],
  ['--url', 'https://api.example.com/v1?user=etl&passes=3'],
];

describe('lib/secrets: detection table (issue 12 finding 5)', () => {
  it.each(FLAGGED)('flags %s = %j', (key, value, reason) => {
    // Assess
    expect(secretReason(key, value)).toBe(reason);
  });

  it.each(CLEAN)('passes %s = %j', (key, value) => {
    // Assess
    expect(secretReason(key, value)).toBeUndefined();
  });
});

describe('lib/secrets: inspection cap (issue 12 finding 4)', () => {
  it('reports a value too long to inspect instead of passing it, under any key', () => {
    // Arrange: clean text beyond the cap hides a secret at its end.
    const long = `${'a'.repeat(MAX_INSPECTED_CHARS)} password=Hunter2-Example`;
    const clean = 'a'.repeat(MAX_INSPECTED_CHARS + 1);
    // Assess
    const reason = `is too long to inspect for secrets (over ${MAX_INSPECTED_CHARS} characters), so it is reported unread`;
    expect(secretReason('--input', long)).toBe(reason);
    expect(secretReason('--input', clean)).toBe(reason);
    expect(secretReason('a'.repeat(MAX_INSPECTED_CHARS + 1), 'x')).toBe(reason);
  });

  it('inspects a value of exactly the cap', () => {
    // Assess
    expect(secretReason('--input', 'a'.repeat(MAX_INSPECTED_CHARS))).toBeUndefined();
    expect(secretReason('--input', `${'a'.repeat(MAX_INSPECTED_CHARS - 20)} password=x`)).toBe(ASSIGNMENT);
  });
});
