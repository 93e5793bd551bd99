/** A mistake in how the CLI was called: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const ExitCode = { OK: 0, NON_COMPLIANT: 1, ERROR: 2 } as const;
