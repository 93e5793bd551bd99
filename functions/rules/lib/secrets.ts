/**
 * Detects job arguments that hold a credential in plain text. Results name the argument key and
 * why it looks secret, never the value.
 */

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
/** Key words that mean the value points at a secret store. */
const STORE_WORDS = new Set(['secretsmanager', 'ssm', 'parameter']);

/**
 * Values that point at a secret store, or are flags: never credentials themselves. Checked only
 * after the credential shapes below, so a reference prefix cannot hide a credential.
 */
const REFERENCE_VALUE = [
  /^arn:aws[a-z-]*:(secretsmanager|ssm|kms):/i,
  /^\{\{\s*resolve:/i,
  /^(true|false|yes|no|on|off|none|null)$/i,
];

/**
 * An S3 location without userinfo: the authority (up to the first `/`) is a bare bucket name,
 * which can hold neither `@` nor `:` (S3 bucket naming rules), so a `key:secret@` prefix never passes.
 */
const S3_LOCATION = /^s3[an]?:\/\/[^\s/@:]+(\/|$)/i;

/** Value shapes that are credentials wherever they appear. */
const SECRET_VALUES: ReadonlyArray<{ pattern: RegExp; what: string }> = [
  { pattern: /\b(AKIA|ASIA)[A-Z0-9]{16}\b/, what: 'an AWS access key id' },
  { pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/, what: 'a private key' },
  // Hadoop S3A/S3N credentials in the URL; an AWS secret access key may contain `/`, so the
  // secret runs to the `@` (a bucket name has no `:`, so `s3a://x:` is userinfo already).
  {
    pattern: /\bs3[an]?:\/\/[^\s/:@]+:[^\s@]*@/i,
    what: 'an S3 URL with credentials (s3a://key:secret@bucket)',
  },
  { pattern: /[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:[^\s/@]+@/i, what: 'a connection string with credentials' },
  {
    pattern: /(password|passwd|pwd|secret[._-]?(access[._-]?)?key)\s*=\s*[^\s&;,]+/i,
    what: 'a credential assignment (password=, secret.key=)',
  },
  { pattern: /\beyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}/, what: 'a JSON web token' },
  { pattern: /\bgh[pousr]_[A-Za-z0-9]{36}\b/, what: 'a GitHub token' },
  { pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/, what: 'a Slack token' },
];

function words(key: string): string[] {
  return key
    .replace(/^-+/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/** True when the key's name says it holds a credential (and not a reference to one). */
export function isSecretKeyName(key: string): boolean {
  const w = words(key);
  const last = w[w.length - 1];
  if (w.length === 0 || (last !== undefined && REFERENCE_SUFFIXES.has(last))) return false;
  if (w.some((x) => STORE_WORDS.has(x))) return false;
  if (w.some((x) => SECRET_WORDS.has(x))) return true;
  return w.some((x, i) => i > 0 && SECRET_PAIRS.has(`${w[i - 1]}_${x}`));
}

/**
 * Why a key/value pair looks like a plaintext credential, or undefined. Credential shapes are
 * judged first, under any key and whatever the value starts with. Then a credential-named key
 * passes only with a secret-store reference (Secrets Manager, SSM, KMS ARN or a dynamic
 * reference) or a flag. An S3 URL does not count there: `--password s3://hunter2` is as literal
 * as `hunter2`, and an S3 object is no secret store; a key that points at a file says so by its
 * name (`--password-file`, `--password-location`) and is a reference by name.
 */
export function secretReason(key: string, value: string | undefined): string | undefined {
  const v = (value ?? '').trim();
  if (v === '') return undefined;
  const shape = SECRET_VALUES.find((s) => s.pattern.test(v));
  if (shape) return `holds ${shape.what}`;
  if (!isSecretKeyName(key) || REFERENCE_VALUE.some((p) => p.test(v))) return undefined;
  return S3_LOCATION.test(v)
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
