import { join } from 'node:path';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { bundle, REPO_ROOT } from './bundle';

/** CDK context flag: `-c glueGuardrails:skipBundling=true` synthesizes with placeholder code. */
export const SKIP_BUNDLING_CONTEXT_KEY = 'glueGuardrails:skipBundling';

/** Lambda code for each function of the suite, by name (rule id or `notify`). */
export type CodeProvider = (name: string) => Code;

const PLACEHOLDER = [
  '// glueGuardrails:skipBundling was set: this template is for inspection, not deployment.',
  "exports.handler = async () => { throw new Error('not bundled'); };",
].join('\n');

/**
 * Bundles every entry with esbuild (infra/bundle.ts) into `<outDir>/<name>/index.mjs` and
 * returns asset code for each; CDK hashes the directory, so an unchanged bundle is not re-uploaded.
 * With `skip`, returns inline placeholder code (fast template tests; never deployable).
 */
export async function prepareCode(
  entries: Map<string, string>,
  options: { skip?: boolean; outDir?: string } = {},
): Promise<CodeProvider> {
  if (options.skip) return () => Code.fromInline(PLACEHOLDER);
  const outDir = options.outDir ?? join(REPO_ROOT, 'dist', 'lambda');
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
