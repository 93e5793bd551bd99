import { defineConfig } from 'vitest/config';
import base from '../vitest.config';
import { STRYKER_EXCLUDED_TESTS } from './slices.mjs';

/**
 * The vitest configuration StrykerJS runs (stryker.config.mjs, issue 11): the suite's own
 * configuration minus STRYKER_EXCLUDED_TESTS (stryker/slices.mjs says which tests and why).
 * stryker/global-setup.ts starts the one emulator Stryker's single vitest worker uses.
 */

// Spread, not mergeConfig: mergeConfig would append this globalSetup to the suite's (two emulators).
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    // A slice of `npm run mutation` (stryker/slices.mjs) names the test files that judge its modules.
    include: process.env.GLUE_GUARDRAILS_MUTATION_TESTS?.split(',') ?? base.test?.include,
    exclude: [...STRYKER_EXCLUDED_TESTS],
    // One worker on a shared machine: a CDK synthesis can take far longer than in `npm test`.
    testTimeout: 120_000,
    globalSetup: ['stryker/global-setup.ts'],
  },
});
