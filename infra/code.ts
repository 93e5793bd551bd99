import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { bundle, ruleEntrySource } from '../scripts/build';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** CDK context flag: `-c glueGuardrails:skipBundling=true` synthesizes with placeholder code. */
export const SKIP_BUNDLING_CONTEXT_KEY = 'glueGuardrails:skipBundling';

/** The notifier's Lambda entry, bundled like the rules'. */
export const NOTIFIER_ENTRY = "export { handler } from './functions/notify/handler';";
export const NOTIFIER_NAME = 'notify';

/** Lambda code for each function of the suite, by name (rule id or `notify`). */
export type CodeProvider = (name: string) => Code;

const PLACEHOLDER = [
  '// glueGuardrails:skipBundling was set: this template is for inspection, not deployment.',
  "exports.handler = async () => { throw new Error('not bundled'); };",
].join('\n');

/** The entry source of every function: one per rule, and the notifier. */
export function functionEntries(ruleIds: readonly string[]): Map<string, string> {
  const entries = new Map<string, string>(ruleIds.map((id) => [id, ruleEntrySource(id)]));
  entries.set(NOTIFIER_NAME, NOTIFIER_ENTRY);
  return entries;
}

/**
 * Bundles every entry with esbuild (scripts/build.ts) into `<outDir>/<name>/index.mjs` and
 * returns asset code for each; CDK hashes the directory, so an unchanged bundle is not re-uploaded.
 * With `skip`, returns inline placeholder code (fast template tests; never deployable).
 */
export async function prepareCode(
  entries: Map<string, string>,
  options: { skip?: boolean; outDir?: string } = {},
): Promise<CodeProvider> {
  if (options.skip) return () => Code.fromInline(PLACEHOLDER);
  const outDir = options.outDir ?? join(root, 'dist', 'lambda');
  const dirs = new Map<string, string>();
  await Promise.all(
    [...entries].map(async ([name, source]) => {
      const dir = join(outDir, name);
      await bundle(source, join(dir, 'index.mjs'));
      dirs.set(name, dir);
    }),
  );
  return (name) => {
    const dir = dirs.get(name);
    if (!dir) throw new Error(`No bundle for '${name}' (bundled: ${[...dirs.keys()].join(', ')})`);
    return Code.fromAsset(dir);
  };
}
