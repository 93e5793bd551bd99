import { describe, expect, it } from 'vitest';
import { isSecretKeyName, MAX_INSPECTED_CHARS, secretReason } from '../../../functions/rules/lib/secrets';

/**
 * Issue 11: the boundaries of the hand-written value scanners in lib/secrets.ts, one case per
 * edge a mutant moved (whitespace classes, scheme characters, empty user or password, segment
 * lengths, separators). Every value here is test-only text; none is a real credential.
 */

const S3 = 'holds an S3 URL with credentials (s3a://key:secret@bucket)';
const CONNECTION = 'holds a connection string with credentials';
const ORACLE = 'holds an Oracle JDBC URL with credentials (user/password@host)';
const ASSIGNMENT = 'holds a credential assignment (password=, secret.key=)';
const JWT = 'holds a JSON web token';
const LITERAL = 'is named like a credential and holds a literal value';

/** The value under a key that claims nothing, so only the value's own shape can flag it. */
const shape = (value: string): string | undefined => secretReason('--x', value);

describe('lib/secrets: whitespace ends userinfo (isSpace)', () => {
  it('each ASCII space and a non-ASCII space end a password, so no `@` follows it', () => {
    // Assess: a space before the `@` means the text is no `user:pass@host` credential.
    for (const ws of [' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u2028', '\ufeff']) {
      expect(shape(`postgresql://etl:Pa55${ws}word@ledger`), JSON.stringify(ws)).toBeUndefined();
    }
    // ... and without it the same text is one.
    expect(shape('postgresql://etl:Pa55word@ledger')).toBe(CONNECTION);
  });

  it('a non-ASCII letter is part of a password, not a space', () => {
    // Assess
    expect(shape('postgresql://etl:Pa55wörd@ledger')).toBe(CONNECTION);
    expect(shape('postgresql://etl:Pa55w~rd@ledger')).toBe(CONNECTION);
  });
});

describe('lib/secrets: connection strings', () => {
  it('a scheme may hold `+`, `.` and `-`, so `x+s3a` is no S3 scheme and its `/` ends the password', () => {
    // Assess: as an S3 scheme the secret would run past the `/` to the `@`.
    expect(shape('x+s3a://etl:Pa55/word@raw')).toBeUndefined();
    expect(shape('x.s3a://etl:Pa55/word@raw')).toBeUndefined();
    expect(shape('x-s3a://etl:Pa55/word@raw')).toBeUndefined();
    expect(shape('xs3a://etl:Pa55/word@raw')).toBeUndefined();
    expect(shape('ftp://etl:Pa55/word@raw')).toBeUndefined();
  });

  it('`s3://` at the very start is an S3 scheme whose secret may hold a `/`', () => {
    // Assess
    expect(shape('s3://AKIDEXAMPLE:wJalr/XUtnFEMI@raw/in/')).toBe(S3);
    expect(shape('S3N://AKIDEXAMPLE:wJalr/XUtnFEMI@raw')).toBe(S3);
    // a leading non-letter is not part of the scheme, which starts at its first letter
    expect(shape('1s3a://AKIDEXAMPLE:wJalr/XUtnFEMI@raw')).toBe(S3);
  });

  it('a scheme needs a letter; user and password must both be non-empty', () => {
    // Assess
    expect(shape('1://etl:Pa55word@ledger')).toBeUndefined();
    expect(shape('9+.-://etl:Pa55word@ledger')).toBeUndefined();
    expect(shape('postgresql://:Pa55word@ledger')).toBeUndefined();
    expect(shape('postgresql://etl:@ledger')).toBeUndefined();
    expect(shape('s3a://:wJalrXUtnFEMI@raw')).toBeUndefined();
  });

  it('the user ends at `@`, so `user@host:port@x` holds no password', () => {
    // Assess
    expect(shape('ftp://anonymous@ledger:21@mirror')).toBeUndefined();
    expect(shape('ftp://anonymous@ledger:21/pub')).toBeUndefined();
  });

  it('a later credentialed S3 URL after a clean one in the same run is still found', () => {
    // Assess
    expect(shape('s3a://etl:x s3a://etl:wJalrXUtnFEMI@raw')).toBe(S3);
    expect(shape('s3a://etl:x,s3a://etl:wJalr@raw')).toBe(S3);
  });
});

