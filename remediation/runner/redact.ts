/** Keys whose values are secrets (connection passwords above all); `SECRET_ID` is a reference, not a secret. */
const SECRET_KEY = /PASSWORD|SECRET_?KEY|SECRET_?ACCESS_?KEY|PRIVATE_?KEY|CLIENT_?SECRET/i;
/** Every spelling SECRET_KEY matches, for finding it inside a run of name characters. */
const SECRET_KEY_SPELLINGS = [
  'PASSWORD',
  'SECRETKEY',
  'SECRET_KEY',
  'SECRETACCESSKEY',
  'SECRET_ACCESSKEY',
  'SECRETACCESS_KEY',
  'SECRET_ACCESS_KEY',
  'PRIVATEKEY',
  'PRIVATE_KEY',
  'CLIENTSECRET',
  'CLIENT_SECRET',
];
export const REDACTED = '***REDACTED***';

/** Whether a key holds a secret. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/**
 * A redactor for one execution: it replaces the value of every secret key with REDACTED and
 * remembers the values it saw, so the same secret is scrubbed from free text (logs, messages).
 */
export class Redactor {
  private readonly secrets = new Set<string>();

  /** Notes secret values in `value` without changing it (API responses, script payloads). */
  learn(value: unknown): void {
    this.redact(value);
  }

  /** A deep copy of `value` with secrets replaced. */
  redact<T>(value: T): T {
    return this.walk(value) as T;
  }

  /** `text` with every secret value seen so far replaced. */
  scrub(text: string): string {
    // key=value / "key": "value" in free text (a script printing a connection's properties).
    return this.scrubKnown(scrubAssignments(text));
  }

  /** `text` with only the secret values seen so far replaced (no key=value heuristics). */
  scrubKnown(text: string): string {
    let out = text;
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) {
      charge(out.length * 2);
      out = out.split(s).join(REDACTED);
    }
    return out;
  }

  private walk(value: unknown, key?: string): unknown {
    // A script's source is code, not output: `HidePassword=False` is a call argument, and the
    // key=value heuristic would garble it. Only a secret value pasted into the source is scrubbed.
    if (typeof value === 'string') return key === 'Script' ? this.scrubKnown(value) : this.scrub(value);
    if (Array.isArray(value)) return value.map((v) => this.walk(v));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        if (isSecretKey(k)) {
          for (const item of Array.isArray(v) ? v : [v]) {
            if (typeof item === 'string' && item.length >= 4 && item !== REDACTED) this.secrets.add(item);
          }
          out[k] = Array.isArray(v) ? v.map(() => REDACTED) : REDACTED;
        } else {
          out[k] = this.walk(v, k);
        }
      }
      return out;
    }
    return value;
  }
}

let steps = 0;
const charge = (n: number): void => {
  steps += n + 1;
};
/**
 * Characters the redactor's text scanning has examined since the process started (built-in
 * calls counted by what they can read). Tests bound its growth by the text's length.
 */
export function scrubSteps(): number {
  return steps;
}

const isNameChar = (c: string | undefined): boolean =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_');
const isSpace = (c: string | undefined): boolean => c !== undefined && /^\s$/.test(c);
const isLineTerminator = (c: string | undefined): boolean =>
  c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029';

/** Where the value starting at `i` ends: a `"…"` string (with `\` escapes), a `'…'` string, or a bare word. */
function valueEnd(text: string, i: number): number | undefined {
  if (text[i] === '"') {
    for (let j = i + 1; j < text.length; j++) {
      charge(1);
      const c = text[j];
      if (c === '"') return j + 1;
      if (c === '\\') {
        if (j + 1 >= text.length || isLineTerminator(text[j + 1])) break;
        j++;
      }
    }
  } else if (text[i] === "'") {
    const close = text.indexOf("'", i + 1);
    charge((close === -1 ? text.length : close) - i);
    if (close !== -1) return close + 1;
  }
  // An unterminated quote is part of a bare word, as is anything up to a space, `,` or `}`.
  let j = i;
  while (j < text.length && !isSpace(text[j]) && text[j] !== ',' && text[j] !== '}') j++;
  charge(j - i);
  return j > i ? j : undefined;
}

/**
 * `text` with the value of every secret-named `key=value` / `key: value` / `"key": "value"`
 * replaced by REDACTED, quotes kept so JSON text stays JSON. A key is a maximal run of letters
 * and `_` holding a secret key's spelling (`DB_PASSWORD`, `"aws_secret_access_key"`), optionally
 * closed by a quote, then `:` or `=`. One pass: every run of name characters is read once, so
 * the cost is linear however often the text repeats `PASSWORD` (a backtracking pattern of the
 * same meaning was cubic there).
 */
function scrubAssignments(text: string): string {
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    charge(1);
    if (!isNameChar(text[i])) {
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && isNameChar(text[i])) i++;
    charge((i - start) * (SECRET_KEY_SPELLINGS.length + 2));
    const name = text.slice(start, i).toUpperCase();
    if (!SECRET_KEY_SPELLINGS.some((s) => name.includes(s))) continue;
    let j = i;
    if (text[j] === '"' || text[j] === "'") j++;
    while (isSpace(text[j])) j++;
    charge(j - i);
    if (text[j] !== ':' && text[j] !== '=') continue;
    j++;
    const valueStart = j;
    while (isSpace(text[j])) j++;
    charge(j - valueStart);
    const end = valueEnd(text, j);
    if (end === undefined) continue;
    const first = text[j];
    const quote = first === '"' || first === "'" ? first : '';
    charge(j - copied);
    out += `${text.slice(copied, j)}${quote}${REDACTED}${quote}`;
    copied = end;
    i = end;
  }
  charge(text.length - copied);
  return out + text.slice(copied);
}
