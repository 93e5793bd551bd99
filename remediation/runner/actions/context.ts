import type { AutomationStep } from '../../catalog/types';
import type { PythonBridge } from '../python';
import type { DryRunCall } from '../types';

/** Limits tests and demos use to keep waits short (documents keep their real values). */
export interface RunLimits {
  /** Longest aws:sleep actually slept, in seconds (default: no cap). */
  maxSleepSeconds?: number;
  /** Interval between aws:waitForAwsResourceProperty polls, in ms (default 5000). */
  pollIntervalMs?: number;
}

/** What an action gets: its step, interpolated inputs, the Python bridge and the step's deadline. */
export interface ActionContext {
  step: AutomationStep;
  inputs: Record<string, unknown>;
  bridge: PythonBridge;
  /** Epoch ms when the step times out. */
  deadline: number;
  limits: RunLimits;
  dryRun: boolean;
  dryRunCalls: DryRunCall[];
  /** The execution's system variables (global:*, automation:*), given to scripts as context. */
  variables: Record<string, string>;
  log(text: string): void;
}

/** What an action produces: data its output selectors read, and where a branch goes. */
export interface ActionResult {
  data?: unknown;
  nextStep?: string;
  /** Outputs the action defines by itself (aws:executeScript's OutputPayload). */
  builtinOutputs?: Record<string, string>;
  /** Script output, logged after the payload's secrets are known (so they are scrubbed). */
  logs?: string;
}

export function remainingMs(ctx: ActionContext): number {
  return Math.max(0, ctx.deadline - Date.now());
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
