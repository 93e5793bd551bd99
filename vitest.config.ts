import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/emulator/global-setup.ts'],
    // The SDK's Node-version notice, switched off as the CLI does (each worker loads the SDK anew).
    setupFiles: ['scripts/quiet-sdk-notice.mjs'],
    pool: 'forks',
    // The local remediation runner records what it ran (remediation/runner/records.ts); tests keep
    // those records out of the user's state directory.
    env: { GLUE_GUARDRAILS_STATE_DIR: join(tmpdir(), 'glue-guardrails-test-state') },
    // One emulator per worker: test/emulator/global-setup.ts starts this many.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Coverage of the product code by the whole suite (issue 11). `npm test` sets
    // GLUE_GUARDRAILS_COVERAGE=1: coverage is collected and the per-folder floors below fail the run.
    // functions/, remediation/ and infra/ floors: issue 11's targets (functions lines 97 / branches
    // 90, remediation and infra branches 88) or, where higher, one point under the figures measured
    // on 2026-12-05 (functions lines 98.97 / branches 92.23, remediation 97.03 / 90.73, infra
    // 98.48 / 91.58). The cli/ floor is one point under 95.0 / 82.9 (measured the same day, above
    // issue 11's 90 / 80). Targeted runs (`npx vitest run test/x.test.ts`) skip coverage. Code
    // run in child processes (the bundled CLI, the Python scripts) is not seen by v8 here; the
    // Python scripts are measured by `npm run test:py` (coverage.py).
    coverage: {
      enabled: process.env.GLUE_GUARDRAILS_COVERAGE === '1',
      provider: 'v8',
      include: ['functions/**/*.ts', 'cli/**/*.ts', 'remediation/**/*.ts', 'infra/**/*.ts'],
      exclude: ['**/*.d.ts'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'coverage',
      reportOnFailure: true,
      thresholds: {
        'functions/**/*.ts': { lines: 97.9, branches: 91.2 },
        'cli/**/*.ts': { lines: 94, branches: 81 },
        'remediation/**/*.ts': { lines: 96, branches: 89.7 },
        'infra/**/*.ts': { lines: 97.4, branches: 90.5 },
      },
    },
  },
});
