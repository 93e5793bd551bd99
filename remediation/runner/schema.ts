import { DocumentError } from '../catalog/errors';
import { type AutomationDocument, OUTPUT_TYPES, PARAMETER_TYPES } from '../catalog/types';
import { UnsupportedFeatureError } from './errors';

const DOCUMENT_FIELDS = new Set([
  'schemaVersion',
  'description',
  'assumeRole',
  'parameters',
  'mainSteps',
  'outputs',
]);
const PARAMETER_FIELDS = new Set([
  'type',
  'description',
  'default',
  'allowedPattern',
  'allowedValues',
  'minItems',
  'maxItems',
  'minChars',
  'maxChars',
]);
const STEP_FIELDS = new Set([
  'name',
  'action',
  'description',
  'inputs',
  'outputs',
  'onFailure',
  'onCancel',
  'nextStep',
  'isEnd',
  'timeoutSeconds',
  'maxAttempts',
  'isCritical',
]);
const API_INPUTS = ['Service', 'Api'];
const PROPERTY_INPUTS = [...API_INPUTS, 'PropertySelector', 'DesiredValues'];

/**
 * Inputs each supported action accepts; `null` means "plus any API parameter".
 * Anything else (aws:runCommand, aws:approve, Attachment, ...) is refused.
 */
export const ACTION_INPUTS: Record<string, { known: string[]; required: string[]; apiParams: boolean }> = {
  'aws:executeAwsApi': { known: API_INPUTS, required: API_INPUTS, apiParams: true },
  'aws:assertAwsResourceProperty': { known: PROPERTY_INPUTS, required: PROPERTY_INPUTS, apiParams: true },
  'aws:waitForAwsResourceProperty': { known: PROPERTY_INPUTS, required: PROPERTY_INPUTS, apiParams: true },
  'aws:branch': { known: ['Choices', 'Default'], required: ['Choices'], apiParams: false },
  'aws:sleep': { known: ['Duration', 'Timestamp'], required: [], apiParams: false },
  'aws:executeScript': {
    known: ['Runtime', 'Handler', 'Script', 'InputPayload'],
    required: ['Runtime', 'Handler', 'Script'],
    apiParams: false,
  },
};

const STEP_NAME = /^[A-Za-z0-9_]{1,100}$/;
const TARGET = /^step:(.+)$/;

function refuseUnknown(fields: Iterable<string>, allowed: Set<string>, where: string): void {
  for (const f of fields) {
    if (!allowed.has(f))
      throw new UnsupportedFeatureError(`${where}: field '${f}' is not supported by the local runner`);
  }
}

/**
 * Refuses, with an error naming it, any document field, parameter field, step field, action or
 * action input the runner does not implement; checks every step target exists.
 */
export function assertSupported(doc: AutomationDocument, name: string): void {
  refuseUnknown(Object.keys(doc), DOCUMENT_FIELDS, `Document '${name}'`);
  if (String(doc.schemaVersion) !== '0.3') {
    throw new UnsupportedFeatureError(
      `Document '${name}': schemaVersion must be '0.3', got '${doc.schemaVersion}'`,
    );
  }
  for (const [pname, spec] of Object.entries(doc.parameters ?? {})) {
    refuseUnknown(Object.keys(spec ?? {}), PARAMETER_FIELDS, `Parameter '${pname}'`);
    if (!PARAMETER_TYPES.includes(spec.type)) {
      throw new UnsupportedFeatureError(`Parameter '${pname}': type '${spec.type}' is not supported`);
    }
  }
  if (!Array.isArray(doc.mainSteps) || doc.mainSteps.length === 0) {
    throw new DocumentError(`Document '${name}' has no mainSteps`);
  }
  const names = new Set<string>();
  for (const step of doc.mainSteps) {
    const where = `Step '${step?.name}'`;
    if (!step || typeof step.name !== 'string' || !STEP_NAME.test(step.name)) {
      throw new DocumentError(`Document '${name}': invalid step name '${step?.name}'`);
    }
    if (names.has(step.name))
      throw new DocumentError(`Document '${name}': duplicate step name '${step.name}'`);
    names.add(step.name);
    refuseUnknown(Object.keys(step), STEP_FIELDS, where);
    for (const field of ['timeoutSeconds', 'maxAttempts'] as const) {
      const v = step[field];
      if (v !== undefined && (!Number.isInteger(v) || v < 1)) {
        throw new DocumentError(`${where}: ${field} must be a positive integer, got '${String(v)}'`);
      }
    }
    for (const field of ['isEnd', 'isCritical'] as const) {
      const v = step[field];
      if (v !== undefined && typeof v !== 'boolean')
        throw new DocumentError(`${where}: ${field} must be true or false`);
    }
    const action = ACTION_INPUTS[step.action];
    if (!action)
      throw new UnsupportedFeatureError(
        `${where}: action '${step.action}' is not supported by the local runner`,
      );
    const inputs = step.inputs ?? {};
    for (const key of Object.keys(inputs)) {
      if (!action.known.includes(key) && !action.apiParams) {
        throw new UnsupportedFeatureError(`${where}: input '${key}' of ${step.action} is not supported`);
      }
    }
    for (const key of action.required) {
      if (!(key in inputs)) throw new DocumentError(`${where}: ${step.action} requires input '${key}'`);
    }
    if (
      step.action === 'aws:executeScript' &&
      typeof inputs.Script === 'string' &&
      inputs.Script.includes('{{')
    ) {
      // Inputs are interpolated before a step runs: a parameter inside Script would become code.
      throw new DocumentError(
        `${where}: Script contains '{{', which would interpolate input into code; pass values through InputPayload`,
      );
    }
    if (step.action === 'aws:sleep' && 'Duration' in inputs === 'Timestamp' in inputs) {
      throw new DocumentError(`${where}: aws:sleep takes exactly one of Duration or Timestamp`);
    }
    for (const out of step.outputs ?? []) {
      refuseUnknown(Object.keys(out), new Set(['Name', 'Selector', 'Type']), `${where} output`);
      if (!OUTPUT_TYPES.includes(out.Type)) {
        throw new UnsupportedFeatureError(`${where}: output type '${out.Type}' is not supported`);
      }
    }
  }
  for (const step of doc.mainSteps) {
    for (const [field, value] of [
      ['onFailure', step.onFailure],
      ['onCancel', step.onCancel],
    ] as const) {
      if (value === undefined || value === 'Abort' || (field === 'onFailure' && value === 'Continue'))
        continue;
      const target = TARGET.exec(value)?.[1];
      if (!target || !names.has(target)) {
        throw new DocumentError(`Step '${step.name}': ${field} '${value}' names no step`);
      }
    }
    if (step.nextStep !== undefined && !names.has(step.nextStep)) {
      throw new DocumentError(`Step '${step.name}': nextStep '${step.nextStep}' names no step`);
    }
  }
}

/** The step an `onFailure`/`onCancel` value jumps to, or undefined for Abort/Continue. */
export function targetStep(value: string | undefined): string | undefined {
  return value ? TARGET.exec(value)?.[1] : undefined;
}
