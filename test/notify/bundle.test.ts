import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledInputs, bundleWithMetafile, NOTIFIER_ENTRY } from '../../infra/bundle';

const out = mkdtempSync(join(tmpdir(), 'gg-notify-bundle-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** The SDK clients (`@aws-sdk/client-*` packages) among a bundle's inputs. */
function sdkClients(inputs: readonly string[]): string[] {
  const clients = inputs.flatMap((f) => /node_modules\/@aws-sdk\/(client-[a-z0-9-]+)\//.exec(f)?.[1] ?? []);
  return [...new Set(clients)].sort();
}

describe('Notifier bundle', () => {
  it('holds rule metadata only: no rule evaluation code, no lookups, no SDK client but SNS and SSM', async () => {
    // Prepare
    const file = join(out, 'notify', 'index.mjs');
    // Act
    const { metafile } = await bundleWithMetafile(NOTIFIER_ENTRY, file);
    const inputs = bundledInputs(metafile);
    const own = inputs.filter((f) => !f.includes('node_modules/'));
    // Assess: the catalog and the metadata modules are in, evaluation is out
    expect(own).toContain('functions/rules/catalog.ts');
    expect(own).toContain('functions/rules/meta/glue-job-tagged.ts');
    const evaluation = own.filter(
      (f) =>
        f.startsWith('functions/lookups/') ||
        (f.startsWith('functions/rules/') &&
          f !== 'functions/rules/catalog.ts' &&
          !f.startsWith('functions/rules/meta/')),
    );
    expect(evaluation).toEqual([]);
    for (const runtime of ['engine', 'handler', 'evaluations', 'rule', 'lookup', 'config-service']) {
      expect(own).not.toContain(`functions/runtime/${runtime}.ts`);
    }
    expect(sdkClients(inputs)).toEqual(['client-sns', 'client-ssm']);
    // The bundle still loads and exports the Lambda handler
    const mod = (await import(pathToFileURL(file).href)) as { handler?: unknown };
    expect(typeof mod.handler).toBe('function');
  }, 120_000);

  it('the check sees evaluation code and other clients where a bundle has them (a rule bundle)', async () => {
    // Prepare: a rule's entry pulls its evaluation, its lookups and the Glue client
    const source = "export { rule } from './functions/rules/glue-job-tagged';";
    // Act
    const { metafile } = await bundleWithMetafile(source, join(out, 'rule', 'index.mjs'));
    const inputs = bundledInputs(metafile);
    // Assess
    expect(inputs).toContain('functions/rules/glue-job-tagged.ts');
    expect(inputs).toContain('functions/lookups/glue.ts');
    expect(sdkClients(inputs)).toContain('client-glue');
  }, 120_000);
});
