export type { RunLimits } from './actions/index';
export { ParameterError, StepFailure, UnsupportedFeatureError } from './errors';
export { type RunOptions, runAutomation } from './execution';
export { partitionOf, references, SYSTEM_VARIABLES, UnresolvedReferenceError } from './interpolate';
export { REDACTED } from './redact';
export type { AutomationExecution, DryRunCall, ExecutionStatus, StepExecution, StepStatus } from './types';
