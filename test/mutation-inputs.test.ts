import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  changedInputs,
  INPUTS_FILE,
  mutantsToTest,
  readInputs,
  recordInputs,
  sliceInputs,
} from '../scripts/mutation-inputs.mjs';

// Issue 11: `npm test` re-runs mutation testing only for the slices whose modules or tests changed
// since stryker/slice-inputs.json recorded them. A change it missed would let stale scores pass CI.
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'mutation-inputs-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

const slice = { mutate: ['functions/rules/lib/**/*.ts'], tests: ['test/rules/lib/**/*.test.ts'] };
const options = {
  mutateExclusions: ['functions/rules/lib/types.ts'],
  testExclusions: ['test/rules/lib/slow.test.ts'],
};

describe('scripts/mutation-inputs.mjs', () => {
  it("hashes the slice's mutated modules and test files, and nothing else", () => {
    const root = tree({
      'functions/rules/lib/policy.ts': 'export const a = 1;\n',
      'functions/rules/lib/types.ts': 'export type T = 1;\n',
      'functions/rules/other.ts': 'x',
      'test/rules/lib/policy.test.ts': 'it()',
      'test/rules/lib/slow.test.ts': 'it()',
      'test/rules/lib/helper.ts': 'export {}',
      'test/rules/other.test.ts': 'it()',
    });
    const inputs = sliceInputs(root, slice, options);
    expect(Object.keys(inputs)).toEqual(['functions/rules/lib/policy.ts', 'test/rules/lib/policy.test.ts']);
    // First 16 hex digits of SHA-256 of the file's bytes (`printf 'export const a = 1;\n' | sha256sum`).
    expect(inputs['functions/rules/lib/policy.ts']).toBe('037ecd1db38c230c');
    rmSync(root, { recursive: true });
  });

  it('names every added, removed and changed file, and a slice never recorded', () => {
    expect(changedInputs({ a: '1', b: '2', c: '3' }, { a: '1', b: '9', d: '4' })).toEqual([
      { file: 'b', change: 'changed' },
      { file: 'c', change: 'removed' },
      { file: 'd', change: 'added' },
    ]);
    expect(changedInputs({ a: '1' }, { a: '1' })).toEqual([]);
    expect(changedInputs(undefined, {})).toEqual([{ file: '(slice never recorded)', change: 'new' }]);
  });

  it('records one slice without losing the others, and sees a later edit', () => {
    const root = tree({ 'functions/rules/lib/policy.ts': 'v1', 'test/rules/lib/policy.test.ts': 'it()' });
    expect(readInputs(root)).toEqual({});
    recordInputs(root, 'runtime', { 'functions/runtime/engine.ts': 'aaaa' });
    recordInputs(root, 'rules-lib', sliceInputs(root, slice, options));
    const text = readFileSync(join(root, INPUTS_FILE), 'utf8');
    expect(text.split('\n')[1]).toBe('  "rules-lib": {');
    const recorded = readInputs(root);
    expect(recorded.runtime).toEqual({ 'functions/runtime/engine.ts': 'aaaa' });
    expect(changedInputs(recorded['rules-lib'], sliceInputs(root, slice, options))).toEqual([]);
    writeFileSync(join(root, 'functions/rules/lib/policy.ts'), 'v2');
    expect(changedInputs(recorded['rules-lib'], sliceInputs(root, slice, options))).toEqual([
      { file: 'functions/rules/lib/policy.ts', change: 'changed' },
    ]);
    rmSync(root, { recursive: true });
  });

  it('rejects a record that is not an object of slices, naming the file', () => {
    const root = tree({ [INPUTS_FILE]: '[1]' });
    expect(() => readInputs(root)).toThrow(
      'stryker/slice-inputs.json must hold an object of slices, not [1]',
    );
    rmSync(root, { recursive: true });
  });

  it("reads how many mutants a run will test from Stryker's progress line only", () => {
    expect(
      mutantsToTest(
        'Mutation testing 7% (elapsed: ~2m, remaining: ~31m) 150/397 tested (24 survived, 22 timed out)',
      ),
    ).toBe(397);
    expect(mutantsToTest('\tResult:\t\t1854 of 2474 mutant result(s) are reused.')).toBeUndefined();
  });
});

describe('scripts/mutation.mjs arguments', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [join(import.meta.dirname, '..', 'scripts', 'mutation.mjs'), ...args], {
      encoding: 'utf8',
    });
  it('refuses --slice with --ci, which picks the changed slices itself', () => {
    const result = run('--ci', '--slice', 'runtime');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--ci picks its slices itself (those whose files changed): drop --slice');
  });
  it('refuses a budget that is not a whole number of mutants, naming it', () => {
    const result = run('--ci', '--budget', 'lots');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--budget wants a whole number of mutants, not 'lots'");
  });
});
