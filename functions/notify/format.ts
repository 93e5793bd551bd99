import type { AnyRuleMeta } from '../runtime/meta';
import type { Alert, AlertAttributes, AutomationStatusEvent, ComplianceChangeEvent } from './types';

/** What the formatter knows about the deployment. */
export interface FormatContext {
  /** The rule catalog (severity, control, remediation links): metadata only. */
  rules: readonly AnyRuleMeta[];
  /** The configured prefix of Config rule and document names. */
  namePrefix: string;
}

/**
 * Parameters read back from the automation execution (GetAutomationExecution), already reduced
 * to the allow-list by {@link allowedExecutionParameters}.
 */
export interface ExecutionFacts {
  ruleName?: string;
  resourceId?: string;
}

export const UNKNOWN = 'UNKNOWN';
const SEVERITY_ORDER = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];
const SUBJECT_MAX = 100;

function unprefixed(name: string, prefix: string): string {
  return prefix && name.startsWith(prefix) ? name.slice(prefix.length) : name;
}

/** SNS subjects are at most 100 printable ASCII characters, on one line. */
export function toSubject(text: string): string {
  const clean = text
    .replace(/[^\x20-\x7e]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length <= SUBJECT_MAX ? clean : `${clean.slice(0, SUBJECT_MAX - 3)}...`;
}

/** SNS rejects empty attribute values: every attribute gets a value. */
function attributes(a: Partial<AlertAttributes>): AlertAttributes {
  const v = (s: string | undefined): string => (s && s.trim() !== '' ? s : UNKNOWN);
  return {
    rule: v(a.rule),
    compliance: v(a.compliance),
    resourceType: v(a.resourceType),
    accountId: v(a.accountId),
    region: v(a.region),
    severity: v(a.severity),
  };
}

function body(lines: Array<string | undefined>, json: Record<string, unknown>): string {
  const text = lines.filter((l): l is string => l !== undefined).join('\n');
  return `${text}\n\n--- JSON ---\n${JSON.stringify(json, null, 2)}\n`;
}

function consoleRuleUrl(region: string, ruleName: string): string {
  return `https://${region}.console.aws.amazon.com/config/home?region=${region}#/rules/details?configRuleName=${encodeURIComponent(ruleName)}`;
}

/**
 * A compliance change of one of this suite's rules as a readable alert. Only the documented
 * fields of the evaluation are used; annotations are the rule's own text (never configuration).
 */
export function formatComplianceChange(event: ComplianceChangeEvent, ctx: FormatContext): Alert {
  const d = event.detail;
  const qualifier = d.newEvaluationResult?.evaluationResultIdentifier?.evaluationResultQualifier;
  const ruleName = d.configRuleName;
  const rule = ctx.rules.find((r) => r.id === unprefixed(ruleName, ctx.namePrefix));
  const resourceType = d.resourceType ?? qualifier?.resourceType;
  const resourceId = d.resourceId ?? qualifier?.resourceId ?? UNKNOWN;
  const compliance = d.newEvaluationResult?.complianceType;
  const previous = d.oldEvaluationResult?.complianceType;
  const accountId = d.awsAccountId ?? event.account;
  const region = d.awsRegion ?? event.region;
  const annotation = d.newEvaluationResult?.annotation ?? undefined;
  const attrs = attributes({
    rule: ruleName,
    compliance,
    resourceType,
    accountId,
    region,
    severity: rule?.severity,
  });
  const message = body(
    [
      `AWS Config: ${attrs.resourceType} ${resourceId} is ${attrs.compliance} with ${ruleName}` +
        (previous ? ` (was ${previous}).` : '.'),
      '',
      `Severity:   ${attrs.severity}`,
      rule ? `Control:    ${rule.control}` : undefined,
      rule ? `Rule:       ${rule.description}` : undefined,
      annotation ? `Annotation: ${annotation}` : undefined,
      `Account:    ${attrs.accountId}`,
      `Region:     ${attrs.region}`,
      d.newEvaluationResult?.resultRecordedTime
        ? `Recorded:   ${d.newEvaluationResult.resultRecordedTime}`
        : undefined,
      `Console:    ${consoleRuleUrl(attrs.region, ruleName)}`,
    ],
    {
      kind: 'ComplianceChange',
      rule: ruleName,
      severity: attrs.severity,
      control: rule?.control ?? null,
      resourceType: attrs.resourceType,
      resourceId,
      compliance: attrs.compliance,
      previousCompliance: previous ?? null,
      annotation: annotation ?? null,
      accountId: attrs.accountId,
      region: attrs.region,
      resultRecordedTime: d.newEvaluationResult?.resultRecordedTime ?? null,
      eventId: event.id,
    },
  );
  return {
    subject: toSubject(`[${attrs.compliance}] ${ruleName}: ${attrs.resourceType} ${resourceId}`),
    message,
    attributes: attrs,
  };
}

/** The registry rules whose remediation runs this (deployed) document. */
export function rulesForDocument(definition: string, ctx: FormatContext): AnyRuleMeta[] {
  const name = unprefixed(definition, ctx.namePrefix);
  return ctx.rules.filter((r) => r.remediation?.document === name);
}

/**
 * Reduces an execution's parameters to the allow-list: the `RuleName` parameter and the
 * parameter that received RESOURCE_ID. Everything else (which may be sensitive) is dropped.
 */
export function allowedExecutionParameters(
  parameters: Record<string, string[] | undefined> | undefined,
  candidates: readonly AnyRuleMeta[],
): ExecutionFacts {
  const facts: ExecutionFacts = {};
  const ruleName = parameters?.RuleName?.[0];
  if (ruleName) facts.ruleName = ruleName;
  for (const rule of candidates) {
    const param = rule.remediation?.resourceIdParameter;
    const value = param ? parameters?.[param]?.[0] : undefined;
    if (value) {
      facts.resourceId = value;
      break;
    }
  }
  return facts;
}

function highest(rules: readonly AnyRuleMeta[]): string | undefined {
  const levels = rules.map((r) => r.severity as string);
  return SEVERITY_ORDER.find((s) => levels.includes(s));
}

/**
 * The outcome of one of this suite's remediations as a readable alert. Only the allow-listed
 * fields of the event and of the execution (see {@link allowedExecutionParameters}) appear.
 */
export function formatAutomationStatus(
  event: AutomationStatusEvent,
  ctx: FormatContext,
  facts: ExecutionFacts = {},
): Alert {
  const d = event.detail;
  const candidates = rulesForDocument(d.Definition, ctx);
  const named = facts.ruleName
    ? ctx.rules.find((r) => r.id === unprefixed(facts.ruleName as string, ctx.namePrefix))
    : undefined;
  const matched = named ? [named] : candidates;
  const ruleAttr = facts.ruleName ?? candidates.map((r) => `${ctx.namePrefix}${r.id}`).join(',');
  const resourceTypes = [
    ...new Set(matched.map((r) => (r.scope === 'resource' ? r.resourceType : 'AWS::::Account'))),
  ];
  const attrs = attributes({
    rule: ruleAttr,
    compliance: d.Status,
    resourceType: resourceTypes.join(','),
    accountId: event.account,
    region: event.region,
    severity: highest(matched),
  });
  const resourceId = facts.resourceId;
  const message = body(
    [
      `Remediation ${d.Definition} ended ${d.Status}${resourceId ? ` for ${resourceId}` : ''}.`,
      '',
      `Rule:       ${attrs.rule}`,
      `Severity:   ${attrs.severity}`,
      `Execution:  ${d.ExecutionId}`,
      d.StartTime ? `Started:    ${d.StartTime}` : undefined,
      d.EndTime ? `Ended:      ${d.EndTime}` : undefined,
      d.ExecutedBy ? `Run by:     ${d.ExecutedBy}` : undefined,
      `Account:    ${attrs.accountId}`,
      `Region:     ${attrs.region}`,
      `Console:    https://${attrs.region}.console.aws.amazon.com/systems-manager/automation/execution/${d.ExecutionId}?region=${attrs.region}`,
    ],
    {
      kind: 'AutomationOutcome',
      document: d.Definition,
      documentVersion: d.DefinitionVersion ?? null,
      executionId: d.ExecutionId,
      status: d.Status,
      rule: attrs.rule,
      severity: attrs.severity,
      resourceType: attrs.resourceType,
      resourceId: resourceId ?? null,
      startTime: d.StartTime ?? null,
      endTime: d.EndTime ?? null,
      executedBy: d.ExecutedBy ?? null,
      accountId: attrs.accountId,
      region: attrs.region,
      eventId: event.id,
    },
  );
  return {
    subject: toSubject(`[Remediation ${d.Status}] ${d.Definition}${resourceId ? ` ${resourceId}` : ''}`),
    message,
    attributes: attrs,
  };
}
