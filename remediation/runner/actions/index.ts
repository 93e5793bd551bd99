import { assertAwsResourceProperty, executeAwsApi, waitForAwsResourceProperty } from './aws-api';
import { branch } from './branch';
import type { ActionContext, ActionResult } from './context';
import { executeScript } from './script';
import { sleepAction } from './sleep';

export type { ActionContext, ActionResult, RunLimits } from './context';

/** Every action the runner implements; anything else is refused before a step runs. */
export const ACTIONS: Record<string, (ctx: ActionContext) => Promise<ActionResult>> = {
  'aws:executeAwsApi': executeAwsApi,
  'aws:assertAwsResourceProperty': assertAwsResourceProperty,
  'aws:waitForAwsResourceProperty': waitForAwsResourceProperty,
  'aws:branch': branch,
  'aws:sleep': sleepAction,
  'aws:executeScript': executeScript,
};

/** Default step timeouts where SSM has one (seconds); others run until done. */
export const DEFAULT_TIMEOUT_S: Record<string, number> = {
  'aws:waitForAwsResourceProperty': 3600,
  'aws:executeScript': 600,
};
