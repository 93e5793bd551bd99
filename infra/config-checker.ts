/** A raw configuration object, as parsed from JSON. */
export type Raw = Record<string, unknown>;

/** A JSON object (not null, not an array). */
export function isObject(v: unknown): v is Raw {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Collects every configuration problem (path: what is wrong) while reading typed values. */
export class Checker {
  readonly problems: string[] = [];
  fail(path: string, problem: string): void {
    this.problems.push(`${path}: ${problem}`);
  }
  unknownKeys(path: string, value: Raw, known: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) this.fail(`${path}.${key}`, `unknown setting (known: ${known.join(', ')})`);
    }
  }
  object(path: string, value: unknown): Raw {
    if (value === undefined) return {};
    if (!isObject(value)) {
      this.fail(path, 'must be an object');
      return {};
    }
    return value;
  }
  bool(path: string, value: unknown, fallback: boolean): boolean {
    if (value === undefined) return fallback;
    if (typeof value !== 'boolean') this.fail(path, `must be true or false, got ${JSON.stringify(value)}`);
    return value === true;
  }
  int(path: string, value: unknown, fallback: number, min: number, max: number): number {
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.fail(path, `must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
      return fallback;
    }
    return value;
  }
  string(path: string, value: unknown, fallback: string, pattern: RegExp): string {
    if (value === undefined) return fallback;
    if (typeof value !== 'string' || !pattern.test(value)) {
      this.fail(path, `${JSON.stringify(value)} does not match ${pattern}`);
      return fallback;
    }
    return value;
  }
  strings(path: string, value: unknown, pattern: RegExp): string[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      this.fail(path, 'must be a list of strings');
      return [];
    }
    const out: string[] = [];
    for (const [i, item] of value.entries()) {
      if (typeof item !== 'string' || !pattern.test(item)) {
        this.fail(`${path}[${i}]`, `${JSON.stringify(item)} does not match ${pattern}`);
      } else out.push(item);
    }
    return out;
  }
  valueMap(path: string, value: unknown): Record<string, string | string[]> {
    const raw = this.object(path, value);
    const out: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(raw)) {
      if (Array.isArray(v) && v.every((item) => typeof item === 'string')) out[k] = v as string[];
      else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
      else this.fail(`${path}.${k}`, 'must be a string, number, boolean or list of strings');
    }
    return out;
  }
  stringMap(path: string, value: unknown): Record<string, string> {
    const raw = this.object(path, value);
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(raw)) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
      else this.fail(`${path}.${k}`, 'must be a string, number or boolean');
    }
    return out;
  }
}
