/** A rule parameter is missing, malformed or unknown. Names the parameter and what is wrong. */
export class InvalidParameterValueError extends Error {
  override readonly name = 'InvalidParameterValueError';
  constructor(
    readonly parameter: string,
    problem: string,
  ) {
    super(`Invalid rule parameter '${parameter}': ${problem}`);
  }
}

/** The invoking event does not have the documented shape. */
export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';
}

/**
 * The configuration history did not return the item an oversized notification announced (an
 * older capture, or another resource): the resource is not judged from it.
 */
export class HistoryItemMismatchError extends Error {
  override readonly name = 'HistoryItemMismatchError';
}

/** An AWS call was refused for lack of permission; names the IAM action(s) to grant. */
export class MissingPermissionError extends Error {
  override readonly name = 'MissingPermissionError';
  constructor(
    readonly actions: readonly string[],
    cause: unknown,
  ) {
    super(`Access denied: the rule's role is missing ${actions.join(' / ')} (${errorMessage(cause)})`, {
      cause,
    });
  }
}

/** PutEvaluations kept rejecting some evaluations after retries. */
export class PutEvaluationsError extends Error {
  override readonly name = 'PutEvaluationsError';
}

/**
 * Some resources could not be evaluated. The others were reported; these got no evaluation
 * (never a guessed COMPLIANT), and the invocation fails so Config shows the error.
 */
export class EvaluationFailedError extends Error {
  override readonly name: string = 'EvaluationFailedError';
  constructor(readonly failures: ReadonlyArray<{ resourceId: string; error: unknown }>) {
    const list = failures.map((f) => `${f.resourceId}: ${errorMessage(f.error)}`).join('; ');
    super(`Could not evaluate ${failures.length} resource(s): ${list}`);
  }
}

/**
 * A periodic sweep could not finish: some resources were not evaluated (time ran low) or failed.
 * What was evaluated has been reported; stale clean-up was skipped, since it would mark the
 * resources it did not reach NOT_APPLICABLE. The invocation fails so Config shows the error.
 */
export class SweepIncompleteError extends EvaluationFailedError {
  override readonly name: string = 'SweepIncompleteError';
  constructor(
    readonly reason: string,
    readonly evaluated: number,
    readonly unevaluated: readonly string[],
    failures: ReadonlyArray<{ resourceId: string; error: unknown }>,
  ) {
    super(failures);
    const parts = [`Sweep incomplete (${reason}): evaluated ${evaluated} resource(s)`];
    if (unevaluated.length > 0) parts.push(`${unevaluated.length} not evaluated`);
    if (failures.length > 0) {
      parts.push(
        `${failures.length} failed: ${failures.map((f) => `${f.resourceId}: ${errorMessage(f.error)}`).join('; ')}`,
      );
    }
    this.message = `${parts.join(', ')}; stale clean-up skipped`;
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'AuthorizationError',
]);

/** True for the access-denied error codes the AWS services we call use. */
export function isAccessDenied(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { name?: string; Code?: string; code?: string };
  return (
    ACCESS_DENIED.has(e.name ?? '') || ACCESS_DENIED.has(e.Code ?? '') || ACCESS_DENIED.has(e.code ?? '')
  );
}
