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

/** Values that are references or flags, never credentials themselves. */
const REFERENCE_VALUE = [
  /^arn:aws[a-z-]*:(secretsmanager|ssm|kms):/i,
  /^\{\{\s*resolve:/i,
  /^(s3|s3a|s3n):\/\//i,
  /^(true|false|yes|no|on|off|none|null)$/i,
];

/** Value shapes that are credentials wherever they appear. */
const SECRET_VALUES: ReadonlyArray<{ pattern: RegExp; what: string }> = [
  { pattern: /\b(AKIA|ASIA)[A-Z0-9]{16}\b/, what: 'an AWS access key id' },
  { pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/, what: 'a private key' },
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

/** Why a key/value pair looks like a plaintext credential, or undefined. */
export function secretReason(key: string, value: string | undefined): string | undefined {
  const v = (value ?? '').trim();
  if (v === '' || REFERENCE_VALUE.some((p) => p.test(v))) return undefined;
  const shape = SECRET_VALUES.find((s) => s.pattern.test(v));
  if (shape) return `holds ${shape.what}`;
  return isSecretKeyName(key) ? 'is named like a credential and holds a literal value' : undefined;
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