describe('lib/secrets: Oracle JDBC URLs', () => {
  it('needs a driver name followed by `:`', () => {
    // Assess
    expect(shape('jdbc:oracle::etl/Pa55word@ledger')).toBeUndefined();
    expect(shape('jdbc:oracle:thin;etl/Pa55word@ledger')).toBeUndefined();
    expect(shape('jdbc:oracle:thin@etl/Pa55word@ledger')).toBeUndefined();
    expect(shape('jdbc:oracle:thin:etl/Pa55word@ledger')).toBe(ORACLE);
    expect(shape('jdbc:oracle:kprb2:etl/Pa55word@ledger')).toBe(ORACLE);
  });

  it('needs a non-empty user ending at `/` (an `@` ends it first)', () => {
    // Assess
    expect(shape('jdbc:oracle:thin:/Pa55word@ledger')).toBeUndefined();
    expect(shape('jdbc:oracle:thin:etl@ledger/LEDGER@standby')).toBeUndefined();
    expect(shape('jdbc:oracle:thin:etl:x/Pa55word@ledger')).toBeUndefined();
  });

  it('needs a non-empty password ending at `@`, not at a space or `/`', () => {
    // Assess
    expect(shape('jdbc:oracle:thin:etl/@ledger')).toBeUndefined();
    expect(shape('jdbc:oracle:thin:etl/Pa55word')).toBeUndefined();
    expect(shape('jdbc:oracle:thin:etl/Pa55 word@ledger')).toBeUndefined();
    expect(shape('jdbc:oracle:thin:etl/Pa55/word@ledger')).toBeUndefined();
    expect(shape('jdbc:oracle:thin:etl/P@ledger')).toBe(ORACLE);
  });
});

describe('lib/secrets: assignments inside a value', () => {
  it('a quoted name must be closed right after it', () => {
    // Assess: `"password=` is an unquoted assignment; `"password?=` has no separator.
    expect(shape('"password=Hunter2-Example')).toBe(ASSIGNMENT);
    expect(shape('"password?=Hunter2-Example')).toBeUndefined();
    // A leading `-` belongs to the quoted name.
    expect(shape('{"-password":"Hunter2-Example"}')).toBe(ASSIGNMENT);
  });

  it('tabs may surround the separator', () => {
    // Assess
    expect(shape('password\t=Hunter2-Example')).toBe(ASSIGNMENT);
    expect(shape('password=\tHunter2-Example')).toBe(ASSIGNMENT);
    expect(shape('password:\tHunter2-Example')).toBe(ASSIGNMENT);
    expect(shape('password: Hunter2-Example')).toBe(ASSIGNMENT);
  });

  it('an unquoted `:` counts only before a space or tab; other characters are no separator', () => {
    // Assess
    expect(shape('password:Hunter2-Example')).toBeUndefined();
    expect(shape('reset password + rotate keys')).toBeUndefined();
    expect(shape('reset password +\trotate keys')).toBeUndefined();
  });

  it('`%3D` and `%3d` separate; `%3x`, `%xD` and `!3D` do not', () => {
    // Assess
    expect(shape('password%3DHunter2-Example')).toBe(ASSIGNMENT);
    expect(shape('password%3dHunter2-Example')).toBe(ASSIGNMENT);
    expect(shape('password%3xHunter2-Example')).toBeUndefined();
    expect(shape('password%xDHunter2-Example')).toBeUndefined();
    expect(shape('password!3DHunter2-Example')).toBeUndefined();
    expect(shape('password!xdHunter2-Example')).toBeUndefined();
  });

  it('an empty assigned value is no credential, whatever ends it', () => {
    // Assess
    expect(shape('password=')).toBeUndefined();
    expect(shape('password=&user=etl')).toBeUndefined();
    expect(shape('password=;user=etl')).toBeUndefined();
    expect(shape('password%3D&user%3Detl')).toBeUndefined();
    expect(shape('password=\nuser=etl')).toBeUndefined();
    expect(shape('password= \t\nuser=etl')).toBeUndefined();
  });
});

