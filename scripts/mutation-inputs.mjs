// What each mutation slice was last run on to completion (issue 11: "run it incrementally in CI").
// stryker/slice-inputs.json (committed) holds, per slice of stryker/slices.mjs, a hash of every file
// its verdicts rest on: the modules it mutates and the test files that judge them. scripts/mutation.mjs
// records a slice there when a run of the whole slice ends; `npm test` (scripts/mutation.mjs --ci)
// compares them with the checkout and re-runs, incrementally, only the slices whose files changed.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, matchesGlob, relative } from 'node:path';

export const INPUTS_FILE = 'stryker/slice-inputs.json';

/** Files below `dir` of `root`, relative to `root` with '/' separators; none when it is missing. */
export function filesBelow(root, dir) {
  const full = join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).replaceAll('\\', '/'));
}

const matchesAny = (file, globs) => globs.some((glob) => matchesGlob(file, glob));

/**
 * The files a slice's results rest on, each with the first 16 hex digits of its SHA-256: the
 * modules it mutates (minus `mutateExclusions`, stryker.config.mjs's `!` patterns) and its test
 * files (minus `testExclusions`). Helper modules the tests import are not among them: Stryker's
 * incremental mode does not look at them either, so a run would not re-test for their sake.
 */
export function sliceInputs(root, slice, { mutateExclusions = [], testExclusions = [] } = {}) {
  const candidates = ['functions', 'remediation', 'infra', 'test'].flatMap((dir) => filesBelow(root, dir));
  const mutated = candidates.filter(
    (file) => matchesAny(file, slice.mutate) && !matchesAny(file, mutateExclusions),
  );
  const tests = candidates.filter(
    (file) => matchesAny(file, slice.tests ?? []) && !matchesAny(file, testExclusions),
  );
  const hash = (file) =>
    createHash('sha256')
      .update(readFileSync(join(root, file)))
      .digest('hex')
      .slice(0, 16);
  return Object.fromEntries([...new Set([...mutated, ...tests])].sort().map((file) => [file, hash(file)]));
}

/** How `current` differs from `recorded` (both as sliceInputs returns them), in file order. */
export function changedInputs(recorded, current) {
  if (recorded === undefined) return [{ file: '(slice never recorded)', change: 'new' }];
  const files = [...new Set([...Object.keys(recorded), ...Object.keys(current)])].sort();
  return files.flatMap((file) => {
    if (!(file in current)) return [{ file, change: 'removed' }];
    if (!(file in recorded)) return [{ file, change: 'added' }];
    return recorded[file] === current[file] ? [] : [{ file, change: 'changed' }];
  });
}

/** The recorded inputs of every slice ({} when the file does not exist yet). */
export function readInputs(root) {
  const file = join(root, INPUTS_FILE);
  if (!existsSync(file)) return {};
  const parsed = JSON.parse(readFileSync(file, 'utf8'));
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(
      `${INPUTS_FILE} must hold an object of slices, not ${JSON.stringify(parsed)?.slice(0, 40)}`,
    );
  }
  return parsed;
}

/** Records `inputs` as what slice `name` last ran on; slices in name order, one file a line. */
export function recordInputs(root, name, inputs) {
  const all = { ...readInputs(root), [name]: inputs };
  const sorted = Object.fromEntries(
    Object.keys(all)
      .sort()
      .map((slice) => [slice, all[slice]]),
  );
  mkdirSync(dirname(join(root, INPUTS_FILE)), { recursive: true });
  writeFileSync(join(root, INPUTS_FILE), `${JSON.stringify(sorted, null, 2)}\n`);
}

/**
 * How many mutants a Stryker run is about to test, read from one line of its progress output
 * ("Mutation testing 7% (…) 150/397 tested (…)"); undefined for any other line.
 */
export function mutantsToTest(line) {
  const match = /Mutation testing .* (\d+)\/(\d+) tested/.exec(line);
  return match === null ? undefined : Number(match[2]);
}
