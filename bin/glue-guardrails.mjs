#!/usr/bin/env node
// Runs the CLI: the esbuild bundle in dist/cli/ (built by `npm ci` through `prepare`, or
// `npm run build:cli`) while it is up to date with the sources, else the TypeScript sources through
// tsx, so an edited checkout never runs stale code. GLUE_GUARDRAILS_CLI=source|bundle forces one
// (bundle: fail rather than fall back).
import '../scripts/quiet-sdk-notice.mjs';
import module from 'node:module';
import { pathToFileURL } from 'node:url';
import { bundleEntry, bundleProblem } from '../scripts/cli-bundle.mjs';

const mode = process.env.GLUE_GUARDRAILS_CLI ?? 'auto';
if (!['auto', 'source', 'bundle'].includes(mode)) {
  console.error(`GLUE_GUARDRAILS_CLI must be source or bundle, got '${mode}'`);
  process.exit(2);
}
const problem = mode === 'source' ? 'GLUE_GUARDRAILS_CLI=source' : bundleProblem();
if (mode === 'bundle' && problem !== undefined) {
  console.error(`GLUE_GUARDRAILS_CLI=bundle, but ${problem}: run \`npm run build:cli\``);
  process.exit(2);
}

// Node >= 22.1 keeps V8's compiled code of the bundle on disk (in the OS temp directory), so a
// second run skips most of the ~0.5 s it spends compiling; NODE_DISABLE_COMPILE_CACHE=1 turns it
// off. Older Node has no such API and compiles every time.
module.enableCompileCache?.();

let main;
if (problem === undefined) {
  ({ main } = await import(pathToFileURL(bundleEntry()).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
