import type { StepOutputSpec } from '../catalog/types';
import { StepFailure } from './errors';
import { select } from './jsonpath';
import type { AutomationValue } from './types';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function typed(spec: StepOutputSpec, value: unknown): AutomationValue {
  const fail = (): never => {
    throw new StepFailure(
      `Output '${spec.Name}' (${spec.Selector}) is not a ${spec.Type}: ${JSON.stringify(value)}`,
    );
  };
  switch (spec.Type) {
    case 'String':
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      return fail();
    case 'Integer': {
      const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
      return typeof n === 'number' && Number.isInteger(n) ? n : fail();
    }
    case 'Boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      return fail();
    case 'StringList':
      if (!Array.isArray(value) || !value.every((v) => ['string', 'number', 'boolean'].includes(typeof v)))
        return fail();
      return (value as unknown[]).map(String);
    case 'StringMap':
      return isRecord(value) ? value : fail();
    case 'MapList':
      return Array.isArray(value) && value.every(isRecord)
        ? (value as Array<Record<string, unknown>>)
        : fail();
  }
}

/**
 * The declared outputs of a step, selected from what its action returned and converted to their
 * types. A selector that matches nothing leaves that output unset (a later reference to it fails).
 */
export function selectOutputs(
  specs: StepOutputSpec[] | undefined,
  data: unknown,
): Record<string, AutomationValue> {
  const out: Record<string, AutomationValue> = {};
  for (const spec of specs ?? []) {
    const found = select(data, spec.Selector);
    if (found.found && found.value !== null && found.value !== undefined)
      out[spec.Name] = typed(spec, found.value);
  }
  return out;
}

/** A value as GetAutomationExecution lists it: strings, one per list item. */
export function outputStrings(value: AutomationValue): string[] {
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return [typeof value === 'string' ? value : JSON.stringify(value)];
}
