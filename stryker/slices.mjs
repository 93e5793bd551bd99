// The slices `npm run mutation` runs one after another (scripts/mutation.mjs, issue 11). Each names
// the modules it mutates and the test files that judge them: a mutant is run only against its
// slice's tests (and of those, with per-test coverage, only the tests that reached it). A slice's
// results are merged into stryker/incremental.json as soon as it ends, so an interrupted run keeps
// every slice it finished. Heavy tests stay out of every slice (stryker/vitest.config.ts says which
// and why); tests that only reach a module from another slice's side (a CLI scan reaching a rule)
// are left to that module's own slice.
//
// Every mutated file must be in exactly one slice: test/mutation-slices.test.ts checks it against
// stryker.config.mjs's `mutate`.

/** @type {readonly { name: string, mutate: readonly string[], tests: readonly string[] }[]} */
export const SLICES = [
  {
    name: 'infra',
    mutate: ['infra/permissions.ts'],
    tests: ['test/infra/**/*.test.ts', 'test/iam/**/*.test.ts'],
  },
  {
    name: 'mapping',
    mutate: ['remediation/mapping.ts'],
    tests: [
      'test/remediation/mapping.test.ts',
      'test/mutation/mapping.test.ts',
      'test/rules/registry.test.ts',
    ],
  },
  {
    name: 'runner',
    mutate: ['remediation/runner/**/*.ts'],
    tests: ['test/remediation/**/*.test.ts'],
  },
  {
    name: 'rules-lib',
    mutate: ['functions/rules/lib/**/*.ts'],
    tests: [
      'test/rules/lib/**/*.test.ts',
      'test/rules/*.test.ts',
      'test/mutation/**/*.test.ts',
      'test/policy-semantics/**/*.test.ts',
    ],
  },
  {
    name: 'rules',
    mutate: ['functions/rules/*.ts', 'functions/rules/meta/**/*.ts'],
    tests: [
      'test/rules/**/*.test.ts',
      'test/mutation/**/*.test.ts',
      'test/policy-semantics/**/*.test.ts',
      'test/readme.test.ts',
    ],
  },
  {
    name: 'runtime',
    mutate: ['functions/runtime/**/*.ts', 'functions/lookups/**/*.ts', 'functions/notify/**/*.ts'],
    tests: [
      'test/runtime/**/*.test.ts',
      'test/notify/**/*.test.ts',
      'test/rules/integration/**/*.test.ts',
      'test/iam/lookup-calls.test.ts',
    ],
  },
];

/**
 * Tests no slice runs (stryker/vitest.config.ts leaves them out of the configuration StrykerJS
 * runs): the tests that cannot kill a mutant of the mutated modules because they do not
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
 * @type {readonly string[]}
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
