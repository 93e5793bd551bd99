import { join, matchesGlob } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesBelow } from '../scripts/mutation-inputs.mjs';
import { SLICES, STRYKER_EXCLUDED_TESTS } from '../stryker/slices.mjs';
import config from '../stryker.config.mjs';

// `npm run mutation` runs stryker/slices.mjs one slice at a time (issue 11): a module left out of
// every slice would never be mutated, and one in two slices would be judged twice, by different tests.
const root = join(import.meta.dirname, '..');
const files = (dir: string): string[] => filesBelow(root, dir);
const matches = (file: string, globs: readonly string[]): boolean =>
  globs.some((glob) => matchesGlob(file, glob));

const include = config.mutate.filter((glob: string) => !glob.startsWith('!'));
const exclude = config.mutate
  .filter((glob: string) => glob.startsWith('!'))
  .map((glob: string) => glob.slice(1));
const mutated = [...files('functions'), ...files('remediation'), ...files('infra')].filter(
  (file) => matches(file, include) && !matches(file, exclude),
);
const testFiles = files('test').filter((file) => file.endsWith('.test.ts'));

describe('mutation slices (stryker/slices.mjs)', () => {
  it('put every mutated module in exactly one slice', () => {
    expect(mutated.length).toBeGreaterThan(100);
    const misplaced = mutated
      .map((file) => ({ file, slices: SLICES.filter((s) => matches(file, s.mutate)).map((s) => s.name) }))
      .filter(({ slices }) => slices.length !== 1);
    expect(misplaced).toEqual([]);
  });

  it('mutate only modules stryker.config.mjs mutates', () => {
    for (const slice of SLICES) {
      for (const glob of slice.mutate) {
        expect(
          mutated.filter((file) => matchesGlob(file, glob)),
          `${slice.name}: ${glob}`,
        ).not.toEqual([]);
      }
    }
  });

  it('give each slice test files that a mutation run does not leave out', () => {
    for (const slice of SLICES) {
      for (const glob of slice.tests) {
        const run = testFiles.filter(
          (file) => matchesGlob(file, glob) && !matches(file, STRYKER_EXCLUDED_TESTS),
        );
        expect(run, `${slice.name}: ${glob}`).not.toEqual([]);
      }
    }
  });

  it('judge each module by the tests written for it', () => {
    const judges = (file: string) => SLICES.find((s) => matches(file, s.mutate))?.tests ?? [];
    expect(matches('test/rules/lib/policy.test.ts', judges('functions/rules/lib/policy.ts'))).toBe(true);
    expect(
      matches('test/remediation/runner/execution-flow.test.ts', judges('remediation/runner/execution.ts')),
    ).toBe(true);
    expect(matches('test/runtime/engine.test.ts', judges('functions/runtime/engine.ts'))).toBe(true);
    expect(matches('test/infra/remediation-role.test.ts', judges('infra/permissions.ts'))).toBe(true);
    expect(matches('test/remediation/mapping.test.ts', judges('remediation/mapping.ts'))).toBe(true);
  });
});
