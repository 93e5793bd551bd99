import { randomUUID } from 'node:crypto';
import { loadDocument } from '../catalog/documents';
import { DocumentError } from '../catalog/errors';
import type { AutomationDocument, AutomationStep } from '../catalog/types';
import { ACTIONS, type ActionResult, DEFAULT_TIMEOUT_S, type RunLimits } from './actions/index';
import { StepFailure } from './errors';
import { interpolate, type Scope, systemVariables, UnresolvedReferenceError } from './interpolate';
import { outputStrings, selectOutputs } from './outputs';
import { type ParameterInput, resolveParameters } from './parameters';
import { acquireBridge, type PythonBridge, releaseBridge } from './python';
import { Redactor } from './redact';
import { referenceProblems } from './refs';
import { assertSupported, targetStep } from './schema';
import type { AutomationExecution, ExecutionStatus, StepExecution } from './types';

/** How to run a document. */
export interface RunOptions {
  parameters: Record<string, ParameterInput>;
  aws: {
    region: string;
    endpoint?: string;
    credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
    /** Named profile for boto3 when no credentials are given. */
    profile?: string;
  };
  accountId: string;
  /** Execute nothing: interpolate what can be, and record the calls the default path would make. */
  dryRun?: boolean;
  executionId?: string;
  /** Name recorded as DocumentName when a document object (not a name) is run. */
  documentName?: string;
  limits?: RunLimits;
  /** Receives each (redacted) log line as it is produced. */
  onLog?: (line: string) => void;
  /** Cancels the execution (StopAutomationExecution): the running step is Cancelled and its onCancel applies. */
  signal?: AbortSignal;
}

/** SSM stops runaway loops; so do we. */
const MAX_STEP_EXECUTIONS = 500;
const NO_TIMEOUT_MS = 10 * 365 * 24 * 3600 * 1000;
const NOT_PRODUCED = 'No output available yet because the step is not successfully executed';

interface StepRun {
  record: StepExecution;
  result?: ActionResult;
  failure?: StepFailure;
}

/**
 * Runs an Automation document locally, following SSM Automation's semantics for the actions it
 * supports, and returns a record shaped like GetAutomationExecution's. Document and parameter
 * errors reject (as StartAutomationExecution would); step failures are in the record.
 *
 * @example
 * const run = await runAutomation('EnforceGlueConnectionSsl', { parameters, aws: { region }, accountId });
 * if (run.AutomationExecutionStatus !== 'Success') console.error(run.FailureMessage);
 */
export async function runAutomation(
  doc: AutomationDocument | string,
  options: RunOptions,
): Promise<AutomationExecution> {
  const name = typeof doc === 'string' ? doc : (options.documentName ?? 'LocalDocument');
  const document = typeof doc === 'string' ? loadDocument(doc) : doc;
  assertSupported(document, name);
  const problems = referenceProblems(document, false);
  if (problems.length > 0) throw new DocumentError(`Document '${name}': ${problems.join('; ')}`);
  const executionId = options.executionId ?? randomUUID();
  const parameters = resolveParameters(document, options.parameters);
  const variables = systemVariables({
    accountId: options.accountId,
    region: options.aws.region,
    executionId,
  });
  const scope: Scope = { parameters, outputs: new Map(), variables };
  const redactor = new Redactor();
  const recordedParameters = redactor.redact(parameters);
  const logs: string[] = [];
  const log = (text: string): void => {
    for (const raw of text.trimEnd().split('\n')) {
      const line = redactor.scrub(raw.trimEnd());
      if (!line) continue;
      logs.push(line);
      options.onLog?.(line);
    }
  };
  const bridge = acquireBridge(options.aws);
  const dryRun = options.dryRun ?? false;
  const execution: AutomationExecution = {
    AutomationExecutionId: executionId,
    DocumentName: name,
    AutomationExecutionStatus: 'Success',
    Parameters: Object.fromEntries(Object.entries(recordedParameters).map(([k, v]) => [k, outputStrings(v)])),
    Outputs: {},
    StepExecutions: [],
    ExecutionStartTime: new Date().toISOString(),
    ExecutionEndTime: '',
  };
  if (document.assumeRole) execution.AssumeRole = String(interpolate(document.assumeRole, scope, true));
  if (dryRun) execution.DryRunCalls = [];
  const steps = document.mainSteps;
  const indexOf = (stepName: string): number => steps.findIndex((s) => s.name === stepName);
  let index = 0;
  let decisive: { status: ExecutionStatus; message: string } | undefined;
  const cancel = { handled: false };
  try {
    for (let count = 0; index >= 0 && index < steps.length; count++) {
      if (count >= MAX_STEP_EXECUTIONS) {
        decisive = { status: 'Failed', message: `More than ${MAX_STEP_EXECUTIONS} step executions: a loop?` };
        break;
      }
      const step = steps[index]!;
      const run = await runStep(step, { scope, bridge, redactor, dryRun, options, log, execution, cancel });
      execution.StepExecutions.push(run.record);
      if (run.failure?.cancelled) {
        // Cancelled once: a step:X handler then runs to completion, as SSM runs its cleanup.
        cancel.handled = true;
        decisive = { status: 'Cancelled', message: `Cancelled during step '${step.name}'` };
        const target = targetStep(step.onCancel);
        if (!target) break;
        index = indexOf(target);
        continue;
      }
      if (!run.failure) {
        const next = run.result?.nextStep ?? step.nextStep;
        index = step.isEnd ? -1 : next !== undefined ? indexOf(next) : index + 1;
        continue;
      }
      const failed = {
        status: (run.failure.timedOut ? 'TimedOut' : 'Failed') as ExecutionStatus,
        message: `Step '${step.name}' ${run.failure.timedOut ? 'timed out' : 'failed'}: ${run.record.FailureMessage}`,
      };
      if (step.isCritical !== false && !decisive) decisive = failed;
      const onFailure = step.onFailure ?? 'Abort';
      if (onFailure === 'Abort') {
        decisive ??= failed;
        break;
      }
      index =
        onFailure === 'Continue'
          ? step.nextStep
            ? indexOf(step.nextStep)
            : index + 1
          : indexOf(targetStep(onFailure)!);
    }
  } finally {
    releaseBridge(options.aws, bridge);
  }
  if (decisive) {
    execution.AutomationExecutionStatus = decisive.status;
    execution.FailureMessage = decisive.message;
  }
  for (const ref of document.outputs ?? []) {
    const dot = ref.indexOf('.');
    const value = scope.outputs.get(ref.slice(0, dot))?.[ref.slice(dot + 1)];
    execution.Outputs[ref] = value === undefined ? [NOT_PRODUCED] : outputStrings(redactor.redact(value));
  }
  if (logs.length > 0) execution.Logs = logs;
  execution.ExecutionEndTime = new Date().toISOString();
  // Secrets learnt late (a later step's response) are scrubbed from everything recorded earlier.
  return redactor.redact(execution);
}

