import type { AutomationValue } from './types';

/** One `{{ name }}` in a string: where it starts and ends, and the name inside. */
interface ReferenceMatch {
  start: number;
  end: number;
  ref: string;
}

/**
 * Every `{{ name }}` in `text`, left to right: `{{`, then at least one character that is not a
 * brace, then `}}`; the name is what lies between, trimmed. (A name of white space only keeps
 * its last character, as the pattern `\{\{\s*([^{}]+?)\s*\}\}` that this replaces did.) Each
 * scan stops at the first brace, and the next `{{` is at or after it, so the cost is linear:
 * the pattern was quadratic on `{{` followed by a long run of spaces.
 */
function scanReferences(text: string): ReferenceMatch[] {
  const found: ReferenceMatch[] = [];
  let p = text.indexOf('{{');
  while (p !== -1) {
    let q = p + 2;
    while (q < text.length && text[q] !== '{' && text[q] !== '}') q++;
    if (q > p + 2 && text[q] === '}' && text[q + 1] === '}') {
      const content = text.slice(p + 2, q);
      const name = content.trim();
      found.push({ start: p, end: q + 2, ref: name !== '' ? name : content.slice(-1) });
      p = text.indexOf('{{', q + 2);
    } else {
      p = text.indexOf('{{', p + 1);
    }
  }
  return found;
}

/** Variables every execution defines (SSM Automation system variables the runner supports). */
export const SYSTEM_VARIABLES = [
  'global:ACCOUNT_ID',
  'global:REGION',
  'global:AWS_PARTITION',
  'global:DATE',
  'global:DATE_TIME',
  'automation:EXECUTION_ID',
] as const;

/** A reference that names no parameter, step output or variable. */
export class UnresolvedReferenceError extends Error {
  override readonly name = 'UnresolvedReferenceError';
  constructor(readonly reference: string) {
    super(`Unresolvable reference '{{ ${reference} }}'`);
  }
}

/** Everything a `{{ }}` can name during one execution. */
export interface Scope {
  parameters: Record<string, AutomationValue>;
  /** step name -> output name -> value (only outputs a step actually produced). */
  outputs: Map<string, Record<string, AutomationValue>>;
  variables: Record<string, string>;
}

/** Every `{{ }}` reference in a value (strings inside objects and arrays included). */
export function references(value: unknown): string[] {
  if (typeof value === 'string') return scanReferences(value).map((m) => m.ref);
  if (Array.isArray(value)) return value.flatMap(references);
  if (value && typeof value === 'object') return Object.values(value).flatMap(references);
  return [];
}

function lookup(ref: string, scope: Scope): AutomationValue | undefined {
  if (ref.startsWith('global:') || ref.startsWith('automation:')) return scope.variables[ref];
  const dot = ref.indexOf('.');
  if (dot > 0) return scope.outputs.get(ref.slice(0, dot))?.[ref.slice(dot + 1)];
  return scope.parameters[ref];
}

function asText(value: AutomationValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Resolves `{{ }}` references in a value. A string that is exactly one reference takes the
 * referenced value with its type (list, map, boolean, number); references inside longer text
 * are substituted as text. With `lenient`, unresolvable references stay as written (dry runs).
 */
export function interpolate(value: unknown, scope: Scope, lenient = false): unknown {
  if (typeof value === 'string') {
    const refs = scanReferences(value);
    const whole =
      refs.length === 1 && refs[0]?.start === 0 && refs[0].end === value.length ? refs[0] : undefined;
    if (whole) {
      const resolved = lookup(whole.ref, scope);
      if (resolved !== undefined) return resolved;
      if (lenient) return value;
      throw new UnresolvedReferenceError(whole.ref);
    }
    let out = '';
    let copied = 0;
    for (const { start, end, ref } of refs) {
      const resolved = lookup(ref, scope);
      if (resolved === undefined && !lenient) throw new UnresolvedReferenceError(ref);
      out +=
        value.slice(copied, start) + (resolved !== undefined ? asText(resolved) : value.slice(start, end));
      copied = end;
    }
    return out + value.slice(copied);
  }
  if (Array.isArray(value)) return value.map((v) => interpolate(v, scope, lenient));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, scope, lenient)]));
  }
  return value;
}

/** The system variables of one execution. */
export function systemVariables(context: {
  accountId: string;
  region: string;
  executionId: string;
}): Record<string, string> {
  const now = new Date().toISOString();
  return {
    'global:ACCOUNT_ID': context.accountId,
    'global:REGION': context.region,
    'global:AWS_PARTITION': partitionOf(context.region),
    'global:DATE': now.slice(0, 10),
    // SSM's format: yyyy-MM-dd_HH.mm.ss
    'global:DATE_TIME': `${now.slice(0, 10)}_${now.slice(11, 19).replace(/:/g, '.')}`,
    'automation:EXECUTION_ID': context.executionId,
  };
}

/** The partition a region belongs to. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  return 'aws';
}
