/**
 * Detects job arguments that hold a credential in plain text. Results name the argument key and
 * why it looks secret, never the value.
 *
 * Everything here reads data an insider controls, so every check runs in time linear in the
 * value: value shapes are found by hand-written scanners that visit each character a bounded
 * number of times (no backtracking), and the few regular expressions left are anchored or have a
 * fixed-length body. A value longer than MAX_INSPECTED_CHARS is not inspected at all and is
 * reported: a detector that gives up must never pass what it did not read.
 */
import { parseSecretReference } from './secret-references';

/** The longest key or value inspected (256 KiB); a longer one is reported as uninspectable. */
export const MAX_INSPECTED_CHARS = 256 * 1024;

/** Words of an argument key that mean it holds a credential. */
const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'credential',
  'credentials',
]);
/** Credential names run together with another word (`--dbpassword`, `--secretaccesskey`). */
const RUN_TOGETHER = [
  'password',
  'passwd',
  'passphrase',
  'secretkey',
  'secretaccesskey',
  'privatekey',
  'apikey',
  'clientsecret',
  'accesstoken',
  'authtoken',
];
/** Abbreviations that mean a password only as the key's last word (`--db-pw`, `&pass=`, not `--pass-through`). */
const LAST_WORD_ABBREVIATIONS = new Set(['pass', 'pw']);
/** Adjacent word pairs that mean the same (`--api_key`, `--client-secret`, `--private-key`). */
const SECRET_PAIRS = new Set([
  'api_key',
  'access_key',
  'secret_key',
  'private_key',
  'auth_key',
  'signing_key',
]);
/** A key ending in one of these names a reference to a secret, not the secret itself. */
const REFERENCE_SUFFIXES = new Set(['id', 'name', 'arn', 'url', 'uri', 'path', 'file', 'location', 'ref']);
/** Key words that say the value names an SSM parameter, where `/path/name` is a reference. */
const PARAMETER_WORDS = new Set(['ssm', 'parameter', 'param']);

/** Values that are flags, never credentials themselves. */
const FLAG_VALUE = /^(?:true|false|yes|no|on|off|none|null)$/i;

/** Value shapes that a fixed-length (or anchored) pattern finds in linear time. */
const FIXED_SHAPES: ReadonlyArray<{ pattern: RegExp; what: string }> = [
  { pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/, what: 'an AWS access key id' },
  // PEM (`RSA`, `EC`, `ENCRYPTED`, `OPENSSH`...) and PGP (`PGP PRIVATE KEY BLOCK`) private keys.
  { pattern: /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/, what: 'a private key' },
];
const LATE_FIXED_SHAPES: ReadonlyArray<{ pattern: RegExp; what: string }> = [
  { pattern: /\bgh[pousr]_[A-Za-z0-9]{36}\b/, what: 'a GitHub token' },
  { pattern: /\bxox[abprs]-[A-Za-z0-9-]{10}/, what: 'a Slack token' },
];

const WHAT_S3 = 'an S3 URL with credentials (s3a://key:secret@bucket)';
const WHAT_CONNECTION = 'a connection string with credentials';
const WHAT_ORACLE = 'an Oracle JDBC URL with credentials (user/password@host)';
const WHAT_ASSIGNMENT = 'a credential assignment (password=, secret.key=)';
const WHAT_JWT = 'a JSON web token';

// --- character classes (ASCII; `\s` is JavaScript's own) --------------------------------------

/** JavaScript's `\s`: the ASCII spaces by comparison, anything else by the (anchored) pattern. */
const isSpace = (c: string | undefined): boolean =>
  c !== undefined &&
  (c === ' ' ||
    c === '\t' ||
    c === '\n' ||
    c === '\r' ||
    c === '\v' ||
    c === '\f' ||
    (c > '~' && /^\s$/.test(c)));
const isAsciiLetter = (c: string | undefined): boolean =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
/** `\w`: letters, digits, `_`. */
const isWordChar = (c: string | undefined): boolean => isAsciiLetter(c) || isDigit(c) || c === '_';
/** URL scheme characters after the first letter (RFC 3986). */
const isSchemeChar = (c: string | undefined): boolean =>
  isAsciiLetter(c) || isDigit(c) || c === '+' || c === '.' || c === '-';
