import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { AwsContext } from './aws';
import { isAccessDenied, MissingPermissionError } from './errors';
import { cutUtf16 } from './evaluations';
import { describeExemption } from './exemptions';
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
    ...exemptionLines(verdict),
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

/**
 * The alert's exemption block: offenders left out as exempt, then exemptions that expired (their
 * resources are offenders again). Empty when the verdict carries none.
 */
export function exemptionLines(verdict: Verdict): string[] {
  const notes = verdict.exemptions ?? [];
  const active = notes.filter((e) => e.status === 'active');
  const expired = notes.filter((e) => e.status === 'expired');
  const lines: string[] = [];
  if (active.length > 0) lines.push('', `Exempt, left out of the offenders (${active.length}):`);
  for (const e of active) lines.push(`  - ${e.resourceId}: ${describeExemption(e)}`);
  if (expired.length > 0) lines.push('', `Exemption expired, evaluated as usual (${expired.length}):`);
  for (const e of expired) lines.push(`  - ${e.resourceId}: ${describeExemption(e)}`);
  return lines;
}

/**
 * SNS's limit on one published message: body plus every attribute's name, data type and value,
 * in UTF-8 bytes (262,144 by default; SNS Publish API reference, MessageAttributeValue).
 */
export const SNS_MESSAGE_LIMIT_BYTES = 262_144;
/** Room left under the limit for what SNS or a proxy may add; the budget each part must fit. */
const SNS_MARGIN_BYTES = 4_096;

/** The bytes SNS counts for an alert: message plus attribute names, `String` types and values. */
export function alertBytes(alert: OffenderAlert): number {
  let n = Buffer.byteLength(alert.message, 'utf8');
  for (const [k, v] of Object.entries(alert.attributes)) {
    n += Buffer.byteLength(k, 'utf8') + Buffer.byteLength('String', 'utf8') + Buffer.byteLength(v, 'utf8');
  }
  return n;
}

/**
 * The offender alert of a verdict as messages that each fit SNS's limit: one message when the
 * whole list fits, otherwise parts ("part 2 of 5") that each repeat the finding and carry a run of
 * the offenders, in order, every offender in exactly one part. An offender line too long to share
 * a part is cut (never a surrogate pair) and marked.
 */
export function offenderAlerts(
  rule: AnyRule,
  target: { resourceType: string; resourceId: string; accountId: string; region: string },
  verdict: Verdict,
  limitBytes = SNS_MESSAGE_LIMIT_BYTES,
): OffenderAlert[] {
  const whole = offenderAlert(rule, target, verdict);
  if (!whole) return [];
  const budget = limitBytes - SNS_MARGIN_BYTES;
  if (alertBytes(whole) <= budget) return [whole];
  const offenders = verdict.offenders ?? [];
  const n = offenders.length;
  // What every part carries besides its offender lines (with room for the widest part numbers).
  const header = (part: string, from: number, to: number): string[] => [
    `Rule: ${rule.id} (${rule.severity})`,
    `Requirement: ${rule.description}`,
    `Account: ${target.accountId}  Region: ${target.region}`,
    `Finding: ${verdict.annotation}`,
    `Part ${part}: offenders ${from} to ${to} of ${n}`,
    // The exemption block travels in the first part only (it may be long).
    ...(from === 1 ? exemptionLines(verdict) : []),
    '',
    `Offenders (${n}):`,
  ];
  const wide = String(n);
  const fixed =
    // The widest header: the first part's (with the exemption block) or a later one's.
    Math.max(
      Buffer.byteLength(header(`${wide} of ${wide}`, 1, n).join('\n'), 'utf8'),
      Buffer.byteLength(header(`${wide} of ${wide}`, n, n).join('\n'), 'utf8'),
    ) + alertBytes({ ...whole, message: '', attributes: { ...whole.attributes, part: `${wide}/${wide}` } });
  const room = budget - fixed;
  if (room < 1_024) throw new Error('The alert header alone does not fit the SNS message limit');
  const maxLineBytes = Math.floor(room / 2);
  const lines = offenders.map((o) => {
    const line = `\n  - ${o}`;
    if (Buffer.byteLength(line, 'utf8') <= maxLineBytes) return line;
    // A UTF-16 unit takes at most 3 UTF-8 bytes (a surrogate pair, 2 units, takes 4).
    return `${cutUtf16(line, Math.floor((maxLineBytes - 20) / 3))} [truncated]`;
  });
  const groups: Array<{ from: number; lines: string[] }> = [];
  let current: { from: number; lines: string[]; bytes: number } | undefined;
  for (const [i, line] of lines.entries()) {
    const bytes = Buffer.byteLength(line, 'utf8');
    if (!current || current.bytes + bytes > room) {
      current = { from: i, lines: [], bytes: 0 };
      groups.push(current);
    }
    current.lines.push(line);
    current.bytes += bytes;
  }
  return groups.map((g, index) => {
    const part = `${index + 1} of ${groups.length}`;
    const message = header(part, g.from + 1, g.from + g.lines.length).join('\n') + g.lines.join('');
    return {
      subject: withSuffix(whole.subject, ` (part ${index + 1}/${groups.length})`),
      message,
      attributes: { ...whole.attributes, part: `${index + 1}/${groups.length}` },
    };
  });
}

/** The subject cut so that `suffix` always fits within SNS's subject limit. */
function withSuffix(subject: string, suffix: string): string {
  return cutUtf16(subject, SUBJECT_LIMIT - suffix.length) + suffix;
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
