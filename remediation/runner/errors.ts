/** The document uses an action or field the runner does not implement (refused, never ignored). */
export class UnsupportedFeatureError extends Error {
  override readonly name = 'UnsupportedFeatureError';
}

/** The execution's input parameters are invalid (SSM: InvalidAutomationExecutionParametersException). */
export class ParameterError extends Error {
  override readonly name = 'ParameterError';
}

/** A step failed; `timedOut` and `cancelled` distinguish a timeout or a cancellation from other failures. */
export class StepFailure extends Error {
  override readonly name = 'StepFailure';
  constructor(
    message: string,
    readonly timedOut = false,
    readonly cancelled = false,
  ) {
    super(message);
  }
}
