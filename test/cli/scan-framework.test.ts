import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { controlIdsOf, controlRows, withFrameworkControls } from '../../cli/frameworks';
import { main } from '../../cli/main';
import { controlSection } from '../../cli/output/framework-table';
import { writeOutputDir } from '../../cli/output/options';
import type { ScanEvaluation, ScanReport } from '../../cli/scan-types';
import { seedSampleEstate } from '../../emulator/sample-estate';
import { ruleCatalog } from '../../functions/rules/catalog';
import { FRAMEWORK_IDS } from '../../functions/runtime/meta';
import { useEmulator } from '../emulator/context';
import { emulatorAws } from '../support/aws';
import { captureConsole } from '../support/console';

const emulator = useEmulator();
const io = captureConsole({ testCredentials: true });

const target = (): string[] => ['--endpoint', emulator.endpoint, '--region', 'us-east-1'];
const pciRules = ruleCatalog
  .filter((r) => (r.frameworks ?? []).some((m) => m.framework === 'pci-dss-4.0'))
  .map((r) => r.id);

describe('CLI: scan --framework', () => {
  it('selects the rules mapped to PCI DSS v4.0 and adds each evaluation its control ids (JSON)', async () => {
    // Prepare
    await seedSampleEstate(emulatorAws(emulator), emulator.accountId);
    // Act
    const code = await main(['scan', ...target(), '--framework', 'pci-dss-4.0', '--format', 'json']);
    // Assess: the sample estate has a connection without SSL (4.2.1)
    expect(code).toBe(1);
    const evaluations = JSON.parse(io.stdout.join('\n')) as ScanEvaluation[];
    expect(pciRules.length).toBeGreaterThan(1);
    expect(new Set(evaluations.map((e) => e.rule))).toEqual(new Set(pciRules));
    for (const e of evaluations) expect(e.frameworks, e.rule).toEqual(controlIdsOf(e.rule, 'pci-dss-4.0'));
    expect(evaluations).toContainEqual(
      expect.objectContaining({
        rule: 'glue-connection-ssl-enforced',
        compliance: 'NON_COMPLIANT',
        offenders: ['cards-warehouse (JDBC_ENFORCE_SSL not true)'],
        frameworks: ['4.2.1'],
      }),
    );
  });

  it('groups the table by control: id, title, rules and status', async () => {
    // Prepare
    await seedSampleEstate(emulatorAws(emulator), emulator.accountId);
    // Act
    const code = await main(['scan', ...target(), '--framework', 'pci-dss-4.0']);
    // Assess
    expect(code).toBe(1);
    const table = io.stdout.join('\n');
    expect(table).toMatch(/^glue-guardrails \d+\.\d+\.\d+ scan /);
    expect(table).toMatch(/Controls of PCI DSS v4\.0 \(3 supported by the scanned rules, \d compliant\):/);
    expect(table).toMatch(/CONTROL\s+TITLE\s+RULES\s+STATUS/);
    const section = table.slice(table.indexOf('CONTROL'), table.indexOf('SEVERITY'));
    expect(section.indexOf('4.2.1')).toBeLessThan(section.indexOf('7.2.1'));
    expect(section.indexOf('7.2.1')).toBeLessThan(section.indexOf('8.3.2'));
    // Each cell wraps in its own column: the first line of 4.2.1's row holds all four.
    expect(section).toMatch(
      /\n4\.2\.1\s+Strong cryptography\s+glue-connection-ssl-enforced\s+NON_COMPLIANT \(1\n/,
    );
    expect(section).toMatch(/\n\s+protects PAN during\s+glue-s3-targets-ssl-only\s+non-compliant, 1\n/);
    // The evaluations follow, as without --framework, and nothing exceeds the width.
    expect(table).toMatch(/SEVERITY\s+COMPLIANCE\s+RULE/);
    for (const line of table.split('\n').slice(1)) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('leaves evaluations without a frameworks field when no framework is asked for', async () => {
    // Act
    await main(['scan', ...target(), '--rules', 'glue-connection-ssl-enforced', '--format', 'json']);
    // Assess
    const evaluations = JSON.parse(io.stdout.join('\n')) as ScanEvaluation[];
    expect(evaluations.length).toBeGreaterThan(0);
    for (const e of evaluations) expect(e).not.toHaveProperty('frameworks');
  });

  it.each([
    [['--framework', 'pci'], `--framework: unknown framework 'pci'; use one of ${FRAMEWORK_IDS.join(', ')}`],
    [
      ['--framework', 'pci-dss-4.0', '--rules', 'glue-job-tagged'],
      'no selected rule is mapped to PCI DSS v4.0',
    ],
    [['--framework', 'soc2'], 'no selected rule is mapped to SOC 2'],
  ])('exits 2 before any AWS call for %j', async (args, message) => {
    // Act: an unreachable endpoint shows nothing was called
    const code = await main(['scan', '--endpoint', 'http://127.0.0.1:9', '--region', 'us-east-1', ...args]);
    // Assess
    expect(code).toBe(2);
    expect(io.stderr.join('\n')).toContain(message);
    expect(io.stdout).toEqual([]);
  });
});

describe('controlRows and the control section', () => {
  const evaluation = (rule: string, compliance: ScanEvaluation['compliance']): ScanEvaluation => ({
    account: '123456789012',
    region: 'us-east-1',
    rule,
    severity: 'HIGH',
    control: 'x',
    resourceType: 'AWS::::Account',
    resourceId: '123456789012',
    compliance,
    annotation: '',
    evaluatedAt: '2026-01-01T00:00:00Z',
  });
  const report = (rules: string[], evaluations: ScanEvaluation[]): ScanReport => ({
    metadata: {
      tool: { name: 'glue-guardrails', version: '0' },
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '',
      caller: { account: '123456789012', arn: '' },
      source: 'scan',
      accounts: ['123456789012'],
      regions: ['us-east-1'],
      rules,
      parameters: {},
    },
    evaluations,
  });

  it('never shows a control as compliant when one of its rules could not be evaluated', () => {
    // Prepare: two rules supporting 8.3.2, one compliant, one in error
    const rows = controlRows(
      report(
        ['glue-job-no-plaintext-secrets', 'glue-connection-credentials-in-secrets-manager'],
        [
          evaluation('glue-job-no-plaintext-secrets', 'COMPLIANT'),
          evaluation('glue-connection-credentials-in-secrets-manager', 'ERROR'),
        ],
      ),
      'pci-dss-4.0',
    );
    // Assess
    expect(rows).toEqual([
      expect.objectContaining({
        control: '8.3.2',
        rules: ['glue-job-no-plaintext-secrets', 'glue-connection-credentials-in-secrets-manager'],
        status: 'ERROR',
        counts: { COMPLIANT: 1, ERROR: 1 },
        evaluations: 2,
      }),
    ]);
  });

  it('prints one row per control, its rules one per line and its status with the counts', () => {
    // Prepare
    const scanned = report(
      ['glue-connection-ssl-enforced', 'glue-s3-targets-ssl-only'],
      [
        evaluation('glue-connection-ssl-enforced', 'NON_COMPLIANT'),
        evaluation('glue-s3-targets-ssl-only', 'COMPLIANT'),
      ],
    );
    // Act
    const lines = controlSection(scanned, 'pci-dss-4.0', 200);
    // Assess
    expect(lines[0]).toBe('Controls of PCI DSS v4.0 (1 supported by the scanned rules, 0 compliant):');
    expect(lines.slice(1).map((l) => l.split(/\s{2,}/))).toEqual([
      ['CONTROL', 'TITLE', 'RULES', 'STATUS'],
      [
        '4.2.1',
        'Strong cryptography protects PAN during transmission over open, public networks',
        'glue-connection-ssl-enforced',
        'NON_COMPLIANT (1 non-compliant, 1 compliant)',
      ],
      ['', 'glue-s3-targets-ssl-only'],
    ]);
  });

  it('--output-dir writes the control section into the text file and the control ids into the JSON', () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'gg-framework-'));
    const scanned = withFrameworkControls(
      report(['glue-connection-ssl-enforced'], [evaluation('glue-connection-ssl-enforced', 'NON_COMPLIANT')]),
      'pci-dss-4.0',
    );
    try {
      // Act
      const files = writeOutputDir(join(dir, 'out'), scanned, {}, 'pci-dss-4.0');
      // Assess
      const text = readFileSync(files.find((f) => f.endsWith('.txt')) ?? '', 'utf8');
      expect(text).toMatch(/Controls of PCI DSS v4\.0[^\n]*\n\s*CONTROL\s+TITLE\s+RULES\s+STATUS\n4\.2\.1 /);
      const json = JSON.parse(readFileSync(files.find((f) => /\d\dZ\.json$/.test(f)) ?? '', 'utf8'));
      expect(json).toEqual([
        expect.objectContaining({ rule: 'glue-connection-ssl-enforced', frameworks: ['4.2.1'] }),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('orders controls as the framework numbers them and says when nothing was evaluated', () => {
    // Prepare: a rule mapped to AC-3 ... SC-7 and AC-21, with no evaluation
    const rows = controlRows(report(['glue-connection-in-vpc'], []), 'nist-800-53-r5');
    // Assess
    expect(rows.map((r) => r.control)).toEqual(['AC-3', 'AC-4', 'AC-6', 'AC-21', 'SC-7']);
    for (const r of rows) expect(r.status).toBe('NO_RESOURCES');
  });
});
