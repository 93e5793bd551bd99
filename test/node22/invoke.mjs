// Runs one built Lambda bundle's handler the way Lambda's Node.js runtime does (import the ES
// module, call `handler(event, context)`), under whichever node runs this file. Prints one line:
// `@@invoke {"ok":…,"node":…}` after whatever the handler logged.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [bundle, eventFile] = process.argv.slice(2);
const event = JSON.parse(readFileSync(eventFile, 'utf8'));
const context = {
  functionName: 'glue-guardrails-node22-smoke',
  awsRequestId: '00000000-0000-0000-0000-000000000000',
  getRemainingTimeInMillis: () => 60_000,
};
let report;
try {
  const mod = await import(pathToFileURL(bundle).href);
  const result = await mod.handler(event, context);
  report = { ok: true, node: process.version, result: result ?? null };
} catch (error) {
  report = { ok: false, node: process.version, error: `${error?.name}: ${error?.message}` };
}
process.stdout.write(`\n@@invoke ${JSON.stringify(report)}\n`);
