import { Logger } from '@aws-lambda-powertools/logger';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetAutomationExecutionCommand, SSMClient } from '@aws-sdk/client-ssm';
import { ruleCatalog } from '../rules/catalog';
import { type AwsContext, createAwsContext } from '../runtime/aws';
import { errorMessage } from '../runtime/errors';
import type { AnyRuleMeta } from '../runtime/meta';
import {
  allowedExecutionParameters,
  type ExecutionFacts,
  type FormatContext,
  formatAutomationStatus,
  formatComplianceChange,
  rulesForDocument,
} from './format';
import {
  type Alert,
  type AutomationStatusEvent,
  type ComplianceChangeEvent,
  DetailType,
  type EventBridgeEnvelope,
} from './types';

export interface NotifierDeps {
  aws?: AwsContext;
  /** Default: ALERT_TOPIC_ARN. */
  topicArn?: string;
  /** Default: RULE_NAME_PREFIX (''). */
  namePrefix?: string;
  /** Default: the rule catalog (metadata only: no evaluation code, no SDK clients). */
  rules?: readonly AnyRuleMeta[];
  logger?: Logger;
}

export interface NotifyResult {
  /** Absent when the event was not one of ours. */
  messageId?: string;
  alert?: Alert;
}

/** The SNS Publish input of an alert: every attribute as a String attribute. */
export function publishInput(
  topicArn: string,
  alert: Alert,
): ConstructorParameters<typeof PublishCommand>[0] {
  return {
    TopicArn: topicArn,
    Subject: alert.subject,
    Message: alert.message,
    MessageAttributes: Object.fromEntries(
      Object.entries(alert.attributes).map(([k, v]) => [k, { DataType: 'String', StringValue: v }]),
    ),
  };
}

/**
 * Reads the execution's parameters and keeps only the allow-listed ones. Best effort: an alert
 * without them is better than none (the event itself carries no parameters).
 */
async function executionFacts(
  aws: AwsContext,
  event: AutomationStatusEvent,
  ctx: FormatContext,
  logger: Logger,
): Promise<ExecutionFacts> {
  try {
    const out = await aws
      .client(SSMClient)
      .send(new GetAutomationExecutionCommand({ AutomationExecutionId: event.detail.ExecutionId }));
    return allowedExecutionParameters(
      out.AutomationExecution?.Parameters,
      rulesForDocument(event.detail.Definition, ctx),
    );
  } catch (error) {
    logger.warn('Could not read the automation execution; alerting without its parameters', {
      executionId: event.detail.ExecutionId,
      error: errorMessage(error),
    });
    return {};
  }
}

/**
 * The notifier: EventBridge compliance changes and automation outcomes to SNS, with message
 * attributes (EventBridge targets cannot set them). Other events are logged and ignored.
 *
 * @example
 * export const handler = createNotifier();
 */
export function createNotifier(
  deps: NotifierDeps = {},
): (event: EventBridgeEnvelope<unknown>) => Promise<NotifyResult> {
  const logger = deps.logger ?? new Logger({ serviceName: 'glue-guardrails-notify' });
  let aws = deps.aws;
  return async (event) => {
    aws ??= createAwsContext();
    const topicArn = deps.topicArn ?? process.env.ALERT_TOPIC_ARN;
    if (!topicArn) throw new Error('ALERT_TOPIC_ARN is not set');
    const ctx: FormatContext = {
      rules: deps.rules ?? ruleCatalog,
      namePrefix: deps.namePrefix ?? process.env.RULE_NAME_PREFIX ?? '',
    };
    let alert: Alert;
    if (event['detail-type'] === DetailType.COMPLIANCE_CHANGE) {
      alert = formatComplianceChange(event as ComplianceChangeEvent, ctx);
    } else if (event['detail-type'] === DetailType.AUTOMATION_STATUS) {
      const automation = event as AutomationStatusEvent;
      alert = formatAutomationStatus(automation, ctx, await executionFacts(aws, automation, ctx, logger));
    } else {
      logger.warn('Ignoring an event this notifier does not handle', { detailType: event['detail-type'] });
      return {};
    }
    const out = await aws.client(SNSClient).send(new PublishCommand(publishInput(topicArn, alert)));
    logger.info('Alert published', { messageId: out.MessageId, ...alert.attributes });
    return { messageId: out.MessageId, alert };
  };
}

/** The Lambda entry (bundled by infra/code.ts). */
export const handler = createNotifier();
