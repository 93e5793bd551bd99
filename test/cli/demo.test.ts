import { describe, expect, it } from 'vitest';
import { runDemo } from '../../cli/commands/demo';
import { compareScans, explainRemaining, reasonText, remainingReason } from '../../cli/demo/explain';
import type { ScanFinding, ScanResult } from '../../cli/scan-account';
import { ruleCatalog } from '../../functions/rules/catalog';
import type { AnyRuleMeta } from '../../functions/runtime/meta';
import { useEmulator } from '../emulator/context';
import { emulatorAws } from '../support/aws';

const emulator = useEmulator();

const meta = (id: string): AnyRuleMeta => ruleCatalog.find((r) => r.id === id) as AnyRuleMeta;
const finding = (rule: string, resourceId: string, compliance: ScanFinding['compliance']): ScanFinding => ({
  rule,
  resourceId,
  compliance,
  resourceType: 'AWS::Glue::Job',
  annotation: '',
});
const scan = (findings: ScanFinding[], errors = 0): ScanResult => ({
  accountId: '123456789012',
  region: 'us-east-1',
  findings,
  errors: Array.from({ length: errors }, () => ({ rule: 'x', error: 'boom' })),
});

describe('demo: explanations', () => {
  const none = { failures: {}, needs: () => [] };

  it('says why each remaining finding is there: no remediation, manual, a deployer value, a failure', () => {
    // Prepare
    const after = scan([
      finding('glue-job-tagged', 'etl-a', 'NON_COMPLIANT'),
      finding('glue-job-security-configuration-encrypted', 'etl-a', 'NON_COMPLIANT'),
      finding('glue-job-security-configuration-encrypted', 'etl-b', 'NON_COMPLIANT'),
      finding('glue-catalog-metadata-encrypted', '123456789012', 'NON_COMPLIANT'),
      finding('glue-job-logging-enabled', 'etl-c', 'NON_COMPLIANT'),
      finding('glue-connection-ssl-enforced', '123456789012', 'NON_COMPLIANT'),
      finding('glue-job-network-isolated', 'etl-a', 'COMPLIANT'),
    ]);
    // Act
    const lines = explainRemaining(after, ruleCatalog, {
      failures: { 'glue-job-logging-enabled': 'Remediate: job etl-c vanished' },
      needs: (rule) =>
        rule.id === 'glue-job-security-configuration-encrypted' ? ['SecurityConfigurationName'] : [],
    });
    // Assess
    expect(lines).toEqual([
      'glue-catalog-metadata-encrypted (123456789012)',
      '  why: EnableGlueCatalogEncryption is not automatic: run it when you agree (glue-guardrails remediate --rule glue-catalog-metadata-encrypted --dry-run)',
      'glue-job-security-configuration-encrypted (etl-a, etl-b)',
      '  why: AttachGlueJobSecurityConfiguration is not automatic: it needs SecurityConfigurationName, a value only the deployer knows (glue-guardrails remediate --rule glue-job-security-configuration-encrypted --param SecurityConfigurationName=...)',
      'glue-connection-ssl-enforced (123456789012)',
      '  why: EnforceGlueConnectionSsl ran automatically but the rule still finds it non-compliant',
      'glue-job-logging-enabled (etl-c)',
      '  why: EnableGlueJobContinuousLogging ran and failed: Remediate: job etl-c vanished',
      'glue-job-tagged (etl-a)',
      '  why: no remediation document: fix it by hand as the annotation says (glue-guardrails explain glue-job-tagged)',
    ]);
  });

  it('nothing left: says so', () => {
    expect(explainRemaining(scan([finding('glue-job-tagged', 'a', 'COMPLIANT')]), ruleCatalog, none)).toEqual(
      ['Nothing is left non-compliant.'],
    );
  });

  it('a failure wins over manual; a rule without link is never "failed"', () => {
    const failures = { 'glue-job-security-configuration-encrypted': 'x', 'glue-job-tagged': 'y' };
    expect(
      remainingReason(meta('glue-job-security-configuration-encrypted'), { failures, needs: () => [] }).kind,
    ).toBe('failed');
    expect(remainingReason(meta('glue-job-tagged'), { failures, needs: () => [] })).toEqual({
      kind: 'no-remediation',
    });
    expect(reasonText(meta('glue-job-tagged'), { kind: 'no-remediation' })).toContain(
      'glue-guardrails explain glue-job-tagged',
    );
  });

  it('compares the scans: counts per compliance and errors, then what was fixed', () => {
    // Prepare
    const before = scan(
      [
        finding('r1', 'a', 'NON_COMPLIANT'),
        finding('r1', 'b', 'NON_COMPLIANT'),
        finding('r2', 'a', 'NON_COMPLIANT'),
        finding('r2', 'b', 'NOT_APPLICABLE'),
      ],
      1,
    );
    const after = scan([
      finding('r1', 'a', 'COMPLIANT'),
      finding('r1', 'b', 'NON_COMPLIANT'),
      finding('r2', 'a', 'COMPLIANT'),
      finding('r2', 'b', 'NOT_APPLICABLE'),
    ]);
    // Act / Assess
    expect(compareScans(before, after)).toEqual([
      '                  before  after',
      'NON_COMPLIANT          3      1',
      'COMPLIANT              0      2',
      'NOT_APPLICABLE         1      1',
      'ERROR                  1      0',
      '',
      'Fixed by the automatic remediations:',
      '  r1: a',
      '  r2: a',
    ]);
    expect(compareScans(before, before).slice(-1)).toEqual(['Nothing was fixed automatically.']);
  });
});

