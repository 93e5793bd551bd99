/**
 * Shape checks for recorded configurations. A configuration item can carry anything (a string, an
 * array, a map where a string was expected, a cut-off JSON text): a rule that read such a value
 * with a type assertion would judge `undefined` fields and could say COMPLIANT about something it
 * never saw. These helpers turn a wrong shape into an error naming the field, so the resource gets
 * no evaluation and the invocation fails.
 */

/** A configuration (or one of its fields) does not have the shape the rule reads. */
export class ConfigurationShapeError extends Error {
  override readonly name = 'ConfigurationShapeError';
  constructor(
    readonly field: string,
    readonly expected: string,
    value: unknown,
  ) {
    super(`Configuration field '${field}' should be ${expected}, got ${describeKind(value)}`);
  }
}

/** The kind of a value, for messages; never the value itself (it may be a secret). */
export function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'a string';
  return typeof value === 'undefined' ? 'nothing' : `a ${typeof value}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as a JSON object, or a ConfigurationShapeError naming `field`. */
export function requireRecord(value: unknown, field: string): Record<string, unknown> {
  if (!isRecord(value)) throw new ConfigurationShapeError(field, 'an object', value);
  return value;
}

/** Absent (undefined/null) or an object. */
export function optionalRecord(value: unknown, field: string): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  return requireRecord(value, field);
}

/** Absent or a map of strings (Glue job arguments, tags). Each entry is checked and named. */
export function optionalStringMap(value: unknown, field: string): Record<string, string> | undefined {
  const map = optionalRecord(value, field);
  if (!map) return undefined;
  for (const [key, v] of Object.entries(map)) {
    if (typeof v !== 'string') throw new ConfigurationShapeError(`${field}.${key}`, 'a string', v);
  }
  return map as Record<string, string>;
}

/** Absent or a string. */
export function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ConfigurationShapeError(field, 'a string', value);
  return value;
}

/** Absent or an array. */
export function optionalArray(value: unknown, field: string): unknown[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new ConfigurationShapeError(field, 'an array', value);
  return value;
}
