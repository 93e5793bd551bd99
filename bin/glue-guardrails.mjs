#!/usr/bin/env node
// Runs the TypeScript CLI directly (tsx), so `npx glue-guardrails` needs no build step.
import '../scripts/quiet-sdk-notice.mjs';
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
