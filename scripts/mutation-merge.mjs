#!/usr/bin/env node
// Merges the report of a sliced Stryker run into the combined incremental file (scripts/mutation.mjs
// calls it; by hand: `node scripts/mutation-merge.mjs <slice report> <path prefix>...`). The slice's
// files replace their entries; other files and their results are kept.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * Stryker numbers the tests of each run from "0", so two runs' ids clash: give every test the
 * stable id `<test file>#<name>` and rewrite the mutants' coveredBy/killedBy to match.
 */
export function withStableTestIds(report) {
  const ids = new Map();
  const testFiles = {};
  for (const [file, entry] of Object.entries(report.testFiles ?? {})) {
    testFiles[file] = {
      ...entry,
      tests: entry.tests.map((test) => {
        const id = `${file}#${test.name}`;
        ids.set(test.id, id);
        return { ...test, id };
      }),
    };
  }
  const remap = (list) => list?.map((id) => ids.get(id) ?? id);
  const files = {};
  for (const [file, entry] of Object.entries(report.files)) {
    files[file] = {
      ...entry,
      mutants: entry.mutants.map((m) => ({
        ...m,
        coveredBy: remap(m.coveredBy),
        killedBy: remap(m.killedBy),
      })),
    };
  }
  return { ...report, files, testFiles };
}

/**
 * Merges the slice report into the combined file; returns how many files it took. A slice's report
 * also carries the entries it was handed of files it did not mutate (Stryker keeps them), so only
 * files under one of `only` (path prefixes) are taken; all of them when `only` is not given.
 */
export function mergeSlice(combined, sliceFile, { only, owns } = {}) {
  const slice = withStableTestIds(JSON.parse(readFileSync(sliceFile, 'utf8')));
  const all = existsSync(combined)
    ? withStableTestIds(JSON.parse(readFileSync(combined, 'utf8')))
    : { ...slice, files: {}, testFiles: {} };
  const taken = Object.entries(slice.files).filter(
    ([file]) =>
      (only === undefined || only.some((prefix) => file.startsWith(prefix))) &&
      (owns === undefined || owns(file)),
  );
  for (const [file, entry] of taken) all.files[file] = entry;
  for (const [file, entry] of Object.entries(slice.testFiles)) {
    const tests = new Map((all.testFiles[file]?.tests ?? []).map((test) => [test.id, test]));
    for (const test of entry.tests) tests.set(test.id, test);
    all.testFiles[file] = { ...entry, tests: [...tests.values()] };
  }
  writeFileSync(combined, `${JSON.stringify(all, null, 2)}\n`);
  return taken.length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [slice, ...only] = process.argv.slice(2);
  const combined = 'stryker/incremental.json';
  if (slice === undefined || only.length === 0) {
    console.error('usage: node scripts/mutation-merge.mjs <slice report> <path prefix>...');
    process.exit(2);
  }
  console.error(`[mutation] merged ${mergeSlice(combined, slice, { only })} file(s) into ${combined}`);
}
