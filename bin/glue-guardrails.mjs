#!/usr/bin/env node
// Runs the CLI: the esbuild bundle in dist/cli/ (built by `npm ci` through `prepare`, or
// `npm run build:cli`) while it is up to date with the sources, else the TypeScript sources through
// tsx, so an edited checkout never runs stale code. GLUE_GUARDRAILS_CLI=source|bundle forces one
// (bundle: fail rather than fall back).
import '../scripts/quiet-sdk-notice.mjs';
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

let main;
if (problem === undefined) {
  ({ main } = await import(pathToFileURL(bundleEntry()).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
