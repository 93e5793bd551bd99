import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/emulator/global-setup.ts'],
    // The SDK's Node-version notice, switched off as the CLI does (each worker loads the SDK anew).
    setupFiles: ['scripts/quiet-sdk-notice.mjs'],
    pool: 'forks',
    // One emulator per worker: test/emulator/global-setup.ts starts this many.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Coverage of the product code by the whole suite (issue 11), reported by every run. Per-folder
    // thresholds are not enforced yet: the whole-suite figures were not measured (see issue 11).
    // Code run in child processes (the bundled CLI, the Python scripts)
    // is not seen by v8 here; the Python scripts are measured by `npm run test:py` (coverage.py).
    coverage: {
      enabled: true,
      provider: 'v8',
      include: ['functions/**/*.ts', 'cli/**/*.ts', 'remediation/**/*.ts', 'infra/**/*.ts'],
      exclude: ['**/*.d.ts'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'coverage',
      reportOnFailure: true,
    },
  },
});
