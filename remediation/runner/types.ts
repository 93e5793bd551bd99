/** A value a parameter or step output can hold once typed. */
export type AutomationValue =
  | string
  | number
  | boolean
  | string[]
  | Record<string, unknown>
  | Array<Record<string, unknown>>;

export type StepStatus = 'Pending' | 'InProgress' | 'Success' | 'Failed' | 'TimedOut' | 'Cancelled';
export type ExecutionStatus = 'Success' | 'Failed' | 'TimedOut' | 'Cancelled';

/** One step as GetAutomationExecution reports it. */
export interface StepExecution {
  StepName: string;
  Action: string;
  StepStatus: StepStatus;
  /** Input name -> JSON text of the interpolated value (as SSM reports it), secrets redacted. */
  Inputs: Record<string, string>;
  /** Output name -> values as strings (as SSM reports them), secrets redacted. */
  Outputs: Record<string, string[]>;
  OnFailure: string;
  FailureMessage?: string;
  ExecutionStartTime?: string;
  ExecutionEndTime?: string;
  IsEnd?: boolean;
  NextStep?: string;
  /** Attempts made (maxAttempts retries). */
  Attempts?: number;
}

/** An API call a dry run would have made, in step order. */
export interface DryRunCall {
  step: string;
  service: string;
  api: string;
  parameters: Record<string, unknown>;
}

/** What GetAutomationExecution returns as AutomationExecution, plus the dry-run plan. */
export interface AutomationExecution {
  AutomationExecutionId: string;
  DocumentName: string;
  AutomationExecutionStatus: ExecutionStatus;
  /** Parameter name -> values as strings, secrets redacted. */
  Parameters: Record<string, string[]>;
  /** `Step.Output` -> values as strings (document outputs). */
  Outputs: Record<string, string[]>;
  StepExecutions: StepExecution[];
  FailureMessage?: string;
  ExecutionStartTime: string;
  ExecutionEndTime: string;
  /** The role the document would assume in AWS (recorded; the local runner does not assume it). */
  AssumeRole?: string;
  /** Set on a dry run: the calls the execution would make, nothing having been called. */
  DryRunCalls?: DryRunCall[];
  /** Script logs (stdout/stderr of aws:executeScript handlers), secrets redacted. */
  Logs?: string[];
}
