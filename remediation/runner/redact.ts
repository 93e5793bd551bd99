/** Keys whose values are secrets (connection passwords above all); `SECRET_ID` is a reference, not a secret. */
const SECRET_KEY = /PASSWORD|SECRET_?KEY|SECRET_?ACCESS_?KEY|PRIVATE_?KEY|CLIENT_?SECRET/i;
const SECRET_IN_TEXT =
  /(["']?[A-Za-z_]*(?:PASSWORD|SECRET_?KEY|SECRET_?ACCESS_?KEY|PRIVATE_?KEY|CLIENT_?SECRET)[A-Za-z_]*["']?\s*[:=]\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,}]+)/gi;
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
    const out = text.replace(SECRET_IN_TEXT, (_m, key: string, value: string) => {
      // Keep the quoting so JSON text stays JSON.
      const quote = value.startsWith('"') || value.startsWith("'") ? value[0] : '';
      return `${key}${quote}${REDACTED}${quote}`;
    });
    return this.scrubKnown(out);
  }

  /** `text` with only the secret values seen so far replaced (no key=value heuristics). */
  scrubKnown(text: string): string {
    let out = text;
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join(REDACTED);
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
