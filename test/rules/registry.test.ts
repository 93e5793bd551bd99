import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../functions/rules/index';
import type { LookupSet } from '../../functions/runtime/lookup';
import type { ParamSpecs } from '../../functions/runtime/parameters';
import { ACCOUNT_RESOURCE_TYPE } from '../../functions/runtime/types';
import { loadDocument } from '../../remediation/catalog/index';

const ROOT = join(import.meta.dirname, '..', '..');
const RULES_DIR = join(ROOT, 'functions', 'rules');
const DOCS_DIR = join(ROOT, 'remediation', 'documents');
const ruleFiles = readdirSync(RULES_DIR)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'catalog.ts')
  .map((f) => f.replace(/\.ts$/, ''));
/** Resource types AWS Config records and accepts in PutEvaluations for the rules we write. */
const RECORDED = [
  'AWS::Glue::Job',
  'AWS::Glue::MLTransform',
  'AWS::Glue::Classifier',
  'AWS::Glue::Database',
  'AWS::IAM::Policy',
];

/** The numbers of the rule's documented Scenarios (` *  3. ...` lines of its Scenarios block). */
function scenarioNumbers(id: string): number[] {
  const source = readFileSync(join(RULES_DIR, `${id}.ts`), 'utf8');
  const block = source.split('Scenarios:')[1]?.split('*/')[0] ?? '';
  return block.split('\n').flatMap((l) => {
    const m = /^\s*\*\s+(\d+)\.\s/.exec(l);
    return m ? [Number(m[1])] : [];
  });
}

/** The numbers that test titles start with (`it('3. ...'`, `it.each(...)('3. ...'`). */
function numberedTests(source: string): Set<number> {
  const titles = source.matchAll(/\bit(?:\.each\([^)]*\))?\(\s*['"`](\d+)\.\s/g);
  return new Set([...titles].map((m) => Number(m[1])));
}

describe('Rule registry', () => {
  it('registers every rule file exactly once, under an id equal to its file name', () => {
    // Act
    const ids = rules.map((r) => r.id);
    // Assess
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...ruleFiles].sort());
  });

  it.each(rules.map((r) => [r.id, r] as const))('%s: iam equals the actions of its lookups', (_id, rule) => {
    // Prepare
    const needed = new Set(Object.values(rule.lookups as LookupSet).flatMap((l) => [...l.actions]));
    // Assess: covered (nothing missing) and least privilege (nothing extra)
    expect([...new Set(rule.iam)].sort()).toEqual([...needed].sort());
    expect(rule.iam.every((a) => /^[a-z0-9-]+:[A-Za-z0-9]+$/.test(a))).toBe(true);
  });

  it.each(rules.map((r) => [r.id, r] as const))(
    '%s: parameters are described and defaulted or required',
    (_id, rule) => {
      for (const [name, spec] of Object.entries(rule.parameters as ParamSpecs)) {
        expect(spec.description, name).not.toBe('');
        expect(
          spec.required || spec.defaultText !== undefined,
          `${name} has neither a default nor required`,
        ).toBe(true);
        // Assess that the default parses
        if (!spec.required) expect(() => spec.parse(name, undefined)).not.toThrow();
      }
    },
  );

  it.each(rules.map((r) => [r.id, r] as const))('%s: reports types AWS Config accepts', (_id, rule) => {
    if (rule.scope === 'account') {
      expect(rule.periodic).toBeDefined();
      return;
    }
    expect(RECORDED).toContain(rule.resourceType);
    for (const t of rule.resourceTypes) expect(RECORDED).toContain(t);
  });

  it.each(rules.map((r) => [r.id, r] as const))('%s: every Scenario has its test', (id) => {
    // Prepare
    const scenarios = scenarioNumbers(id);
    const testFile = join(ROOT, 'test', 'rules', `${id}.test.ts`);
    // Assess: numbered 1..n, and scenario n is tested by a test titled `n. ...`
    expect(scenarios.length, 'the rule has a numbered Scenarios block').toBeGreaterThan(0);
    expect(scenarios).toEqual(scenarios.map((_, i) => i + 1));
    expect(existsSync(testFile), `${testFile} exists`).toBe(true);
    const source = readFileSync(testFile, 'utf8');
    expect(source).toContain(`describe('Rule: ${id}'`);
    const tested = numberedTests(source);
    expect(
      scenarios.filter((n) => !tested.has(n)),
      'scenarios without a test titled with their number',
    ).toEqual([]);
  });

  it('links only documents that exist, with the parameter that takes RESOURCE_ID', () => {
    for (const rule of rules.filter((r) => r.remediation)) {
      const { document, resourceIdParameter } = rule.remediation!;
      expect(existsSync(join(DOCS_DIR, `${document}.yaml`)), `${rule.id} -> ${document}.yaml`).toBe(true);
      expect(Object.keys(loadDocument(document).parameters ?? {}), `${document} parameters`).toContain(
        resourceIdParameter,
      );
    }
  });

  it('uses every remediation document', () => {
    // Prepare
    const documents = existsSync(DOCS_DIR)
      ? readdirSync(DOCS_DIR)
          .filter((f) => f.endsWith('.yaml'))
          .map((f) => f.replace(/\.yaml$/, ''))
      : [];
    const linked = new Set(rules.flatMap((r) => (r.remediation ? [r.remediation.document] : [])));
    // Assess
    expect(documents.filter((d) => !linked.has(d))).toEqual([]);
  });

  it('keeps AWS::::Account for account rules only', () => {
    expect(rules.filter((r) => r.scope === 'resource' && r.resourceType === ACCOUNT_RESOURCE_TYPE)).toEqual(
      [],
    );
  });
});
