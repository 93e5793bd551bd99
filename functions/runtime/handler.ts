import { Logger } from '@aws-lambda-powertools/logger';
import { offenderAlerts, publishAlert } from './alerts';
import { type AwsContext, createAwsContext } from './aws';
import { type PutOptions, putEvaluations, staleEvaluations, TEST_MODE_TOKEN } from './config-service';
import { type EvaluationRun, evaluateEvent } from './engine';
import { EvaluationFailedError, errorMessage, SweepIncompleteError } from './errors';
import type { AnyRule } from './rule';
import type { ConfigRuleEvent } from './types';

export interface HandlerDeps {
  /** Where AWS calls go; by default one context per container, from the environment. */
  aws?: AwsContext;
  logger?: Logger;
  put?: PutOptions;
  /** SNS topic for full offender lists; default: the ALERT_TOPIC_ARN environment variable. */
  alertTopicArn?: string;
  /**
   * Milliseconds of the invocation kept for reporting (PutEvaluations, clean-up, alerts): a sweep
   * stops evaluating when less remains. Default: the TIME_RESERVE_ENV variable, else a quarter of
   * the time left at the start, at most 60 s.
   */
  timeReserveMs?: number;
}

/** The part of the Lambda context the handler reads. */
export interface InvocationContext {
  getRemainingTimeInMillis(): number;
}

export const TIME_RESERVE_ENV = 'GLUE_GUARDRAILS_TIME_RESERVE_MS';
const MAX_DEFAULT_RESERVE_MS = 60_000;

export interface HandlerResult {
  rule: string;
  reported: number;
  nonCompliant: number;
  staleCleared: number;
  run: EvaluationRun;
}

export type ConfigRuleHandler = (
  event: ConfigRuleEvent,
  context?: InvocationContext,
) => Promise<HandlerResult>;

/**
 * The Lambda handler of a rule: evaluate, put the evaluations, clear stale ones on scheduled
 * runs, then fail the invocation if any resource could not be evaluated (after the
 * others were reported). Logs never include configurations, which may hold secrets.
 *
 * @example
 * export const handler = toHandler(rule);
 */
export function toHandler(rule: AnyRule, deps: HandlerDeps = {}): ConfigRuleHandler {
  let aws = deps.aws;
  const logger = deps.logger ?? new Logger({ serviceName: rule.id });
  return async (event, context) => {
    aws ??= createAwsContext();
    const timeLow = timeBudget(context, deps.timeReserveMs);
    let run: EvaluationRun;
    try {
      run = await evaluateEvent(rule, event, aws, { shouldStop: timeLow });
    } catch (error) {
      logger.error('Evaluation failed; nothing was reported', { rule: rule.id, error: errorMessage(error) });
      throw error;
    }
    // New results go first: a failure while clearing stale ones must not cost them.
    await putEvaluations(aws, run.evaluations, event.resultToken, deps.put);
    let staleCleared = 0;
    // A sweep that did not evaluate everything must not clean up: the clean-up would mark the
    // resources it failed on or never reached NOT_APPLICABLE.
    const partial =
      run.scheduled && (run.incomplete !== undefined || run.failures.length > 0)
        ? (run.incomplete?.reason ?? 'some resources could not be evaluated')
        : run.scheduled
          ? timeLow()
          : undefined;
    if (run.scheduled && partial === undefined && event.resultToken !== TEST_MODE_TOKEN) {
      const stale = await staleEvaluations(aws, event.configRuleName, run.present, run.orderingTimestamp);
      staleCleared = stale.length;
      if (stale.length > 0) await putEvaluations(aws, stale, event.resultToken, deps.put);
    }
    const alerts = await publishOffenderAlerts(rule, run, event.accountId, aws, deps.alertTopicArn, logger);
    const nonCompliant = run.evaluations.filter((e) => e.ComplianceType === 'NON_COMPLIANT').length;
    logger.info('Evaluations reported', {
      rule: rule.id,
      configRuleName: event.configRuleName,
      scheduled: run.scheduled,
      reported: run.evaluations.length + staleCleared,
      nonCompliant,
      staleCleared,
      failed: run.failures.length,
      alerts,
    });
    if (partial !== undefined) {
      const error = new SweepIncompleteError(
        partial,
        run.evaluations.length,
        run.incomplete?.unevaluated ?? [],
        run.failures,
      );
      logger.error('The sweep could not finish', {
        rule: rule.id,
        evaluated: run.evaluations.length,
        unevaluated: run.incomplete?.unevaluated.length ?? 0,
        failed: run.failures.length,
        error: error.message,
      });
      throw error;
    }
    if (run.failures.length > 0) {
      const error = new EvaluationFailedError(run.failures);
      logger.error('Some resources could not be evaluated', { rule: rule.id, error: error.message });
      throw error;
    }
    return {
      rule: rule.id,
      reported: run.evaluations.length + staleCleared,
      nonCompliant,
      staleCleared,
      run,
    };
  };
}

/**
 * Publishes the full offender list of each non-compliant verdict that has one. Evaluations are
 * already stored, so a failure here is logged and rethrown: the invocation shows the error.
 */
async function publishOffenderAlerts(
  rule: AnyRule,
  run: EvaluationRun,
  accountId: string,
  aws: AwsContext,
  topicArn: string | undefined,
  logger: Logger,
): Promise<number> {
  const topic = topicArn ?? process.env.ALERT_TOPIC_ARN;
  if (!topic) return 0;
  let sent = 0;
  for (const v of run.verdicts) {
    const alerts = offenderAlerts(rule, { ...v, accountId, region: aws.config.region }, v.verdict);
    try {
      for (const alert of alerts) {
        await publishAlert(aws, topic, alert);
        sent++;
      }
    } catch (error) {
      logger.error('Could not publish the offender alert', { rule: rule.id, error: errorMessage(error) });
      throw error;
    }
  }
  return sent;
}

/**
 * A check telling a sweep to stop once the invocation's remaining time falls below the reserve.
 * Without a Lambda context (CLI, tests) it never stops.
 */
function timeBudget(
  context: InvocationContext | undefined,
  reserveMs: number | undefined,
): () => string | undefined {
  if (typeof context?.getRemainingTimeInMillis !== 'function') return () => undefined;
  const reserve =
    reserveMs ?? envReserve() ?? Math.min(MAX_DEFAULT_RESERVE_MS, context.getRemainingTimeInMillis() / 4);
  return () => {
    const left = context.getRemainingTimeInMillis();
    return left < reserve
      ? `${Math.round(left)} ms of the invocation left, under the ${Math.round(reserve)} ms kept for reporting`
      : undefined;
  };
}

function envReserve(): number | undefined {
  const raw = process.env[TIME_RESERVE_ENV];
  if (raw === undefined || raw.trim() === '') return undefined;
  if (!/^\d+$/.test(raw.trim()))
    throw new Error(`${TIME_RESERVE_ENV} must be a whole number of milliseconds, got '${raw}'`);
  return Number(raw);
}
