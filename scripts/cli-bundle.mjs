#!/usr/bin/env node
// The CLI's esbuild bundle (dist/cli/), so that `npx glue-guardrails` loads one ESM file and its
// lazily loaded command chunks instead of transpiling TypeScript through tsx at every start.
//
// `node scripts/cli-bundle.mjs` (npm run build:cli; also `prepare`, so `npm ci` leaves a built CLI)
// builds it and records a manifest of every input esbuild read: each project file's size, mtime and
// SHA-256, and the installed packages' stamp (node_modules/.package-lock.json). bin/glue-guardrails.mjs
// runs the bundle only while isBundleFresh() holds: a stat per project input, and a hash only for a
// file whose stat changed (a checkout that rewrote identical content keeps the bundle).
//
// Plain JavaScript on purpose: bin/ imports it before anything is transpiled.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_BUNDLE_DIR = join(ROOT, 'dist', 'cli');
const MANIFEST = 'manifest.json';
const ENTRY = 'main.mjs';
const MANIFEST_VERSION = 1;
/** Where npm records what it installed; rewritten by every npm install/ci. */
const PACKAGES_STAMP = join('node_modules', '.package-lock.json');
/** Dev-time packages the CLI reaches only through commands that need them; loaded from node_modules. */
const EXTERNAL = ['aws-cdk-lib', 'aws-cdk-lib/*', 'constructs', 'cdk-nag', 'esbuild', 'tsx', 'tsx/*'];

const sha256 = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');
const toPosix = (path) => path.split(sep).join('/');

/** The record of one input file (repo-relative path) the freshness check compares against. */
export function describeInput(root, file) {
  const stat = statSync(join(root, file));
  return { size: stat.size, mtimeMs: stat.mtimeMs, sha256: sha256(join(root, file)) };
}

/** The manifest for these repo-relative inputs. */
export function manifestFor(root, inputs) {
  const files = {};
  for (const file of [...inputs].sort()) files[file] = describeInput(root, file);
  const stamp = join(root, PACKAGES_STAMP);
  return {
    version: MANIFEST_VERSION,
    packages: existsSync(stamp) ? sha256(stamp) : null,
    files,
  };
}

/**
 * Whether every input recorded in `manifest` is unchanged under `root`: same size and mtime, or
 * (when the stat differs) the same content hash. A missing input makes it stale.
 */
export function inputsUnchanged(root, manifest) {
  if (!manifest || manifest.version !== MANIFEST_VERSION || typeof manifest.files !== 'object') return false;
  const stamp = join(root, PACKAGES_STAMP);
  if ((existsSync(stamp) ? sha256(stamp) : null) !== manifest.packages) return false;
  for (const [file, recorded] of Object.entries(manifest.files)) {
    let stat;
    try {
      stat = statSync(join(root, file));
    } catch {
      return false;
    }
    if (stat.size !== recorded.size) return false;
    if (stat.mtimeMs !== recorded.mtimeMs && sha256(join(root, file)) !== recorded.sha256) return false;
  }
  return true;
}

/** Why the bundle in `dir` cannot be used, or undefined when it is built and up to date. */
export function bundleProblem(dir = CLI_BUNDLE_DIR, root = ROOT) {
  if (!existsSync(join(dir, ENTRY))) return `no bundle at ${relative(root, dir) || dir}`;
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8'));
  } catch {
    return 'the bundle has no readable manifest';
  }
  return inputsUnchanged(root, manifest) ? undefined : 'sources changed since the bundle was built';
}

/** The bundle's entry module (exports main(argv)). */
export function bundleEntry(dir = CLI_BUNDLE_DIR) {
  return join(dir, ENTRY);
}

/**
 * esbuild plugin: each project module keeps its own location. A bundle has one import.meta.url, but
 * the emulator launcher and the document loader find their files (server.py, documents/*.yaml)
 * next to their source; rewrite their import.meta.url to their source file, relative to the bundle.
 */
function sourceLocationPlugin(outDir) {
  return {
    name: 'source-location',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
        const contents = readFileSync(args.path, 'utf8');
        if (!contents.includes('import.meta.url')) return { contents, loader: 'ts' };
        const fromBundle = toPosix(relative(outDir, args.path));
        const url = `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`;
        return { contents: contents.replaceAll('import.meta.url', url), loader: 'ts' };
      });
    },
  };
}

/**
 * Builds the CLI bundle into `outDir` (a sibling directory is built first and swapped in, so a
 * concurrent `glue-guardrails` sees the old bundle, the new one or none, never half of one).
 * @returns {Promise<{ outDir: string, inputs: number, bytes: number }>}
 */
export async function buildCliBundle({ outDir = CLI_BUNDLE_DIR, root = ROOT } = {}) {
  const { build } = await import('esbuild');
  const staging = `${outDir}.building-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    const result = await build({
      absWorkingDir: root,
      entryPoints: { main: join(root, 'cli', 'main.ts') },
      outdir: staging,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      mainFields: ['module', 'main'],
      external: EXTERNAL,
      minify: true,
      sourcemap: false,
      metafile: true,
      legalComments: 'none',
      logLevel: 'error',
      // Some SDK dependencies still call require(); give the ESM bundle one.
      banner: {
        js: "import { createRequire as __ggCreateRequire } from 'node:module'; const require = __ggCreateRequire(import.meta.url);",
      },
      // Paths are computed from the final directory: staging sits at the same depth.
      plugins: [sourceLocationPlugin(outDir)],
    });
    const inputs = Object.keys(result.metafile.inputs)
      .map((input) => toPosix(relative(root, resolve(root, input))))
      .filter((input) => !input.startsWith('node_modules/') && !input.includes('/node_modules/'));
    writeFileSync(join(staging, MANIFEST), `${JSON.stringify(manifestFor(root, inputs), null, 1)}\n`);
    const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
    rmSync(outDir, { recursive: true, force: true });
    renameSync(staging, outDir);
    return { outDir, inputs: inputs.length, bytes };
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { outDir, inputs, bytes } = await buildCliBundle();
    console.error(
      `[build:cli] ${relative(ROOT, outDir)}: ${(bytes / 1024).toFixed(0)} KiB from ${inputs} project files`,
    );
  } catch (error) {
    const missingEsbuild =
      error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('esbuild');
    if (!missingEsbuild) throw error;
    // Installed without devDependencies: the CLI still runs, through tsx.
    console.error('[build:cli] esbuild is not installed: the CLI will run from source (tsx)');
  }
}
