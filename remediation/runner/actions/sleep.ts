import { DocumentError } from '../../catalog/errors';
import { type ActionContext, type ActionResult, remainingMs, sleep } from './context';

const DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
/** SSM caps aws:sleep at 7 days. */
const MAX_SLEEP_S = 7 * 24 * 3600;

/** Seconds of an ISO-8601 duration (PnDTnHnMnS), as aws:sleep takes it. */
export function durationSeconds(text: string): number {
  const m = DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T'))
    throw new DocumentError(`aws:sleep Duration '${text}' is not ISO 8601`);
  const [, d, h, min, s] = m;
  return Number(d ?? 0) * 86400 + Number(h ?? 0) * 3600 + Number(min ?? 0) * 60 + Number(s ?? 0);
}

/** aws:sleep: waits for Duration or until Timestamp (capped by the run's maxSleepSeconds and the step deadline). */
export async function sleepAction(ctx: ActionContext): Promise<ActionResult> {
  let seconds: number;
  if (ctx.inputs.Duration !== undefined) {
    seconds = durationSeconds(String(ctx.inputs.Duration));
  } else {
    const at = Date.parse(String(ctx.inputs.Timestamp));
    if (Number.isNaN(at))
      throw new DocumentError(`aws:sleep Timestamp '${ctx.inputs.Timestamp}' is not ISO 8601`);
    seconds = Math.max(0, (at - Date.now()) / 1000);
  }
  if (seconds > MAX_SLEEP_S) throw new DocumentError(`aws:sleep of ${seconds} s exceeds the 7-day maximum`);
  if (ctx.dryRun) return {};
  const capped = Math.min(seconds, ctx.limits.maxSleepSeconds ?? seconds);
  if (capped < seconds)
    ctx.log(`${ctx.step.name}: sleeping ${capped} s instead of ${seconds} s (maxSleepSeconds)`);
  await sleep(Math.min(capped * 1000, remainingMs(ctx)));
  return {};
}
