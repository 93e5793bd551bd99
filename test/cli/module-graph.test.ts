import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * The static module graph of an entry (every import esbuild follows, dynamic `import('...')`
 * literals included): the repository files it loads, and the packages it imports.
 */
async function moduleGraph(entry: string): Promise<{ files: string[]; packages: string[] }> {
  const result = await build({
    entryPoints: [join(ROOT, entry)],
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    metafile: true,
    logLevel: 'error',
  });
  const packages = new Set<string>();
  for (const input of Object.values(result.metafile.inputs)) {
    for (const imp of input.imports) if (imp.external) packages.add(imp.path);
  }
  return { files: Object.keys(result.metafile.inputs).sort(), packages: [...packages].sort() };
}

const isCdk = (p: string): boolean =>
  p === 'aws-cdk-lib' || p.startsWith('aws-cdk-lib/') || p === 'constructs';

describe('CLI module graph', () => {
  it('conformance-pack loads neither aws-cdk-lib (a devDependency) nor the rules’ evaluation', async () => {
    // Act
    const graph = await moduleGraph('cli/commands/conformance-pack.ts');
    // Assess
    expect(graph.packages.filter(isCdk)).toEqual([]);
    expect(graph.files).toContain('infra/rule-wiring.ts');
    expect(graph.files).toContain('functions/rules/catalog.ts');
    expect(graph.files).not.toContain('functions/rules/index.ts');
    expect(graph.files.filter((f) => f.startsWith('functions/lookups/'))).toEqual([]);
    expect(graph.packages.filter((p) => p.startsWith('@aws-sdk/client-'))).toEqual([]);
  });

  it.each(['cli/commands/rules.ts', 'cli/commands/explain.ts'])(
    '%s loads the catalog only: no SDK client, no evaluation code, no runner',
    async (entry) => {
      // Act
      const graph = await moduleGraph(entry);
      // Assess
      expect(graph.files).toContain('functions/rules/catalog.ts');
      expect(graph.files).not.toContain('functions/rules/index.ts');
      expect(graph.files.filter((f) => /^functions\/(lookups|runtime\/(rule|aws))/.test(f))).toEqual([]);
      expect(graph.files.filter((f) => f.startsWith('remediation/runner/'))).toEqual([]);
      expect(graph.packages.filter((p) => p.startsWith('@aws-sdk/'))).toEqual([]);
    },
  );

  it('the same check finds aws-cdk-lib where it is loaded (the CDK rule construct)', async () => {
    // Act
    const graph = await moduleGraph('infra/rule-construct.ts');
    // Assess
    expect(graph.packages.filter(isCdk)).not.toEqual([]);
  });
});
