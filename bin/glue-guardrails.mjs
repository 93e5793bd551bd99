#!/usr/bin/env node
// Runs the TypeScript CLI directly (tsx), so `npx glue-guardrails` needs no build step.
import { register } from 'tsx/esm/api';

// The SDK announces that releases from 2027 need Node 22 (Lambda runs nodejs22.x already);
// the notice says nothing about this run, so the CLI drops that one warning and no other.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = (warning, ...rest) => {
  const type = typeof rest[0] === 'string' ? rest[0] : rest[0]?.type;
  const name = warning instanceof Error ? warning.name : type;
  if (name === 'NodeVersionSupportWarning') return;
  emitWarning(warning, ...rest);
};

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
