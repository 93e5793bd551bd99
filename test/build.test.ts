import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bundle, ruleEntrySource } from '../infra/bundle';

const out = mkdtempSync(join(tmpdir(), 'gg-build-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('Build: one bundle per rule', () => {
  it('bundles a rule into an ESM module exporting a handler, with only the clients it uses', async () => {
    // Prepare
    const file = join(out, 'glue-catalog-metadata-encrypted', 'index.mjs');
    // Act
    const size = await bundle(ruleEntrySource('glue-catalog-metadata-encrypted'), file);
    const mod = (await import(pathToFileURL(file).href)) as { handler?: unknown };
    // Assess
    expect(typeof mod.handler).toBe('function');
    const code = readFileSync(file, 'utf8');
    expect(code).toContain('GetDataCatalogEncryptionSettings');
    expect(code).toContain('PutEvaluations');
    // Clients of other rules stay out of this bundle.
    expect(code).not.toContain('DescribeVpcEndpoints');
    expect(code).not.toContain('GetAccountAuthorizationDetails');
    expect(size).toBeLessThan(1024 * 1024);
  }, 60_000);
});