describe('lib/secrets: JSON web tokens', () => {
  const h = 'eyJabcdefgh';
  it('three segments of at least 8 characters each, the first two starting `eyJ`', () => {
    // Assess
    expect(shape(`${h}.${h}.abcdefgh`)).toBe(JWT);
    expect(shape(`${h}.${h}.abcdefg`)).toBeUndefined();
    expect(shape(`${h}.${h}.abc`)).toBeUndefined();
    expect(shape(`${h}.${h}`)).toBeUndefined();
    expect(shape(`${h}.eyJabc`)).toBeUndefined();
    expect(shape(`${h}.eyJabc.abcdefgh`)).toBeUndefined();
    expect(shape(`eyJabc.${h}.abcdefgh`)).toBeUndefined();
    expect(shape(`eyJabcdefg.${h}.abcdefgh`)).toBeUndefined();
    expect(shape(`${h}.abcdefghijk.abcdefgh`)).toBeUndefined();
  });

  it('segments are joined by `.` only and may hold `-` and `_`', () => {
    // Assess
    expect(shape(`${h}:${h}.abcdefgh`)).toBeUndefined();
    expect(shape(`${h}.${h}:abcdefgh`)).toBeUndefined();
    expect(shape('eyJab-cdefgh.eyJab_cdefgh.ab-cd_efgh')).toBe(JWT);
  });

  it('starts at a word boundary', () => {
    // Assess: letters, digits and `_` before `eyJ` hide it; other ASCII characters do not.
    for (const before of ['x', 'A', 'Z', 'a', 'z', '0', '9', '_']) {
      expect(shape(`${before}${h}.${h}.abcdefgh`), before).toBeUndefined();
    }
    for (const before of ['~', '{', '[', '`', '@', '/', ':', '-']) {
      expect(shape(`${before}${h}.${h}.abcdefgh`), before).toBe(JWT);
    }
  });
});

describe('lib/secrets: key names', () => {
  it('trailing digits are dropped from every word, and all-digit words vanish', () => {
    // Assess: `pwd`, `pw` and `token` are not run-together names, so only the stripping finds them.
    for (const key of ['--pwd1', '--pw2', '--token10', '--db-pw-2', '--db-pw-', '--pw-', 'db-pw', 'db_pwd']) {
      expect(isSecretKeyName(key), key).toBe(true);
    }
    for (const key of ['--pw-id', '--pwd-2-arn', '--', '--2', '--pwdx']) {
      expect(isSecretKeyName(key), key).toBe(false);
    }
  });

  it('judges values under such keys', () => {
    // Assess
    expect(secretReason('--pwd1', 'Hunter2-Example')).toBe(LITERAL);
    expect(secretReason('--db-pw-2', 'Hunter2-Example')).toBe(LITERAL);
    expect(shape('db-pw=Hunter2-Example')).toBe(ASSIGNMENT);
  });
});

describe('lib/secrets: secretReason edges', () => {
  it('a missing or blank value is no credential, even under a credential-named key', () => {
    // Assess
    expect(secretReason('--password', undefined)).toBeUndefined();
    expect(secretReason('--password', '   ')).toBeUndefined();
    expect(secretReason('--password', '\t\n')).toBeUndefined();
    // a reference surrounded by spaces is still a reference
    expect(
      secretReason('--password', '  arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf  '),
    ).toBeUndefined();
  });

  it('inspects a key of exactly the cap', () => {
    // Assess
    expect(secretReason('k'.repeat(MAX_INSPECTED_CHARS), 'x')).toBeUndefined();
    expect(secretReason(`--${'k'.repeat(MAX_INSPECTED_CHARS - 10)}password`, 'x')).toBe(LITERAL);
  });
});
