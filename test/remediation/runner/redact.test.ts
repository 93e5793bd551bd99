import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REDACTED, Redactor, scrubSteps } from '../../../remediation/runner/redact';

/**
 * The backtracking pattern the scanner replaced (cubic on text repeating `PASSWORD`). Kept here
 * only as an oracle on short strings: the scanner must redact exactly what it redacted.
 */
const OLD_SECRET_IN_TEXT =
  /(["']?[A-Za-z_]*(?:PASSWORD|SECRET_?KEY|SECRET_?ACCESS_?KEY|PRIVATE_?KEY|CLIENT_?SECRET)[A-Za-z_]*["']?\s*[:=]\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,}]+)/gi;
const oldScrub = (text: string): string =>
  text.replace(OLD_SECRET_IN_TEXT, (_m, key: string, value: string) => {
    const quote = value.startsWith('"') || value.startsWith("'") ? value[0] : '';
    return `${key}${quote}${REDACTED}${quote}`;
  });

/** Text built from the pieces that matter to the scanner: names, quotes, separators, escapes. */
const PIECES = [
  'PASSWORD',
  'password',
  'Db_Password',
  'SECRET_KEY',
  'secretaccesskey',
  'private_key',
  'ClientSecret',
  'SECRET_ID',
  'x',
  '1',
  '"',
  "'",
  '\\',
  '\n',
  ' ',
  '\t',
  ':',
  '=',
  ',',
  '}',
  '{',
  'v4l',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 24 }).map((p) => p.join(''));
/** `key<quote><sep><value>` assignments whose values mix quotes, escapes and line breaks. */
const assignment = fc
  .tuple(
    fc.constantFrom('PASSWORD', 'db_password', 'SECRET_ID', 'x'),
    fc.constantFrom('', '"', "'"),
    fc.constantFrom('=', ':', ' = ', '', ': '),
    fc.array(fc.constantFrom('"', "'", '\\', '\n', 'a', ' ', ',', '}'), { maxLength: 8 }),
  )
  .map(([k, q, sep, v]) => `${k}${q}${sep}${v.join('')}`);
const assignments = fc.array(assignment, { maxLength: 4 }).map((a) => a.join(''));

describe('Redactor.scrub', () => {
  it('redacts key=value, key: value and JSON pairs, keeping quotes and other text', () => {
    // Arrange
    const r = new Redactor();
    // Assess
    expect(r.scrub('DB_PASSWORD=hunter2 user=etl')).toBe(`DB_PASSWORD=${REDACTED} user=etl`);
    expect(r.scrub('{"password": "a \\" b", "user": "etl"}')).toBe(
      `{"password": "${REDACTED}", "user": "etl"}`,
    );
    expect(r.scrub("aws_secret_access_key: 'wJalr'")).toBe(`aws_secret_access_key: '${REDACTED}'`);
    expect(r.scrub('SECRET_ID=ledger/etl')).toBe('SECRET_ID=ledger/etl');
  });

  it('redacts exactly what the old pattern redacted (differential, short strings)', () => {
    fc.assert(
      fc.property(fc.oneof(text, assignments), (t) => {
        expect(new Redactor().scrub(t)).toBe(oldScrub(t));
      }),
      { numRuns: 3000 },
    );
  });

  it('scrubs an 8,000-character run of PASSWORD (cubic before) and redacts its value', () => {
    // Arrange: the Sid that hung `remediate`; the old pattern takes seconds at 1,600 characters.
    const sid = 'PASSWORD'.repeat(1000);
    // Act
    const out = new Redactor().scrub(`${sid}=hunter2 ${sid}`);
    // Assess
    expect(out).toBe(`${sid}=${REDACTED} ${sid}`);
  });

  it('does work linear in the text on hostile repetitions and never throws (property, steps not clocks)', () => {
    // Arrange: fragments the scanner reacts to, each repeated up to 3,000 times.
    const fragments = [
      'PASSWORD',
      'password_',
      'SECRET_KEY',
      '"',
      "'",
      '\\',
      '\n',
      ' ',
      ':',
      '=',
      'a',
      ',',
      '}',
      '"x":',
    ];
    const hostile = fc
      .array(fc.tuple(fc.constantFrom(...fragments), fc.integer({ min: 1, max: 3000 })), {
        minLength: 1,
        maxLength: 4,
      })
      .map((parts) => parts.map(([f, n]) => f.repeat(n)).join(''));
    fc.assert(
      fc.property(fc.oneof(hostile, fc.string({ unit: 'binary', maxLength: 2000 })), (t) => {
        // Act
        const before = scrubSteps();
        const out = new Redactor().scrub(t);
        const steps = scrubSteps() - before;
        // Assess: at most 32 steps per character (the name spellings checked per run) plus a constant.
        expect(typeof out).toBe('string');
        expect(steps).toBeLessThanOrEqual(32 * t.length + 64);
      }),
      { numRuns: 300 },
    );
  });
});
