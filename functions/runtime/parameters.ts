import { InvalidParameterValueError } from './errors';

/**
 * A typed rule parameter. AWS Config passes every input parameter as a string; a spec turns
 * that string into a value or throws an error naming the parameter.
 */
export interface ParamSpec<T> {
  readonly kind: 'bool' | 'string' | 'list' | 'int';
  readonly description: string;
  readonly required: boolean;
  /** The default, rendered as the string Config would pass (for docs and deployment). */
  readonly defaultText: string | undefined;
  parse(name: string, raw: string | undefined): T;
}

export type ParamSpecs = Record<string, ParamSpec<unknown>>;
export type ParamValues<P extends ParamSpecs> = {
  [K in keyof P]: P[K] extends ParamSpec<infer T> ? T : never;
};

/**
 * A boolean parameter (`true` / `false`, case-insensitive).
 *
 * @example
 * parameters: { allowSseS3: bool(false, 'Accept SSE-S3 for S3 data') }
 */
export function bool(defaultValue: boolean, description: string): ParamSpec<boolean> {
  return {
    kind: 'bool',
    description,
    required: false,
    defaultText: String(defaultValue),
    parse(name, raw) {
      if (raw === undefined || raw.trim() === '') return defaultValue;
      const v = raw.trim().toLowerCase();
      if (v === 'true') return true;
      if (v === 'false') return false;
      throw new InvalidParameterValueError(name, `expected true or false, got ${JSON.stringify(raw)}`);
    },
  };
}

/** A string parameter, optionally constrained by a pattern. */
export function str(
  description: string,
  options: { default?: string; required?: boolean; pattern?: RegExp } = {},
): ParamSpec<string | undefined> {
  return {
    kind: 'string',
    description,
    required: options.required ?? false,
    defaultText: options.default,
    parse(name, raw) {
      const v = raw?.trim();
      if (v === undefined || v === '') {
        if (options.required) throw new InvalidParameterValueError(name, 'is required');
        return options.default;
      }
      if (options.pattern && !options.pattern.test(v)) {
        throw new InvalidParameterValueError(name, `${JSON.stringify(v)} does not match ${options.pattern}`);
      }
      return v;
    },
  };
}

/**
 * A comma-separated list (Config has no list type). Empty items are dropped; each item must
 * match `pattern` when given, and the error names the offending item.
 */
export function list(
  description: string,
  options: { default?: readonly string[]; required?: boolean; pattern?: RegExp; itemName?: string } = {},
): ParamSpec<string[]> {
  return {
    kind: 'list',
    description,
    required: options.required ?? false,
    defaultText: (options.default ?? []).join(','),
    parse(name, raw) {
      const items = (raw ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      if (items.length === 0) {
        if (options.required)
          throw new InvalidParameterValueError(name, 'is required (comma-separated list)');
        return [...(options.default ?? [])];
      }
      for (const item of items) {
        if (options.pattern && !options.pattern.test(item)) {
          throw new InvalidParameterValueError(
            name,
            `${JSON.stringify(item)} is not a valid ${options.itemName ?? 'value'} (expected ${options.pattern})`,
          );
        }
      }
      return items;
    },
  };
}

/** An integer parameter within [min, max]. */
export function int(
  defaultValue: number,
  description: string,
  options: { min?: number; max?: number } = {},
): ParamSpec<number> {
  return {
    kind: 'int',
    description,
    required: false,
    defaultText: String(defaultValue),
    parse(name, raw) {
      if (raw === undefined || raw.trim() === '') return defaultValue;
      if (!/^-?\d+$/.test(raw.trim())) {
        throw new InvalidParameterValueError(name, `expected an integer, got ${JSON.stringify(raw)}`);
      }
      const v = Number.parseInt(raw.trim(), 10);
      if (options.min !== undefined && v < options.min) {
        throw new InvalidParameterValueError(name, `must be at least ${options.min}, got ${v}`);
      }
      if (options.max !== undefined && v > options.max) {
        throw new InvalidParameterValueError(name, `must be at most ${options.max}, got ${v}`);
      }
      return v;
    },
  };
}

/**
 * Parses the `ruleParameters` JSON string of a Config event against a rule's specs.
 * Unknown names are an error (a typo would otherwise silently fall back to the default).
 *
 * @example
 * parseParameters({ allowSseS3: bool(false, '...') }, '{"allowSseS3":"true"}') // { allowSseS3: true }
 */
export function parseParameters<P extends ParamSpecs>(specs: P, ruleParameters: unknown): ParamValues<P> {
  let raw: Record<string, unknown> = {};
  if (ruleParameters !== undefined && ruleParameters !== null && typeof ruleParameters !== 'string') {
    throw new InvalidParameterValueError(
      'ruleParameters',
      `must be a JSON text (a string), got ${Array.isArray(ruleParameters) ? 'an array' : `a ${typeof ruleParameters}`}`,
    );
  }
  if (typeof ruleParameters === 'string' && ruleParameters.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(ruleParameters);
    } catch {
      throw new InvalidParameterValueError('ruleParameters', 'is not valid JSON');
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new InvalidParameterValueError('ruleParameters', 'must be a JSON object');
    }
    const duplicate = firstDuplicateKey(ruleParameters);
    if (duplicate !== undefined) {
      throw new InvalidParameterValueError(duplicate, 'is given more than once');
    }
    raw = parsed as Record<string, unknown>;
  }
  // Own properties only: `toString`, `constructor` or `__proto__` are not parameters of any rule.
  for (const name of Object.keys(raw)) {
    if (!Object.hasOwn(specs, name)) {
      const known = Object.keys(specs);
      throw new InvalidParameterValueError(
        name,
        `is not a parameter of this rule (known: ${known.length ? known.join(', ') : 'none'})`,
      );
    }
  }
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const value = Object.hasOwn(raw, name) ? raw[name] : undefined;
    if (
      value !== undefined &&
      value !== null &&
      typeof value !== 'string' &&
      typeof value !== 'boolean' &&
      typeof value !== 'number'
    ) {
      throw new InvalidParameterValueError(name, 'must be a string');
    }
    out[name] = spec.parse(name, value === undefined || value === null ? undefined : String(value));
  }
  return out as ParamValues<P>;
}

/**
 * The first key that appears twice in one object of a VALID JSON text (JSON.parse silently keeps
 * the last one, so `{"a":"x","a":"y"}` would hide the first setting). Undefined when none.
 */
export function firstDuplicateKey(json: string): string | undefined {
  // Each open container: the keys seen so far (objects) or null (arrays).
  const stack: Array<Set<string> | null> = [];
  let i = 0;
  while (i < json.length) {
    const ch = json[i];
    if (ch === '"') {
      let j = i + 1;
      while (j < json.length && json[j] !== '"') j += json[j] === '\\' ? 2 : 1;
      const text = JSON.parse(json.slice(i, j + 1)) as string;
      i = j + 1;
      while (i < json.length && /\s/.test(json[i] as string)) i++;
      const top = stack[stack.length - 1];
      if (json[i] === ':' && top) {
        if (top.has(text)) return text;
        top.add(text);
      }
      continue;
    }
    if (ch === '{') stack.push(new Set());
    else if (ch === '[') stack.push(null);
    else if (ch === '}' || ch === ']') stack.pop();
    i++;
  }
  return undefined;
}
