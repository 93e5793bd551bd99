import { afterEach, beforeEach, vi } from 'vitest';

/** What the code under test printed with console.log (stdout) and console.error (stderr). */
export interface CapturedConsole {
  stdout: string[];
  stderr: string[];
}

/**
 * Registers hooks (in the calling file or describe block) that capture console.log and
 * console.error into fresh arrays for every test, and restore mocks and environment after it.
 * Assign `io.stdout = []` to start over within a test. With `testCredentials`, the AWS SDK gets the
 * emulator's dummy credentials from the environment.
 */
export function captureConsole(options: { testCredentials?: boolean } = {}): CapturedConsole {
  const io: CapturedConsole = { stdout: [], stderr: [] };
  beforeEach(() => {
    io.stdout = [];
    io.stderr = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void io.stdout.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void io.stderr.push(a.join(' ')));
    if (options.testCredentials) {
      vi.stubEnv('AWS_ACCESS_KEY_ID', 'testing');
      vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'testing');
    }
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });
  return io;
}
