import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Nothing outside test/ may import from test/: the CLI, the demo, the stack, the benchmarks and the
 * emulator are product code, and a test helper they lean on would ship with them (or break them
 * when a test changes).
 */
const repoRoot = resolve(import.meta.dirname, '..');
const PRODUCT_ROOMS = ['bin', 'cli', 'functions', 'infra', 'remediation', 'scripts', 'bench', 'emulator'];
const SOURCE = /\.(?:ts|mts|cts|js|mjs|cjs)$/;

/**
 * Every module specifier in a source text: `import … from 'x'`, `export … from 'x'`, bare
 * `import 'x'`, dynamic `import('x')` and `require('x')`.
 */
function moduleSpecifiers(source: string): string[] {
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*(['"])([^'"]+)\1/g,
    /\bimport\s*(['"])([^'"]+)\1/g,
    /\bimport\s*\(\s*(['"`])([^'"`]+)\1\s*[,)]/g,
    /\brequire\s*\(\s*(['"`])([^'"`]+)\1\s*\)/g,
  ];
  const found = new Set<string>();
  for (const pattern of patterns) for (const m of source.matchAll(pattern)) found.add(m[2]!);
  return [...found];
}

/** The specifiers of `file` (repo-relative) that resolve into test/. */
function testImports(file: string, source: string): string[] {
  const testRoot = join(repoRoot, 'test') + sep;
  return moduleSpecifiers(source).filter((spec) => {
    if (!spec.startsWith('.')) return /^(?:\/|file:)/.test(spec) && spec.includes(`${sep}test${sep}`);
    return (resolve(repoRoot, dirname(file), spec) + sep).startsWith(testRoot);
  });
}

function sourceFiles(dir: string): string[] {
  const abs = join(repoRoot, dir);
  let entries: string[];
  try {
    entries = readdirSync(abs);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    if (name === 'node_modules' || name.startsWith('.')) return [];
    const path = join(dir, name);
    if (statSync(join(repoRoot, path)).isDirectory()) return sourceFiles(path);
    return SOURCE.test(name) ? [path] : [];
  });
}

describe('room boundaries', () => {
  it('detects static, re-export, bare and dynamic imports of test/', () => {
    const sample = [
      "import { a } from '../test/support/aws';",
      "import type { B } from '../test/emulator/context';",
      "export { c } from '../test/support/sweep';",
      "import '../test/setup';",
      "const d = await import('../test/support/aws');",
      'const e = await import(`../test/x`);',
      "const f = require('../test/y');",
      "import { ok } from '../functions/runtime/aws';",
      "import { also } from './test/not-the-test-room';",
    ].join('\n');
    expect(testImports('cli/x.ts', sample).sort()).toEqual(
      [
        '../test/emulator/context',
        '../test/setup',
        '../test/support/aws',
        '../test/support/sweep',
        '../test/x',
        '../test/y',
      ].sort(),
    );
    // A file nested deeper resolves its specifiers from its own directory.
    expect(testImports('cli/commands/x.ts', "import { a } from '../../test/support/aws';")).toHaveLength(1);
    expect(testImports('cli/commands/x.ts', "import { a } from '../test/support/aws';")).toHaveLength(0);
  });

  it('finds source files in every product room', () => {
    for (const room of PRODUCT_ROOMS) expect(sourceFiles(room), room).not.toHaveLength(0);
  });

  it('nothing outside test/ imports from test/', () => {
    const offenders = PRODUCT_ROOMS.flatMap(sourceFiles).flatMap((file) =>
      testImports(file, readFileSync(join(repoRoot, file), 'utf8')).map((spec) => `${file}: ${spec}`),
    );
    expect(offenders).toEqual([]);
  });
});