/** Characters of a key name inside a value (`spark.hadoop.fs.s3a.secret.key`, `db_password`). */
const isNameChar = (c: string | undefined): boolean => isWordChar(c) || c === '.' || c === '-';

// --- work accounting: tests bound the work by steps, not by clocks --------------------------

let steps = 0;
/** Adds `n` to the work done (characters examined, by a scanner or by a built-in it calls). */
const charge = (n: number): void => {
  steps += n + 1;
};
/**
 * Characters examined by the detector since the process started, counting each built-in call
 * (`indexOf`, a linear regex, `slice`) by the characters it can read. Tests bound the growth of
 * this figure by the input's length to prove linear work without timing anything.
 */
export function inspectionSteps(): number {
  return steps;
}

/** The end of the run of characters from `i` that satisfy `ok`. */
function runEnd(s: string, i: number, ok: (c: string) => boolean): number {
  let j = i;
  while (j < s.length && ok(s[j] as string)) j++;
  charge(j - i);
  return j;
}

/** `s.indexOf(needle, from)`, charged for the characters it passes. */
function find(s: string, needle: string, from: number): number {
  const at = s.indexOf(needle, from);
  charge(((at === -1 ? s.length : at) - from + needle.length) * needle.length);
  return at;
}

/** `pattern.test(s)` for a pattern recheck rates linear, charged for one pass. */
function matches(pattern: RegExp, s: string): boolean {
  charge(s.length);
  return pattern.test(s);
}

/** `s` with ASCII upper-case letters lowered; the length (and so every index) is unchanged. */
const asciiLower = (s: string): string => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());

// --- key names ------------------------------------------------------------------------------

/** `password1` -> `password` (a loop: `/\d+$/` rescans every run of digits, quadratic). */
function withoutTrailingDigits(w: string): string {
  let end = w.length;
  while (end > 0 && isDigit(w[end - 1])) end--;
  return w.slice(0, end);
}

