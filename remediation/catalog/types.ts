/** Parameter types an Automation document may declare (SSM Automation, schema 0.3). */
export const PARAMETER_TYPES = [
  'String',
  'StringList',
  'Boolean',
  'Integer',
  'MapList',
  'StringMap',
] as const;
export type ParameterType = (typeof PARAMETER_TYPES)[number];

/** Output types a step output may declare. */
export const OUTPUT_TYPES = ['String', 'Integer', 'Boolean', 'StringList', 'StringMap', 'MapList'] as const;
export type OutputType = (typeof OUTPUT_TYPES)[number];

export interface ParameterSpec {
  type: ParameterType;
  description?: string;
  default?: unknown;
  allowedPattern?: string;
  allowedValues?: unknown[];
  minItems?: number;
  maxItems?: number;
  minChars?: number;
  maxChars?: number;
}

export interface StepOutputSpec {
  Name: string;
  Selector: string;
  Type: OutputType;
}

export interface AutomationStep {
  name: string;
  action: string;
  description?: string;
  inputs: Record<string, unknown>;
  outputs?: StepOutputSpec[];
  onFailure?: string;
  onCancel?: string;
  nextStep?: string;
  isEnd?: boolean;
  timeoutSeconds?: number;
  maxAttempts?: number;
  isCritical?: boolean;
}

/** An Automation document as SSM CreateDocument receives it (scripts already inlined). */
export interface AutomationDocument {
  schemaVersion: string;
  description?: string;
  assumeRole?: string;
  parameters?: Record<string, ParameterSpec>;
  mainSteps: AutomationStep[];
  outputs?: string[];
}
