import { StepFailure } from '../errors';
import { select } from '../jsonpath';
import { type ActionContext, type ActionResult, remainingMs, sleep } from './context';

/** SSM caps each aws:executeAwsApi call at 25 seconds. */
export const API_CALL_CAP_MS = 25_000;
const CONTROL = new Set(['Service', 'Api', 'PropertySelector', 'DesiredValues']);

function apiParams(inputs: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(inputs).filter(([k]) => !CONTROL.has(k)));
}

async function callApi(ctx: ActionContext): Promise<unknown> {
  const service = String(ctx.inputs.Service);
  const api = String(ctx.inputs.Api);
  const params = apiParams(ctx.inputs);
  if (ctx.dryRun) {
    ctx.dryRunCalls.push({ step: ctx.step.name, service, api, parameters: params });
    return undefined;
  }
  const ms = Math.min(API_CALL_CAP_MS, remainingMs(ctx));
  if (ms <= 0) throw new StepFailure('Step timed out before the API call', true);
  const res = await ctx.bridge.call({ op: 'api', service, api, params }, ms);
  if (!res.ok) throw new StepFailure(`${service}:${api} failed: ${res.error}`);
  return res.result;
}

/** aws:executeAwsApi: one boto3 call; outputs select from the response. */
export async function executeAwsApi(ctx: ActionContext): Promise<ActionResult> {
  return { data: await callApi(ctx) };
}

function asStrings(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
}

/** Whether the selected property matches: every selected value is one of DesiredValues. */
function matches(ctx: ActionContext, data: unknown): { ok: boolean; actual: string } {
  const selector = String(ctx.inputs.PropertySelector);
  const desired = asStrings(ctx.inputs.DesiredValues);
  const found = select(data, selector);
  if (!found.found) return { ok: false, actual: `nothing at ${selector}` };
  const actual = asStrings(found.value);
  return {
    ok: actual.length > 0 && actual.every((a) => desired.includes(a)),
    actual: JSON.stringify(actual),
  };
}

/** aws:assertAwsResourceProperty: fails unless the selected property has one of DesiredValues. */
export async function assertAwsResourceProperty(ctx: ActionContext): Promise<ActionResult> {
  const data = await callApi(ctx);
  if (ctx.dryRun) return {};
  const m = matches(ctx, data);
  if (!m.ok) {
    throw new StepFailure(
      `${ctx.inputs.PropertySelector} is ${m.actual}, expected one of ${JSON.stringify(asStrings(ctx.inputs.DesiredValues))}`,
    );
  }
  return {};
}

/** aws:waitForAwsResourceProperty: polls until the property has one of DesiredValues, or the step times out. */
export async function waitForAwsResourceProperty(ctx: ActionContext): Promise<ActionResult> {
  const interval = ctx.limits.pollIntervalMs ?? 5000;
  for (;;) {
    const data = await callApi(ctx);
    if (ctx.dryRun) return {};
    const m = matches(ctx, data);
    if (m.ok) return {};
    if (remainingMs(ctx) <= interval) {
      throw new StepFailure(`Timed out waiting for ${ctx.inputs.PropertySelector} (last: ${m.actual})`, true);
    }
    await sleep(interval);
  }
}
