import { Compliance, type ComplianceType, type Evaluation, type Verdict } from './types';

export const ANNOTATION_LIMIT = 256;
/**
 * Environment variable of every rule function (set from infra's `evaluationMaxAgeHours`): hours
 * after which a periodic sweep puts an unchanged result again; 0 (or unset) puts every evaluation.
 */
export const EVALUATION_MAX_AGE_ENV = 'GLUE_GUARDRAILS_EVALUATION_MAX_AGE_HOURS';
const TRUNCATED = ' [truncated]';

/**
 * Cuts an annotation to Config's 256-character limit, marking the cut as rdklib does. The cut
 * never splits a UTF-16 surrogate pair (half a pair is ill-formed text).
 */
export function truncateAnnotation(annotation: string): string {
  if (annotation.length <= ANNOTATION_LIMIT) return annotation;
  return cutUtf16(annotation, ANNOTATION_LIMIT - TRUNCATED.length) + TRUNCATED;
}

/** The longest prefix of at most `max` UTF-16 units that does not end in half a surrogate pair. */
export function cutUtf16(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) end--;
  return text.slice(0, end);
}

/** Builds one evaluation with a truncated annotation. */
export function buildEvaluation(
  resourceType: string,
  resourceId: string,
  compliance: ComplianceType,
  annotation: string | undefined,
  orderingTimestamp: Date,
): Evaluation {
  const e: Evaluation = {
    ComplianceResourceType: resourceType,
    ComplianceResourceId: resourceId,
    ComplianceType: compliance,
    OrderingTimestamp: orderingTimestamp,
  };
  if (annotation) e.Annotation = truncateAnnotation(annotation);
  return e;
}

/**
 * Names offenders in a sentence that fits the annotation: as many names as fit, then
 * "and N more". The full list travels in the verdict's `offenders`.
 */
export function describeOffenders(
  prefix: string,
  offenders: readonly string[],
  limit = ANNOTATION_LIMIT,
): string {
  let text = `${prefix}: `;
  for (let i = 0; i < offenders.length; i++) {
    const rest = offenders.length - i - 1;
    const piece = (i > 0 ? ', ' : '') + offenders[i];
    const tail = rest > 0 ? ` and ${rest} more` : '';
    if ((text + piece + tail).length > limit && i > 0) {
      return `${text} and ${offenders.length - i} more`;
    }
    text += piece;
  }
  return text;
}

/**
 * The verdict of an account-level rule once it has judged `total` resources: NON_COMPLIANT
 * naming every offender (in the annotation as far as it fits, in `offenders` in full), or
 * COMPLIANT. Rules keep their own NOT_APPLICABLE for "nothing to judge", since that check
 * usually saves the lookups the judging needs.
 *
 * @example
 * offenderVerdict(jdbc.length, offenders, {
 *   offending: (n, total) => `${n} of ${total} JDBC connections do not enforce SSL`,
 *   compliant: (total) => `All ${total} JDBC connections enforce SSL`,
 * });
 */
export function offenderVerdict(
  total: number,
  offenders: string[],
  text: { offending: (count: number, total: number) => string; compliant: (total: number) => string },
): Verdict {
  if (offenders.length === 0) return { compliance: Compliance.COMPLIANT, annotation: text.compliant(total) };
  return {
    compliance: Compliance.NON_COMPLIANT,
    annotation: describeOffenders(text.offending(offenders.length, total), offenders),
    offenders,
  };
}

/**
 * Offenders as `name (reason)`, for every item that has a reason, sorted by name: the form
 * account rules name offenders in (the annotation and the alert).
 *
 * @example
 * namedOffenders(connections, (c) => c.Name ?? '(unnamed)', placementGap) // ['cards (no subnet)']
 */
export function namedOffenders<T>(
  items: readonly T[],
  nameOf: (item: T) => string,
  reasonOf: (item: T) => string | undefined,
): string[] {
  return items
    .map((item) => ({ name: nameOf(item), reason: reasonOf(item) }))
    .filter((o): o is { name: string; reason: string } => o.reason !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((o) => `${o.name} (${o.reason})`);
}