describe('demo: end to end, in process', () => {
  it('seeds, scans, remediates, scans again, then explains what is left, compares and suggests next steps', async () => {
    // Prepare
    const lines: string[] = [];
    // Act
    const code = await runDemo(emulatorAws(emulator), (line) => lines.push(line));
    // Assess
    expect(code).toBe(0);
    const out = lines.join('\n');
    const sections = [...out.matchAll(/^={8} (\d)\. /gm)].map((m) => m[1]);
    expect(sections).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(out).toMatch(
      /^glue-job-logging-enabled -> EnableGlueJobContinuousLogging on adhoc-analyst-export: Success \(REMEDIATED\)$/m,
    );
    expect(out).toMatch(
      /^glue-connection-ssl-enforced -> EnforceGlueConnectionSsl on \d{12}: Success \(REMEDIATED\)$/m,
    );
    const why = out.split(/={8} 5\. .*\n/)[1]?.split(/\n={8} 6\./)[0] ?? '';
    expect(why).toContain(
      'glue-job-security-configuration-encrypted (cards-settlement-etl, adhoc-analyst-export)\n  why: AttachGlueJobSecurityConfiguration is not automatic: it needs SecurityConfigurationName, a value only the deployer knows',
    );
    expect(why).toContain('glue-vpc-endpoint-configured (');
    expect(why).not.toContain('glue-job-logging-enabled');
    expect(why.match(/^ {2}why: /gm)?.length).toBe(why.match(/^\S/gm)?.length);
    const comparison = out.split(/={8} 6\. .*\n/)[1] ?? '';
    const [, nonBefore, nonAfter] = /^NON_COMPLIANT +(\d+) +(\d+)$/m.exec(comparison) ?? [];
    const fixed =
      comparison.split('Fixed by the automatic remediations:\n')[1]?.split('\n\n')[0]?.split('\n') ?? [];
    expect(fixed).toEqual([
      '  glue-connection-ssl-enforced: 123456789012',
      '  glue-job-logging-enabled: adhoc-analyst-export',
    ]);
    expect(Number(nonBefore) - Number(nonAfter)).toBe(fixed.length);
    expect(out).toContain('glue-guardrails explain <rule-id>');
    expect(out).toContain('- [outcome=REMEDIATED resourceType=AWS::Glue::Job rule=glue-job-logging-enabled]');
  }, 120_000);
});
