// How every Lambda of the suite is bundled (esbuild, ESM, node22). Used by scripts/build.ts,
// infra/code.ts, bench/ and the tests; imports neither aws-cdk-lib nor the rule registry.
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build, type Metafile } from 'esbuild';

/** The repository root (entry sources resolve from here). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The notifier's Lambda entry, bundled like the rules'. */
export const NOTIFIER_ENTRY = "export { handler } from './functions/notify/handler';";
export const NOTIFIER_NAME = 'notify';

/** The source of a rule's Lambda entry: the rule wrapped by the shared runtime. */
export function ruleEntrySource(ruleId: string): string {
  return [
    `import { rule } from './functions/rules/${ruleId}';`,
    `import { toHandler } from './functions/runtime/handler';`,
    'export const handler = toHandler(rule);',
  ].join('\n');
}

/** The entry source of every function: one per rule, and the notifier. */
export function functionEntries(ruleIds: readonly string[]): Map<string, string> {
  const entries = new Map<string, string>(ruleIds.map((id) => [id, ruleEntrySource(id)]));
  entries.set(NOTIFIER_NAME, NOTIFIER_ENTRY);
  return entries;
}

/** The esbuild options of a handler bundle (entry given as source resolved from the repo root). */
export function bundleOptions(source: string, outFile: string, minify = true): BuildOptions {
  return {
    stdin: { contents: source, resolveDir: REPO_ROOT, loader: 'ts', sourcefile: 'entry.ts' },
    outfile: outFile,
    bundle: true,
    minify,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    mainFields: ['module', 'main'],
    // Some SDK dependencies still call require(); give the ESM bundle one.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    legalComments: 'none',
    logLevel: 'error',
  };
}

/**
 * Bundles a handler module (given as source resolved from the repo root) to `outFile`.
 * @returns the bundle's size in bytes
 */
export async function bundle(source: string, outFile: string, minify = true): Promise<number> {
  return (await bundleWithMetafile(source, outFile, minify)).size;
}

/** As {@link bundle}, also returning esbuild's metafile (which source files the bundle holds). */
export async function bundleWithMetafile(
  source: string,
  outFile: string,
  minify = true,
): Promise<{ size: number; metafile: Metafile }> {
  mkdirSync(dirname(outFile), { recursive: true });
  const result = await build({ ...bundleOptions(source, outFile, minify), metafile: true });
  return { size: statSync(outFile).size, metafile: result.metafile };
}

/**
 * Source files that contribute code to the bundle (repo-relative; node_modules paths as esbuild
 * names them). Files esbuild parsed but tree-shook away entirely are left out.
 */
export function bundledInputs(metafile: Metafile): string[] {
  const files = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [file, info] of Object.entries(output.inputs)) {
      if (info.bytesInOutput > 0) files.add(file);
    }
  }
  return [...files].sort();
}
