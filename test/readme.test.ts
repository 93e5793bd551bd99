import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ruleCatalog } from '../functions/rules/catalog';
import { GENERATED_READMES, regenerateReadmes } from '../scripts/readme';

const root = join(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const scratch = mkdtempSync(join(tmpdir(), 'gg-readme-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('README', () => {
  it.each(GENERATED_READMES.map((r) => [r.file.slice(root.length + 1), r] as const))(
    '%s has its generated sections up to date (run `npm run readme` to update them)',
    (_name, target) => {
      // Prepare
      const current = readFileSync(target.file, 'utf8');
      // Assess
      expect(current).toBe(target.render(current));
    },
  );

  it('`npm run readme` regenerates both READMEs and docs/frameworks.md', () => {
    // Prepare
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    // Assess
    expect(pkg.scripts.readme).toBe('tsx scripts/readme.ts');
    expect(GENERATED_READMES.map((r) => r.file.slice(root.length + 1)).sort()).toEqual([
      'README.md',
      join('docs', 'frameworks.md'),
      join('remediation', 'README.md'),
    ]);
  });

  it('rewrites a stale generated section and leaves a current README untouched', () => {
    // Prepare: a copy of each README with a stray line in its first generated section, and a current copy
    const stale = GENERATED_READMES.map((r, i) => {
      const file = join(scratch, `${i}-${basename(r.file)}`);
      const text = readFileSync(r.file, 'utf8');
      // A line slipped in right after the first generated-section marker
      const damaged = text.replace(/(<!-- [\w-]+:start \(generated[^\n]*-->\n)/, '$1stale line\n');
      expect(damaged).not.toBe(text);
      writeFileSync(file, damaged);
      return { file, render: r.render, original: text };
    });
    const current = join(scratch, 'current-README.md');
    copyFileSync(join(root, 'README.md'), current);
    const first = GENERATED_READMES[0];
    if (!first) throw new Error('no generated README');
    // Act
    const changed = regenerateReadmes([...stale, { file: current, render: first.render }]);
    // Assess
    expect(changed).toHaveLength(stale.length);
    for (const s of stale) expect(readFileSync(s.file, 'utf8')).toBe(s.original);
    expect(readFileSync(current, 'utf8')).toBe(readme);
  });

  it('lists every rule of the catalog', () => {
    for (const rule of ruleCatalog) expect(readme).toContain(`| \`${rule.id}\` |`);
  });

  it('shows the two commands the project promises', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
  });
});
