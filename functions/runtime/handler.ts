import { Logger } from '@aws-lambda-powertools/logger';
import { readExemptionParameters } from '../lookups/exemptions';
import { offenderAlerts, publishAlert } from './alerts';
import { type AwsContext, createAwsContext } from './aws';
import {
  changedEvaluations,
  type PutOptions,
  putEvaluations,
  type StoredResult,
  staleEvaluations,
  staleOf,
  storedResults,
  TEST_MODE_TOKEN,
} from './config-service';
import { type EvaluationRun, evaluateEvent } from './engine';
import { EvaluationFailedError, errorMessage, SweepIncompleteError } from './errors';
import { EVALUATION_MAX_AGE_ENV } from './evaluations';
import {
  type Exemption,
  type ExemptionSettings,
  exemptionEnv,
  isoDay,
  parseExemptionsJson,
} from './exemptions';
import { bindLookups } from './lookup';
import type { AnyRule } from './rule';
import { Compliance, type ConfigRuleEvent } from './types';

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
  /**
   * Sweeps put only evaluations whose compliance or annotation changed, re-asserting unchanged
   * ones once their stored result is this many milliseconds old (see `changedEvaluations`); 0
   * puts every evaluation. Default: the EVALUATION_MAX_AGE_ENV variable (hours), which the
   * deployed functions always carry; without it, 0.
   */
  evaluationMaxAgeMs?: number;
  /**
   * Where the rule's exemptions come from; default: the environment (EXEMPTIONS_PATH_ENV,
   * TAG_EXEMPTIONS_ENV, EXEMPTION_MAX_DAYS_ENV), read once per invocation.
   */
  exemptions?: (aws: AwsContext) => Promise<ExemptionSettings>;
}

/** The part of the Lambda context the handler reads. */
export interface InvocationContext {
  getRemainingTimeInMillis(): number;
}

export { EVALUATION_MAX_AGE_ENV };
export const TIME_RESERVE_ENV = 'GLUE_GUARDRAILS_TIME_RESERVE_MS';
const MAX_DEFAULT_RESERVE_MS = 60_000;

export interface HandlerResult {
  rule: string;
  /** Evaluations put (new results and stale clean-up). */
  reported: number;
  nonCompliant: number;
  staleCleared: number;
  /** Results of the sweep not put because Config already holds them, recorded recently enough. */
  unchangedSkipped: number;
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
      const context = aws;
      const exemptions = deps.exemptions ?? ((a: AwsContext) => exemptionsFromEnv(rule, a));
      run = await evaluateEvent(rule, event, aws, {
        shouldStop: timeLow,
        exemptions: () => exemptions(context),
      });
    } catch (error) {
      logger.error('Evaluation failed; nothing was reported', { rule: rule.id, error: errorMessage(error) });
      throw error;
    }
    const maxAgeMs = deps.evaluationMaxAgeMs ?? envMaxAgeMs();
    const store = event.resultToken !== TEST_MODE_TOKEN;
    // Only-changed sweeps read Config's stored results first (the listing clean-up pages through
    // anyway). If that listing fails, every evaluation is put and the invocation fails afterwards.
    let stored: Map<string, StoredResult> | undefined;
    let listingError: unknown;
    if (run.scheduled && store && maxAgeMs > 0) {
      try {
        stored = await storedResults(aws, event.configRuleName, [
          Compliance.COMPLIANT,
          Compliance.NON_COMPLIANT,
          Compliance.NOT_APPLICABLE,
        ]);
      } catch (error) {
        listingError = error;
      }
    }
    const toPut = stored
      ? changedEvaluations(run.evaluations, stored, run.orderingTimestamp, maxAgeMs)
      : run.evaluations;
    // New results go first: a failure while clearing stale ones must not cost them.
    await putEvaluations(aws, toPut, event.resultToken, deps.put);
    if (listingError !== undefined) {
      logger.error('Could not read the stored results; every evaluation was put, no clean-up was done', {
        rule: rule.id,
        error: errorMessage(listingError),
      });
      throw listingError;
    }
    let staleCleared = 0;
    // A sweep that did not evaluate everything must not clean up: the clean-up would mark the
    // resources it failed on or never reached NOT_APPLICABLE.
    const partial =
      run.scheduled && (run.incomplete !== undefined || run.failures.length > 0)
        ? (run.incomplete?.reason ?? 'some resources could not be evaluated')
        : run.scheduled
          ? timeLow()
          : undefined;
    if (run.scheduled && partial === undefined && store) {
      const stale = stored
        ? staleOf(stored, run.present, run.orderingTimestamp)
        : await staleEvaluations(aws, event.configRuleName, run.present, run.orderingTimestamp);
      staleCleared = stale.length;
      if (stale.length > 0) await putEvaluations(aws, stale, event.resultToken, deps.put);
    }
    const unchangedSkipped = run.evaluations.length - toPut.length;
    const alerts = await publishOffenderAlerts(rule, run, event.accountId, aws, deps.alertTopicArn, logger);
    const nonCompliant = run.evaluations.filter((e) => e.ComplianceType === 'NON_COMPLIANT').length;
    logger.info('Evaluations reported', {
      rule: rule.id,
      configRuleName: event.configRuleName,
      scheduled: run.scheduled,
      reported: toPut.length + staleCleared,
      nonCompliant,
      staleCleared,
      unchangedSkipped,
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
      reported: toPut.length + staleCleared,
      nonCompliant,
      staleCleared,
      unchangedSkipped,
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
 * The deployment's exemptions of this rule: the JSON arrays the stack wrote under the function's
 * EXEMPTIONS_PATH_ENV (one GetParametersByPath listing per invocation), validated again with the
 * same parser as at synth. An exemption past its date is kept and reported as expired; a
 * malformed parameter fails the invocation (nothing is reported from a list that cannot be read).
 */
export async function exemptionsFromEnv(
  rule: AnyRule,
  aws: AwsContext,
  env: NodeJS.ProcessEnv = process.env,
  today: string = isoDay(),
): Promise<ExemptionSettings> {
  const settings = exemptionEnv(env);
  const deployment: Exemption[] = [];
  if (settings.path) {
    const { read } = bindLookups({ read: readExemptionParameters }, aws);
    for (const p of await read(settings.path)) {
      deployment.push(
        ...parseExemptionsJson(p.value, {
          today,
          maxDays: settings.maxDays,
          rules: [rule.id],
          rejectExpired: false,
          where: p.name,
        }),
      );
    }
  }
  return { deployment, tagsAllowed: settings.tagsAllowed, maxDays: settings.maxDays, today };
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

function envMaxAgeMs(): number {
  const raw = process.env[EVALUATION_MAX_AGE_ENV];
  if (raw === undefined || raw.trim() === '') return 0;
  if (!/^\d{1,5}$/.test(raw.trim()))
    throw new Error(`${EVALUATION_MAX_AGE_ENV} must be a whole number of hours, got '${raw}'`);
  return Number(raw) * 3_600_000;
}
