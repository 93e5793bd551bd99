#!/usr/bin/env node
// Merges the report of a sliced Stryker run into the combined incremental file (scripts/mutation.mjs
// calls it; by hand: `node scripts/mutation-merge.mjs <slice report> <path prefix>...`). The slice's
// files replace their entries; other files and their results are kept.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** The report with every test renamed by `idOf(test file, test)`, and coveredBy/killedBy to match. */
function renameTests(report, idOf) {
  const ids = new Map();
  const testFiles = {};
  for (const [file, entry] of Object.entries(report.testFiles ?? {})) {
    testFiles[file] = {
      ...entry,
      tests: entry.tests.map((test) => {
        const id = idOf(file, test);
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
 * Stryker numbers the tests of each run from "0", so two runs' ids clash: give every test the
 * stable id `<test file>#<name>` and rewrite the mutants' coveredBy/killedBy to match.
 */
export function withStableTestIds(report) {
  return renameTests(report, (file, test) => `${file}#${test.name}`);
}

/**
 * What the combined file stores: each test's stable id hashed to a short one (8 hex digits, more
 * for every test when two would collide). A mutant lists every test that covers it, so with
 * `<file>#<name>` ids the lists were most of the file (35 of 47 MB); a hash keeps an id from run to
 * run, so a run's diff shows only the results that changed. withStableTestIds reads them back.
 */
export function withShortTestIds(report) {
  const stable = withStableTestIds(report);
  const hashes = new Map(
    Object.values(stable.testFiles).flatMap((entry) =>
      entry.tests.map((test) => [test.id, createHash('sha256').update(test.id).digest('hex')]),
    ),
  );
  let length = 8;
  while (new Set([...hashes.values()].map((h) => h.slice(0, length))).size < hashes.size) length += 2;
  return renameTests(stable, (_file, test) => hashes.get(test.id).slice(0, length));
}

/**
 * JSON with one mutant (or test) a line and files in name order, so the committed file diffs by
 * result instead of by property.
 */
export function serializeReport(report) {
  const { files, testFiles = {}, ...rest } = report;
  const lines = ['{'];
  for (const [key, value] of Object.entries(rest))
    lines.push(`${JSON.stringify(key)}: ${JSON.stringify(value)},`);
  const section = (name, entries, listKey, last) => {
    lines.push(`${JSON.stringify(name)}: {`);
    const sorted = entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    sorted.forEach(([file, entry], i) => {
      const { [listKey]: list = [], ...head } = entry;
      const fields = Object.entries(head).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}, `);
      lines.push(`${JSON.stringify(file)}: {${fields.join('')}${JSON.stringify(listKey)}: [`);
      list.forEach((item, j) => {
        lines.push(`${JSON.stringify(item)}${j < list.length - 1 ? ',' : ''}`);
      });
      lines.push(`]}${i < sorted.length - 1 ? ',' : ''}`);
    });
    lines.push(`}${last ? '' : ','}`);
  };
  section('files', Object.entries(files), 'mutants', false);
  section('testFiles', Object.entries(testFiles), 'tests', true);
  lines.push('}');
  return `${lines.join('\n')}\n`;
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
  writeFileSync(combined, serializeReport(withShortTestIds(all)));
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
