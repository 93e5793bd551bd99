import type { AutomationDocument, ParameterSpec } from '../catalog/types';
import { ParameterError } from './errors';
import type { AutomationValue } from './types';

export type ParameterInput =
  | string
  | string[]
  | boolean
  | number
  | Record<string, unknown>
  | Array<Record<string, unknown>>;

function parseJson(name: string, text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ParameterError(`Parameter '${name}' must be ${what}, got '${text}'`);
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Converts one supplied (or default) value to the declared type; errors name the parameter. */
function coerce(name: string, spec: ParameterSpec, value: unknown): AutomationValue {
  switch (spec.type) {
    case 'String':
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      throw new ParameterError(`Parameter '${name}' must be a String`);
    case 'StringList': {
      const list = typeof value === 'string' ? [value] : value;
      if (!Array.isArray(list) || !list.every((v) => ['string', 'number', 'boolean'].includes(typeof v))) {
        throw new ParameterError(`Parameter '${name}' must be a StringList`);
      }
      return list.map(String);
    }
    case 'Boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      throw new ParameterError(
        `Parameter '${name}' must be a Boolean (true or false), got '${String(value)}'`,
      );
    case 'Integer': {
      const n = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isInteger(n)) {
        throw new ParameterError(`Parameter '${name}' must be an Integer, got '${String(value)}'`);
      }
      return n;
    }
    case 'StringMap': {
      const map = typeof value === 'string' ? parseJson(name, value, 'a StringMap (JSON object)') : value;
      if (!isRecord(map)) throw new ParameterError(`Parameter '${name}' must be a StringMap`);
      return map;
    }
    case 'MapList': {
      const list =
        typeof value === 'string' ? parseJson(name, value, 'a MapList (JSON array of objects)') : value;
      if (!Array.isArray(list) || !list.every(isRecord))
        throw new ParameterError(`Parameter '${name}' must be a MapList`);
      return list as Array<Record<string, unknown>>;
    }
  }
}

function checkConstraints(name: string, spec: ParameterSpec, value: AutomationValue): void {
  const items =
    spec.type === 'String' ? [value as string] : spec.type === 'StringList' ? (value as string[]) : [];
  if (spec.allowedPattern !== undefined) {
    // SSM applies the pattern to the String, or to each item of a StringList.
    const pattern = new RegExp(spec.allowedPattern);
    for (const item of items) {
      if (!pattern.test(item)) {
        throw new ParameterError(
          `Parameter '${name}' value '${item}' does not match its allowedPattern ${spec.allowedPattern}`,
        );
      }
    }
  }
  if (spec.allowedValues !== undefined) {
    const allowed = spec.allowedValues.map(String);
    const values = Array.isArray(value) ? value.map(String) : [String(value)];
    for (const v of values) {
      if (!allowed.includes(v)) {
        throw new ParameterError(`Parameter '${name}' value '${v}' is not one of ${allowed.join(', ')}`);
      }
    }
  }
  if (Array.isArray(value)) {
    if (spec.minItems !== undefined && value.length < spec.minItems) {
      throw new ParameterError(`Parameter '${name}' needs at least ${spec.minItems} item(s)`);
    }
    if (spec.maxItems !== undefined && value.length > spec.maxItems) {
      throw new ParameterError(`Parameter '${name}' takes at most ${spec.maxItems} item(s)`);
    }
  }
  for (const item of items) {
    if (spec.minChars !== undefined && item.length < spec.minChars) {
      throw new ParameterError(`Parameter '${name}' needs at least ${spec.minChars} character(s)`);
    }
    if (spec.maxChars !== undefined && item.length > spec.maxChars) {
      throw new ParameterError(`Parameter '${name}' takes at most ${spec.maxChars} character(s)`);
    }
  }
}

/**
 * The typed parameter values of an execution: supplied values, else defaults; a parameter with
 * no default is required; an unknown name is an error; patterns and allowed values are enforced.
 */
export function resolveParameters(
  doc: AutomationDocument,
  supplied: Record<string, ParameterInput>,
): Record<string, AutomationValue> {
  const specs = doc.parameters ?? {};
  const unknown = Object.keys(supplied).filter((k) => !(k in specs));
  if (unknown.length > 0) {
    throw new ParameterError(
      `Unknown parameter(s): ${unknown.join(', ')}. The document takes: ${Object.keys(specs).join(', ') || 'none'}`,
    );
  }
  const out: Record<string, AutomationValue> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const given = supplied[name];
    const raw = given !== undefined ? given : spec.default;
    if (raw === undefined) throw new ParameterError(`Missing required parameter '${name}'`);
    const value = coerce(name, spec, raw);
    checkConstraints(name, spec, value);
    out[name] = value;
  }
  return out;
}
