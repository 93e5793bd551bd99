import { defineConfig } from 'vitest/config';
import base from '../vitest.config';

/**
 * The vitest configuration StrykerJS runs (stryker.config.mjs, issue 11). It is the suite's own
 * configuration minus the tests that cannot kill a mutant of the mutated modules because they do not
 * run them in-process, or only read their text; they would only cost time on every mutant run:
 * - bundles run in child processes: test/node22/**, test/cli/bundle.test.ts,
 *   test/notify/bundle.test.ts, test/build.test.ts, test/infra/bundling.test.ts;
 * - external scanners over synthesized templates: test/infra/checks.test.ts (cfn-lint),
 *   test/infra/checkov.test.ts;
 * - the emulator itself: test/emulator/**;
 * - SSM documents run end to end (their Python scripts in child processes, graded by the emulator):
 *   test/remediation/documents/*.e2e.test.ts;
 * - static readers of the source text (Stryker instruments every file with all its mutants, so
 *   these would read the instrumented text): test/redos.test.ts, test/boundaries.test.ts,
 *   test/cli/module-graph.test.ts, test/secrets-nowhere.test.ts,
 *   test/remediation/catalog/boundaries.test.ts.
 * The README tests stay: they run the generators in-process and compare with the committed text.
 * stryker/global-setup.ts starts the one emulator Stryker's single vitest worker uses.
 */
export const STRYKER_EXCLUDED_TESTS = [
  'test/node22/**',
  'test/cli/bundle.test.ts',
  'test/notify/bundle.test.ts',
  'test/build.test.ts',
  'test/infra/bundling.test.ts',
  'test/infra/checks.test.ts',
  'test/infra/checkov.test.ts',
  'test/emulator/**',
  'test/remediation/documents/*.e2e.test.ts',
  'test/redos.test.ts',
  'test/boundaries.test.ts',
  'test/cli/module-graph.test.ts',
  'test/secrets-nowhere.test.ts',
  'test/remediation/catalog/boundaries.test.ts',
];

// Spread, not mergeConfig: mergeConfig would append this globalSetup to the suite's (two emulators).
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    // A slice of `npm run mutation` (stryker/slices.mjs) names the test files that judge its modules.
    include: process.env.GLUE_GUARDRAILS_MUTATION_TESTS?.split(',') ?? base.test?.include,
    exclude: STRYKER_EXCLUDED_TESTS,
    // One worker on a shared machine: a CDK synthesis can take far longer than in `npm test`.
    testTimeout: 120_000,
    globalSetup: ['stryker/global-setup.ts'],
  },
});
