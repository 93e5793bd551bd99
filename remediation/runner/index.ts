export type { RunLimits } from './actions/index';
export { DOCUMENTS_DIR, documentContent, listDocuments, loadDocument } from './documents';
export { DocumentError, ParameterError, StepFailure, UnsupportedFeatureError } from './errors';
export { type RunOptions, runAutomation } from './execution';
export { partitionOf, references, SYSTEM_VARIABLES, UnresolvedReferenceError } from './interpolate';
export { documentPermissions, iamPrefix, scriptPermissions, scriptPermissionsByKind } from './permissions';
export { REDACTED } from './redact';
export type {
  AutomationDocument,
  AutomationExecution,
  AutomationStep,
  DryRunCall,
  ExecutionStatus,
  ParameterSpec,
  StepExecution,
  StepStatus,
} from './types';
