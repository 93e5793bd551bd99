import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCliBundle,
  bundleEntry,
  bundleProblem,
  inputsUnchanged,
  manifestFor,
} from '../../scripts/cli-bundle.mjs';

const repoRoot = join(import.meta.dirname, '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'gg-cli-bundle-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the bundle in `dir` in a fresh Node process, as bin/glue-guardrails.mjs does. */
function runBundle(dir: string, argv: string[]) {
  const script = `const { main } = await import(${JSON.stringify(pathToFileURL(bundleEntry(dir)).href)});
process.exitCode = await main(${JSON.stringify(argv)});`;
  return spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: scratch, // not the repo: the bundle must find its files by itself
    encoding: 'utf8',
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
}

describe('CLI bundle', () => {
  // Inside the checkout like dist/cli/, so that its external packages (aws-cdk-lib) resolve.
  const out = join(repoRoot, 'dist', `cli-test-${process.pid}`);
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  let built: { inputs: number; bytes: number };

  beforeAll(async () => {
    built = await buildCliBundle({ outDir: out });
  }, 120_000);

  it('builds a bundle whose --help and --version run without tsx', () => {
    // Act
    const help = runBundle(out, ['--help']);
    const version = runBundle(out, ['--version']);
    // Assess
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^ {2}scan {2,}\S/m);
    expect(version.stdout.trim()).toBe(
      (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version,
    );
    expect(built.inputs).toBeGreaterThan(20);
    expect(bundleProblem(out)).toBeUndefined();
  });

  it('finds files that live next to their sources (remediation documents) from the bundle', () => {
    // Act: the conformance pack inlines the remediation documents, read from remediation/documents/
    const pack = runBundle(out, [
      'conformance-pack',
      '--function-arn-prefix',
      'arn:aws:lambda:us-east-1:123456789012:function:',
      '--remediation-role-arn',
      'arn:aws:iam::123456789012:role/remediation',
      '--topic-arn',
      'arn:aws:sns:us-east-1:123456789012:alerts',
    ]);
    // Assess
    expect(pack.status, pack.stderr).toBe(0);
    expect(pack.stdout).toContain('AWS::Config::RemediationConfiguration');
  });

  it('reports a missing bundle or manifest', () => {
    const empty = join(scratch, 'empty');
    mkdirSync(empty, { recursive: true });
    expect(bundleProblem(empty)).toMatch(/no bundle/);
    writeFileSync(join(empty, 'main.mjs'), 'export {};');
    writeFileSync(join(empty, 'manifest.json'), '{not json');
    expect(bundleProblem(empty)).toMatch(/no readable manifest/);
  });
});

describe('CLI bundle: stale detection', () => {
  const root = join(scratch, 'checkout');

  beforeAll(() => {
    mkdirSync(join(root, 'src'), { recursive: true });
    mkdirSync(join(root, 'node_modules'), { recursive: true });
    writeFileSync(join(root, 'src', 'a.ts'), 'export const a = 1;\n');
    writeFileSync(join(root, 'src', 'b.ts'), 'export const b = 2;\n');
    writeFileSync(join(root, 'node_modules', '.package-lock.json'), '{"packages":{}}');
  });

  const manifest = () => manifestFor(root, ['src/a.ts', 'src/b.ts']);

  it('is fresh while nothing changed, and after a touch that kept the content', () => {
    const recorded = manifest();
    expect(inputsUnchanged(root, recorded)).toBe(true);
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'src', 'a.ts'), later, later);
    expect(inputsUnchanged(root, recorded)).toBe(true);
  });

  it('is stale when an input changes, even keeping its size', () => {
    const recorded = manifest();
    writeFileSync(join(root, 'src', 'b.ts'), 'export const b = 3;\n');
    expect(inputsUnchanged(root, recorded)).toBe(false);
  });

  it('is stale when an input disappears', () => {
    const recorded = manifest();
    rmSync(join(root, 'src', 'a.ts'));
    expect(inputsUnchanged(root, recorded)).toBe(false);
    writeFileSync(join(root, 'src', 'a.ts'), 'export const a = 1;\n');
  });

  it('is stale when the installed packages change', () => {
    const recorded = manifest();
    writeFileSync(join(root, 'node_modules', '.package-lock.json'), '{"packages":{"x":{}}}');
    expect(inputsUnchanged(root, recorded)).toBe(false);
  });

  it('is stale for a manifest of another format version', () => {
    expect(inputsUnchanged(root, { ...manifest(), version: 0 })).toBe(false);
    expect(inputsUnchanged(root, undefined)).toBe(false);
  });
});

describe('bin/glue-guardrails.mjs', () => {
  const bin = join(repoRoot, 'bin', 'glue-guardrails.mjs');
  const run = (env: Record<string, string>, argv: string[]) =>
    spawnSync(process.execPath, [bin, ...argv], { encoding: 'utf8', env: { ...process.env, ...env } });

  it('runs from source with GLUE_GUARDRAILS_CLI=source', () => {
    const result = run({ GLUE_GUARDRAILS_CLI: 'source' }, ['--help']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Usage: glue-guardrails <command>');
  });

  it('rejects an unknown GLUE_GUARDRAILS_CLI', () => {
    const result = run({ GLUE_GUARDRAILS_CLI: 'fast' }, ['--help']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('GLUE_GUARDRAILS_CLI must be source or bundle');
  });
});
