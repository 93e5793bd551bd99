import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IAM_POLICY_RESOURCE_TYPE } from '../../functions/lookups/iam';
import { getRuleMeta, ruleCatalog } from '../../functions/rules/catalog';
import { rules } from '../../functions/rules/index';
import { IAM_POLICY_RESOURCE_TYPE as SHARED_IAM_POLICY_TYPE } from '../../functions/rules/meta/shared';
import { RULE_META_KEYS } from '../../functions/runtime/meta';

const ROOT = join(import.meta.dirname, '..', '..');
const META_DIR = join(ROOT, 'functions', 'rules', 'meta');
/** What a metadata module may import: the metadata helpers, parameter specs and shared values. */
const META_IMPORTS = new Set(['../../runtime/meta', '../../runtime/parameters', './shared', './frameworks']);
/** Modules of the metadata directory shared by the rules' metadata (not rules themselves). */
const SHARED_META = ['shared.ts', 'frameworks.ts'];

function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^import[\s\S]*?from '([^']+)';/gm)].map(
    (m) => m[1] as string,
  );
}

describe('Rule catalog (metadata without evaluation)', () => {
  it('lists the same rules as the registry, in the same order', () => {
    expect(ruleCatalog.map((m) => m.id)).toEqual(rules.map((r) => r.id));
  });

  it.each(rules.map((r) => [r.id, r] as const))(
    '%s: the rule exports exactly its metadata module (spread, not overridden)',
    (id, rule) => {
      // Prepare
      const meta = getRuleMeta(id);
      // Assess: every metadata field is the metadata module's own value...
      for (const key of RULE_META_KEYS)
        expect(rule[key as keyof typeof rule], key).toBe(meta[key as keyof typeof meta]);
      // ...and the metadata carries nothing else (no lookups, no evaluation).
      expect(Object.keys(meta).filter((k) => !(RULE_META_KEYS as readonly string[]).includes(k))).toEqual([]);
      const picked = Object.fromEntries(
        RULE_META_KEYS.filter((k) => k in rule).map((k) => [k, rule[k as keyof typeof rule]]),
      );
      expect(picked).toEqual({ ...meta });
    },
  );

  it('has one metadata module per rule, importing no SDK, lookup or evaluation code', () => {
    // Prepare
    const files = readdirSync(META_DIR).filter((f) => f.endsWith('.ts') && !SHARED_META.includes(f));
    // Assess
    expect(files.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual(ruleCatalog.map((m) => m.id).sort());
    for (const file of [...files, ...SHARED_META]) {
      const bad = importsOf(join(META_DIR, file)).filter((i) => !META_IMPORTS.has(i));
      expect(bad, file).toEqual([]);
    }
  });

  it('names an unknown rule and lists the known ones', () => {
    expect(() => getRuleMeta('glue-nothing-here')).toThrow(
      /Unknown rule 'glue-nothing-here'.*glue-job-tagged/,
    );
  });

  it('uses the resource type the IAM lookups report', () => {
    expect(SHARED_IAM_POLICY_TYPE).toBe(IAM_POLICY_RESOURCE_TYPE);
  });
});