interface StepEnv {
  scope: Scope;
  bridge: PythonBridge;
  redactor: Redactor;
  dryRun: boolean;
  options: RunOptions;
  log: (text: string) => void;
  execution: AutomationExecution;
  cancel: { handled: boolean };
}

/** Rejects when the run's signal aborts (unless a cancellation was already handled). */
function cancellation(env: StepEnv): Promise<never> | undefined {
  const signal = env.options.signal;
  if (!signal || env.cancel.handled) return undefined;
  return new Promise<never>((_, reject) => {
    const fail = (): void => {
      env.bridge.kill();
      reject(new StepFailure('Cancelled', false, true));
    };
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}

async function runStep(step: AutomationStep, env: StepEnv): Promise<StepRun> {
  const { scope, redactor, dryRun } = env;
  const record: StepExecution = {
    StepName: step.name,
    Action: step.action,
    StepStatus: 'InProgress',
    Inputs: {},
    Outputs: {},
    OnFailure: step.onFailure ?? 'Abort',
    ExecutionStartTime: new Date().toISOString(),
  };
  if (step.isEnd) record.IsEnd = true;
  if (step.nextStep) record.NextStep = step.nextStep;
  const attempts = Math.max(1, step.maxAttempts ?? 1);
  let failure: StepFailure | undefined;
  let result: ActionResult | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    record.Attempts = attempt;
    failure = undefined;
    try {
      const inputs = interpolate(step.inputs ?? {}, scope, dryRun) as Record<string, unknown>;
      record.Inputs = Object.fromEntries(
        Object.entries(redactor.redact(inputs)).map(([k, v]) => [k, JSON.stringify(v)]),
      );
      const timeoutS = step.timeoutSeconds ?? DEFAULT_TIMEOUT_S[step.action];
      const deadline = Date.now() + (timeoutS !== undefined ? timeoutS * 1000 : NO_TIMEOUT_MS);
      const action = ACTIONS[step.action]!({
        step,
        inputs,
        bridge: env.bridge,
        deadline,
        limits: env.options.limits ?? {},
        dryRun,
        dryRunCalls: env.execution.DryRunCalls ?? [],
        variables: scope.variables,
        log: env.log,
      });
      const cancelled = cancellation(env);
      // The losing action's rejection is handled so it cannot surface as unhandled.
      if (cancelled) action.catch(() => undefined);
      result = cancelled ? await Promise.race([action, cancelled]) : await action;
      if (!dryRun) {
        redactor.learn(result.data);
        if (result.logs) env.log(result.logs);
        const outputs = { ...selectOutputs(step.outputs, result.data), ...result.builtinOutputs };
        scope.outputs.set(step.name, outputs);
        record.Outputs = Object.fromEntries(
          Object.entries(redactor.redact(outputs)).map(([k, v]) => [k, outputStrings(v)]),
        );
      }
      break;
    } catch (error) {
      failure = toFailure(error);
      if (error instanceof UnresolvedReferenceError || error instanceof DocumentError || failure.cancelled)
        break;
      if (attempt < attempts)
        env.log(`${step.name}: attempt ${attempt} failed (${failure.message}); retrying`);
    }
  }
  record.ExecutionEndTime = new Date().toISOString();
  record.StepStatus = failure
    ? failure.cancelled
      ? 'Cancelled'
      : failure.timedOut
        ? 'TimedOut'
        : 'Failed'
    : dryRun
      ? 'Pending'
      : 'Success';
  if (failure) record.FailureMessage = redactor.scrub(failure.message);
  if (result?.nextStep) record.NextStep = result.nextStep;
  return failure ? { record, failure } : { record, ...(result ? { result } : {}) };
}

function toFailure(error: unknown): StepFailure {
  if (error instanceof StepFailure) return error;
  return new StepFailure(error instanceof Error ? error.message : String(error));
}
