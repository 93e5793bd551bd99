// Bundles one Lambda per registered rule (and the notifier) to dist/functions/<name>/index.mjs:
// ESM, minified, node22, with only the SDK clients that rule's code imports.
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { rules } from '../functions/rules/index';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The source of a rule's Lambda entry: the registry's rule wrapped by the shared runtime. */
export function ruleEntrySource(ruleId: string): string {
  return [
    `import { rule } from './functions/rules/${ruleId}';`,
    `import { toHandler } from './functions/runtime/handler';`,
    'export const handler = toHandler(rule);',
  ].join('\n');
}

/**
 * Bundles a handler module (given as source resolved from the repo root) to `outFile`.
 * @returns the bundle's size in bytes
 */
export async function bundle(source: string, outFile: string, minify = true): Promise<number> {
  mkdirSync(dirname(outFile), { recursive: true });
  await build({
    stdin: { contents: source, resolveDir: root, loader: 'ts', sourcefile: 'entry.ts' },
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
  });
  return statSync(outFile).size;
}

/** Bundles every rule; returns name -> size in bytes. */
export async function buildAll(outDir = join(root, 'dist', 'functions')): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  for (const rule of rules) {
    sizes.set(rule.id, await bundle(ruleEntrySource(rule.id), join(outDir, rule.id, 'index.mjs')));
  }
  return sizes;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const sizes = await buildAll();
  for (const [name, size] of sizes) {
    console.log(
      `${relative(root, join('dist', 'functions', name, 'index.mjs'))}  ${(size / 1024).toFixed(1)} KiB`,
    );
  }
}
