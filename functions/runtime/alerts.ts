import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { AwsContext } from './aws';
import { isAccessDenied, MissingPermissionError } from './errors';
import { cutUtf16 } from './evaluations';
import type { AnyRule } from './rule';
import type { Verdict } from './types';

/** SNS limits a subject to 100 characters. */
const SUBJECT_LIMIT = 100;

export interface OffenderAlert {
  subject: string;
  message: string;
  attributes: Record<string, string>;
}

/**
 * The alert that names every offender of a non-compliant verdict. Config's annotation holds at
 * most 256 characters and its compliance-change event fires only when the compliance type
 * changes, so a new offender on an already non-compliant account would otherwise go unnoticed.
 */
export function offenderAlert(
  rule: AnyRule,
  target: { resourceType: string; resourceId: string; accountId: string; region: string },
  verdict: Verdict,
): OffenderAlert | undefined {
  if (verdict.compliance !== 'NON_COMPLIANT' || !verdict.offenders?.length) return undefined;
  const n = verdict.offenders.length;
  const subject = `[glue-guardrails] ${rule.id}: ${n} offender${n === 1 ? '' : 's'} in ${target.accountId}`;
  const lines = [
    `Rule: ${rule.id} (${rule.severity})`,
    `Requirement: ${rule.description}`,
    `Account: ${target.accountId}  Region: ${target.region}`,
    `Finding: ${verdict.annotation}`,
    '',
    `Offenders (${n}):`,
    ...verdict.offenders.map((o) => `  - ${o}`),
  ];
  return {
    subject: cutUtf16(subject, SUBJECT_LIMIT),
    message: lines.join('\n'),
    attributes: {
      kind: 'offenders',
      rule: rule.id,
      compliance: verdict.compliance,
      resourceType: target.resourceType,
      accountId: target.accountId,
      region: target.region,
      severity: rule.severity,
    },
  };
}

/** Publishes an alert with String message attributes subscribers can filter on. */
export async function publishAlert(aws: AwsContext, topicArn: string, alert: OffenderAlert): Promise<void> {
  const MessageAttributes: Record<string, { DataType: string; StringValue: string }> = {};
  for (const [k, v] of Object.entries(alert.attributes))
    MessageAttributes[k] = { DataType: 'String', StringValue: v };
  try {
    await aws.client(SNSClient).send(
      new PublishCommand({
        TopicArn: topicArn,
        Subject: alert.subject,
        Message: alert.message,
        MessageAttributes,
      }),
    );
  } catch (error) {
    if (isAccessDenied(error)) throw new MissingPermissionError(['sns:Publish'], error);
    throw error;
  }
}
