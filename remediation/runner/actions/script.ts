import { DocumentError } from '../../catalog/errors';
import { scriptPermissions } from '../../catalog/permissions';
import { StepFailure, UnsupportedFeatureError } from '../errors';
import { type ActionContext, type ActionResult, remainingMs } from './context';

/** Python runtimes aws:executeScript has offered; all run on the project's Python 3 locally. */
const RUNTIME = /^python3\.(6|7|8|9|10|11|12|13)$/;
/** SSM stops an aws:executeScript step after 600 seconds. */
export const SCRIPT_CAP_MS = 600_000;

/**
 * aws:executeScript: runs `Handler(events, context)` of the inline Python script with boto3
 * pointed at the execution's endpoint. The return value becomes `$.Payload` for output
 * selectors and the built-in `OutputPayload` output.
 */
export async function executeScript(ctx: ActionContext): Promise<ActionResult> {
  const runtime = String(ctx.inputs.Runtime);
  if (!RUNTIME.test(runtime)) {
    throw new UnsupportedFeatureError(
      `aws:executeScript Runtime '${runtime}' is not supported (Python 3 only)`,
    );
  }
  const handler = String(ctx.inputs.Handler);
  const script = ctx.inputs.Script;
  if (typeof script !== 'string' || script.trim() === '')
    throw new DocumentError(`Step '${ctx.step.name}': empty Script`);
  const payload = ctx.inputs.InputPayload ?? {};
  if (ctx.dryRun) {
    // The calls a script makes depend on what it reads; its declared permissions say what it may call.
    ctx.dryRunCalls.push({
      step: ctx.step.name,
      service: 'aws:executeScript',
      api: handler,
      parameters: { InputPayload: payload, DeclaredPermissions: scriptPermissions(script) },
    });
    return {};
  }
  const context = { ...ctx.variables };
  const ms = Math.min(SCRIPT_CAP_MS, remainingMs(ctx));
  const res = await ctx.bridge.call({ op: 'script', script, handler, payload, context }, ms);
  if (!res.ok) {
    if (res.logs) ctx.log(res.logs);
    throw new StepFailure(`${handler} raised ${res.error}`);
  }
  const data = { Payload: res.result ?? null };
  return {
    data,
    builtinOutputs: { OutputPayload: JSON.stringify(data) },
    ...(res.logs ? { logs: res.logs } : {}),
  };
}
