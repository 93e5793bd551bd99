// Bundles one Lambda per registered rule (and the notifier) to dist/functions/<name>/index.mjs:
// ESM, minified, node22, with only the SDK clients that function's code imports.
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ruleCatalog } from '../functions/rules/catalog';
import { bundle, functionEntries, REPO_ROOT } from '../infra/bundle';

/** Bundles every rule and the notifier; returns name -> size in bytes. */
export async function buildAll(outDir = join(REPO_ROOT, 'dist', 'functions')): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  for (const [name, source] of functionEntries(ruleCatalog.map((r) => r.id))) {
    sizes.set(name, await bundle(source, join(outDir, name, 'index.mjs')));
  }
  return sizes;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const sizes = await buildAll();
  for (const [name, size] of sizes) {
    console.log(
      `${relative(REPO_ROOT, join(REPO_ROOT, 'dist', 'functions', name, 'index.mjs'))}  ${(size / 1024).toFixed(1)} KiB`,
    );
  }
}