function words(key: string): string[] {
  return key
    .replace(/^-+/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .map(withoutTrailingDigits)
    .filter((w) => w !== '');
}

interface KeyName {
  /** The name says the value is a credential (and not a reference to one). */
  secret: boolean;
  /** The name says the value names an SSM parameter (`--ssm-password-parameter`). */
  parameter: boolean;
}

function judgeKeyName(key: string): KeyName {
  charge(key.length * (RUN_TOGETHER.length + 4));
  const w = words(key);
  const last = w[w.length - 1];
  const parameter = w.some((x) => PARAMETER_WORDS.has(x));
  if (last === undefined || REFERENCE_SUFFIXES.has(last)) return { secret: false, parameter };
  const secret =
    w.some((x) => SECRET_WORDS.has(x) || RUN_TOGETHER.some((n) => x.includes(n))) ||
    LAST_WORD_ABBREVIATIONS.has(last) ||
    w.some((x, i) => i > 0 && SECRET_PAIRS.has(`${w[i - 1]}_${x}`));
  return { secret, parameter };
}

/**
 * True when the key's name says it holds a credential (and not a reference to one). Names of a
 * secret store (`--ssm-token-parameter`, `--secretsmanager-password`) count: their value must
 * then parse as a reference.
 */
export function isSecretKeyName(key: string): boolean {
  return judgeKeyName(key).secret;
}

// --- value scanners (each linear in the value) ----------------------------------------------

/**
 * `scheme://user:pass@` anywhere in the value. Every `://` is visited once; the scheme is the run
 * of scheme characters before it (runs before different `://` are disjoint) and the userinfo scan
 * stops at the first `/`, which every later `://` holds, so no character is read more than twice.
 */
function connectionString(v: string, lower: string): string | undefined {
  let noAtBefore = -1; // an s3 secret scan that found no `@` before this index
  for (let p = find(v, '://', 0); p !== -1; p = find(v, '://', p + 1)) {
    let s = p;
    while (s > 0 && isSchemeChar(v[s - 1])) s--;
    charge(2 * (p - s));
    // The scheme must start with a letter: the first letter in the run starts it.
    while (s < p && !isAsciiLetter(v[s])) s++;
    if (s === p) continue;
    const user = p + 3;
    const userEnd = runEnd(v, user, (c) => !isSpace(c) && c !== '/' && c !== ':' && c !== '@');
    if (userEnd === user || v[userEnd] !== ':') continue;
    // Hadoop S3A/S3N: the secret access key may contain `/`, so it runs to the `@`.
    const scheme = lower.slice(Math.max(s, p - 3), p);
    const s3 = (scheme === 's3' || scheme === 's3a' || scheme === 's3n') && p - scheme.length === s;
    if (s3) {
      if (userEnd < noAtBefore) continue;
      const end = runEnd(v, userEnd + 1, (c) => !isSpace(c) && c !== '@');
      if (v[end] === '@') return WHAT_S3;
      noAtBefore = end;
      continue;
    }
    const passEnd = runEnd(v, userEnd + 1, (c) => !isSpace(c) && c !== '/' && c !== '@');
    if (passEnd > userEnd + 1 && v[passEnd] === '@') return WHAT_CONNECTION;
  }
  return undefined;
}

/** `jdbc:oracle:thin:user/password@host`: Oracle's own userinfo form. */
function oracleJdbc(v: string, lower: string): string | undefined {
  const prefix = 'jdbc:oracle:';
  for (let p = find(lower, prefix, 0); p !== -1; p = find(lower, prefix, p + 1)) {
    const driver = p + prefix.length;
    const driverEnd = runEnd(lower, driver, (c) => isAsciiLetter(c) || isDigit(c));
    if (driverEnd === driver || v[driverEnd] !== ':') continue;
    const user = driverEnd + 1;
    const userEnd = runEnd(v, user, (c) => !isSpace(c) && c !== '/' && c !== ':' && c !== '@');
    if (userEnd === user || v[userEnd] !== '/') continue;
    const passEnd = runEnd(v, userEnd + 1, (c) => !isSpace(c) && c !== '/' && c !== '@');
    if (passEnd > userEnd + 1 && v[passEnd] === '@') return WHAT_ORACLE;
  }
  return undefined;
}

/**
 * A credential-named key assigned a value inside the value: `password=x`, `secret.key = x`,
 * `"password":"x"` (JSON), `password: x` (YAML), `&pass=x`, `password%3Dx` (URL-encoded). A `:`
 * counts only after a quoted name or before a space, so `arn:...:secret:name` is no assignment.
 * Names are maximal runs of name characters, visited once each.
 */
function assignment(v: string): string | undefined {
  let i = 0;
  while (i < v.length) {
    charge(1);
    if (!isNameChar(v[i])) {
      i++;
      continue;
    }
    const start = i;
    const end = runEnd(v, start, isNameChar);
    i = end;
    const open = v[start - 1];
    let j = end;
    const quoted = (open === '"' || open === "'") && v[j] === open;
    if (quoted) j++;
    j = runEnd(v, j, (c) => c === ' ' || c === '\t');
    let separated = false;
    if (v[j] === '=') {
      separated = true;
      j++;
    } else if (v[j] === ':' && (quoted || v[j + 1] === ' ' || v[j + 1] === '\t')) {
      separated = true;
      j++;
    } else if (v[j] === '%' && v[j + 1] === '3' && (v[j + 2] === 'D' || v[j + 2] === 'd')) {
      separated = true;
      j += 3;
    }
    // The separator is checked first: it is cheap, and most names are followed by none.
    if (!separated || !judgeKeyName(v.slice(start, end)).secret) continue;
    j = runEnd(v, j, (c) => c === ' ' || c === '\t');
    if (v[j] === '"' || v[j] === "'") j++;
    const c = v[j];
    if (c !== undefined && !isSpace(c) && !'&;,"\'}'.includes(c)) return WHAT_ASSIGNMENT;
  }
  return undefined;
}

/**
 * `eyJ<8+>.eyJ<8+>.<8+>` at a word boundary. A failed start skips the rest of its first segment:
 * any later start inside it reaches the same `.` with a shorter segment, so it fails too.
 */
function jsonWebToken(v: string): string | undefined {
  const seg = (c: string): boolean => isWordChar(c) || c === '-';
  for (let p = find(v, 'eyJ', 0); p !== -1; ) {
    const end1 = runEnd(v, p + 3, seg);
    if (!isWordChar(v[p - 1]) && end1 - (p + 3) >= 8 && v[end1] === '.' && v.startsWith('eyJ', end1 + 1)) {
      const end2 = runEnd(v, end1 + 4, seg);
      if (end2 - (end1 + 4) >= 8 && v[end2] === '.' && runEnd(v, end2 + 1, seg) - (end2 + 1) >= 8)
        return WHAT_JWT;
    }
    p = find(v, 'eyJ', Math.max(p + 1, end1));
  }
  return undefined;
}

/** Why the value's own shape is a credential wherever it appears, or undefined. */
function credentialShape(v: string): string | undefined {
  for (const s of FIXED_SHAPES) if (matches(s.pattern, v)) return s.what;
  charge(v.length);
  const lower = asciiLower(v);
  const found = connectionString(v, lower) ?? oracleJdbc(v, lower) ?? assignment(v) ?? jsonWebToken(v);
  if (found) return found;
  return LATE_FIXED_SHAPES.find((s) => matches(s.pattern, v))?.what;
}

/**
 * An S3 location without userinfo: the authority (up to the first `/`) is a bare bucket name,
 * which can hold neither `@` nor `:` (S3 bucket naming rules), so a `key:secret@` prefix never passes.
 */
const S3_LOCATION = /^s3[an]?:\/\/[^\s/@:]+(?:\/|$)/i;

/**
 * Why a key/value pair looks like a plaintext credential, or undefined. A key or value longer
 * than MAX_INSPECTED_CHARS is reported without being read. Credential shapes are judged first,
 * under any key and whatever the value starts with. Then a credential-named key passes only
 * with a value that parses as a secret-store reference (a dynamic reference, a Secrets Manager,
 * SSM parameter or KMS ARN; an SSM parameter path when the key names a parameter) or a flag. An
 * S3 URL does not count there: `--password s3://hunter2` is as literal as `hunter2`, and an S3
 * object is no secret store; a key that points at a file says so by its name (`--password-file`).
 */
export function secretReason(key: string, value: string | undefined): string | undefined {
  const raw = value ?? '';
  if (key.length > MAX_INSPECTED_CHARS || raw.length > MAX_INSPECTED_CHARS) {
    return `is too long to inspect for secrets (over ${MAX_INSPECTED_CHARS} characters), so it is reported unread`;
  }
  charge(raw.length + key.length);
  const v = raw.trim();
  if (v === '') return undefined;
  const shape = credentialShape(v);
  if (shape) return `holds ${shape}`;
  const name = judgeKeyName(key);
  charge(v.length * 4); // the flag pattern, and parsing as a reference: splits and anchored tests
  if (!name.secret || FLAG_VALUE.test(v) || parseSecretReference(v, { parameterNames: name.parameter })) {
    return undefined;
  }
  return matches(S3_LOCATION, v)
    ? 'is named like a credential and holds an S3 URL, not a secret-store reference'
    : 'is named like a credential and holds a literal value';
}

/** One argument that looks like a plaintext secret: where it is and why, never its value. */
export interface SecretFinding {
  map: string;
  key: string;
  reason: string;
}

/** Scans argument maps (e.g. DefaultArguments, NonOverridableArguments) for plaintext secrets. */
export function findPlaintextSecrets(
  maps: Record<string, Record<string, string> | undefined>,
): SecretFinding[] {
  const found: SecretFinding[] = [];
  for (const [map, args] of Object.entries(maps)) {
    for (const [key, value] of Object.entries(args ?? {})) {
      const reason = secretReason(key, value);
      if (reason) found.push({ map, key, reason });
    }
  }
  return found;
}
