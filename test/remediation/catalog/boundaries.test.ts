import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const IMPORT = /^(?:import|export)\s[^'"]*?\bfrom\s+'([^']+)'/gm;

/** `[file, module]` for every import/export-from in the .ts files under `dir` (relative to the repo). */
function importsUnder(dir: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const entry of readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const file = join(entry.parentPath, entry.name);
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) out.push([relative(ROOT, file), m[1]!]);
  }
  return out;
}

describe('Catalog: module boundaries', () => {
  it('depends on nothing of the project but itself (only node: and yaml)', () => {
    // Act
    const imports = importsUnder('remediation/catalog');
    // Assess
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter(([, m]) => !(m.startsWith('./') || m.startsWith('node:') || m === 'yaml'))).toEqual(
      [],
    );
  });

  it('is how infra loads documents: infra imports nothing from the runner', () => {
    // Act
    const imports = importsUnder('infra');
    // Assess
    expect(imports.some(([, m]) => m.includes('remediation/catalog'))).toBe(true);
    expect(imports.filter(([, m]) => m.includes('remediation/runner'))).toEqual([]);
  });
});
