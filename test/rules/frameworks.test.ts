import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleCatalog } from '../../functions/rules/catalog';
import { EQUIVALENTS } from '../../functions/rules/meta/frameworks';
import {
  CONTROL_ID,
  checkRuleMeta,
  FRAMEWORK_IDS,
  type FrameworkMapping,
  frameworkMappingProblems,
} from '../../functions/runtime/meta';
import { equivalentsOf, FRAMEWORKS_DOC, UNMAPPED } from '../../scripts/frameworks-table';

const good: FrameworkMapping = {
  framework: 'nist-800-53-r5',
  control: 'SC-8',
  title: 'Transmission Confidentiality and Integrity',
  source: 'https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-5',
};

describe('Framework mappings (issue 9 §2)', () => {
  it.each(ruleCatalog.map((r) => [r.id, r] as const))('%s: every mapping is well formed', (_id, rule) => {
    expect(frameworkMappingProblems(rule.frameworks ?? [])).toEqual([]);
  });

  it('maps some rules to NIST SP 800-53 Rev. 5 and to PCI DSS v4.0, each with its source', () => {
    const all = ruleCatalog.flatMap((r) => r.frameworks ?? []);
    expect(all.filter((m) => m.framework === 'nist-800-53-r5').length).toBeGreaterThan(10);
    expect(all.filter((m) => m.framework === 'pci-dss-4.0').length).toBeGreaterThan(2);
    for (const m of all) expect(m.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/securityhub\//);
  });

  it('accepts a well-formed mapping and names each fault of a bad one', () => {
    // Assess
    expect(frameworkMappingProblems([good])).toEqual([]);
    expect(frameworkMappingProblems([{ ...good, source: '' }])).toEqual([
      "nist-800-53-r5 SC-8: source '' is not an https URL",
    ]);
    expect(frameworkMappingProblems([{ ...good, source: 'http://example.com/x' }])[0]).toMatch(
      /not an https URL/,
    );
    expect(frameworkMappingProblems([{ ...good, framework: 'cobit' as never }])).toEqual([
      `unknown framework 'cobit' (known: ${FRAMEWORK_IDS.join(', ')})`,
    ]);
    expect(frameworkMappingProblems([{ ...good, control: '4.2.1' }])).toEqual([
      "nist-800-53-r5 4.2.1: '4.2.1' is not a NIST SP 800-53 Rev. 5 control id",
    ]);
    expect(frameworkMappingProblems([{ ...good, title: ' ' }])).toEqual(['nist-800-53-r5 SC-8: no title']);
    expect(frameworkMappingProblems([good, good])).toEqual(['nist-800-53-r5 SC-8: mapped twice']);
  });

  it.each([
    ['nist-800-53-r5', ['AC-6', 'SC-7(4)', 'SI-12'], ['ac-6', 'AC6', 'SC-7(a)', '4.2.1']],
    ['pci-dss-4.0', ['4.2.1', '8.3.2', '10.2.1.2', '12.1'], ['4', '13.1', 'A1.1', '4.2.1.a']],
    ['iso-27001-2022', ['A.8.24', 'A.5.15'], ['8.24', 'A.9.1', 'A.8']],
    ['soc2', ['CC6.1', 'A1.2', 'PI1.3'], ['CC6', 'cc6.1', 'CC10.1', 'A.1.2']],
  ] as const)('%s control ids: the good ones pass, the malformed fail', (framework, ok, bad) => {
    for (const id of ok) expect(CONTROL_ID[framework].test(id), id).toBe(true);
    for (const id of bad) expect(CONTROL_ID[framework].test(id), id).toBe(false);
  });

  it('rejects a rule whose mapping lacks a source when its metadata is declared', () => {
    // Prepare
    const rule = ruleCatalog.find((r) => (r.frameworks ?? []).length > 0);
    if (!rule) throw new Error('no mapped rule');
    // Assess
    expect(() =>
      checkRuleMeta({
        ...rule,
        frameworks: [{ ...(rule.frameworks ?? [])[0], source: '' } as FrameworkMapping],
      }),
    ).toThrow(/framework mappings: .*not an https URL/);
  });

  it('gives every unmapped rule a reason, and no mapped rule one', () => {
    const unmapped = ruleCatalog.filter((r) => (r.frameworks ?? []).length === 0).map((r) => r.id);
    expect(Object.keys(UNMAPPED).sort()).toEqual(unmapped.sort());
  });

  it('cites, for every mapping, a known equivalent control that lists that control', () => {
    for (const rule of ruleCatalog)
      for (const m of rule.frameworks ?? []) {
        const eq = Object.values(EQUIVALENTS).find((e) => e.source === m.source);
        expect(eq, `${rule.id} ${m.control}`).toBeDefined();
        const listed: readonly string[] = m.framework === 'pci-dss-4.0' ? (eq?.pci ?? []) : (eq?.nist ?? []);
        expect(listed, `${rule.id} ${m.control}`).toContain(m.control);
      }
  });

  it("README's rules table has a Frameworks column with each rule's control ids", () => {
    // Prepare
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    // Assess
    expect(readme).toContain('| Severity | Frameworks |');
    for (const rule of ruleCatalog) {
      const row = readme.split('\n').find((l) => l.startsWith(`| \`${rule.id}\` |`)) ?? '';
      const last = row.split(' | ').at(-1) ?? '';
      if ((rule.frameworks ?? []).length === 0) expect(last, rule.id).toBe('– |');
      for (const m of rule.frameworks ?? []) expect(last, rule.id).toContain(m.control);
    }
  });

  it('docs/frameworks.md shows each mapped rule with its managed rule, controls and sources', () => {
    // Prepare
    const doc = readFileSync(FRAMEWORKS_DOC, 'utf8');
    // Assess
    for (const rule of ruleCatalog) {
      const row = doc.split('\n').find((l) => l.startsWith(`| \`${rule.id}\` |`));
      expect(row, rule.id).toBeDefined();
      for (const m of rule.frameworks ?? []) {
        expect(row).toContain(m.control);
        expect(row).toContain(m.source);
      }
      for (const e of equivalentsOf(rule)) expect(row).toContain(`\`${e.managedRule}\``);
    }
  });
});
