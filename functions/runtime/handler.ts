import { Logger } from '@aws-lambda-powertools/logger';
import { offenderAlert, publishAlert } from './alerts';
import { type AwsContext, createAwsContext } from './aws';
import { type PutOptions, putEvaluations, staleEvaluations, TEST_MODE_TOKEN } from './config-service';
import { type EvaluationRun, evaluateEvent } from './engine';
import { EvaluationFailedError, errorMessage } from './errors';
import type { AnyRule } from './rule';
import type { ConfigRuleEvent } from './types';

export interface HandlerDeps {
  /** Where AWS calls go; by default one context per container, from the environment. */
  aws?: AwsContext;
  logger?: Logger;
  put?: PutOptions;
  /** SNS topic for full offender lists; default: the ALERT_TOPIC_ARN environment variable. */
  alertTopicArn?: string;
}

export interface HandlerResult {
  rule: string;
  reported: number;
  nonCompliant: number;
  staleCleared: number;
  run: EvaluationRun;
}

export type ConfigRuleHandler = (event: ConfigRuleEvent) => Promise<HandlerResult>;

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
  return async (event) => {
    aws ??= createAwsContext();
    let run: EvaluationRun;
    try {
      run = await evaluateEvent(rule, event, aws);
    } catch (error) {
      logger.error('Evaluation failed; nothing was reported', { rule: rule.id, error: errorMessage(error) });
      throw error;
    }
    // New results go first: a failure while clearing stale ones must not cost them.
    await putEvaluations(aws, run.evaluations, event.resultToken, deps.put);
    let staleCleared = 0;
    if (run.scheduled && event.resultToken !== TEST_MODE_TOKEN) {
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
    const alert = offenderAlert(rule, { ...v, accountId, region: aws.config.region }, v.verdict);
    if (!alert) continue;
    try {
      await publishAlert(aws, topic, alert);
      sent++;
    } catch (error) {
      logger.error('Could not publish the offender alert', { rule: rule.id, error: errorMessage(error) });
      throw error;
    }
  }
  return sent;
}
