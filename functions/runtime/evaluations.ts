import type { ComplianceType, Evaluation } from './types';

export const ANNOTATION_LIMIT = 256;
const TRUNCATED = ' [truncated]';

/** Cuts an annotation to Config's 256-character limit, marking the cut as rdklib does. */
export function truncateAnnotation(annotation: string): string {
  if (annotation.length <= ANNOTATION_LIMIT) return annotation;
  return annotation.slice(0, ANNOTATION_LIMIT - TRUNCATED.length) + TRUNCATED;
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
