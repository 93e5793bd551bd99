// What the demo says after its second scan: why each finding is still there, how the two scans
// compare, and what to do next. Pure functions of the scans and the catalog (tested on their own).
import type { AnyRuleMeta } from '../../functions/runtime/meta';
import type { ScanFinding, ScanResult } from '../scan-account';

/** Why a finding survived the automatic remediation. */
export type RemainingReason =
  | { kind: 'no-remediation' }
  | { kind: 'manual'; document: string; needs: string[] }
  | { kind: 'failed'; document: string; reason: string }
  | { kind: 'not-fixed'; document: string };

/** What the demo knows of each rule's remediation run: failures by rule id. */
export interface RemediationOutcomes {
  failures: Record<string, string>;
  /** Document parameters only the deployer can choose, by rule id (beyond what the demo supplies). */
  needs: (rule: AnyRuleMeta) => string[];
}

export function remainingReason(rule: AnyRuleMeta, outcomes: RemediationOutcomes): RemainingReason {
  const link = rule.remediation;
  if (!link) return { kind: 'no-remediation' };
  const failure = outcomes.failures[rule.id];
  if (failure !== undefined) return { kind: 'failed', document: link.document, reason: failure };
  if (!link.automatic) return { kind: 'manual', document: link.document, needs: outcomes.needs(rule) };
  return { kind: 'not-fixed', document: link.document };
}

export function reasonText(rule: AnyRuleMeta, reason: RemainingReason): string {
  switch (reason.kind) {
    case 'no-remediation':
      return `no remediation document: fix it by hand as the annotation says (glue-guardrails explain ${rule.id})`;
    case 'manual':
      return reason.needs.length > 0
        ? `${reason.document} is not automatic: it needs ${reason.needs.join(', ')}, a value only the deployer knows ` +
            `(glue-guardrails remediate --rule ${rule.id} ${reason.needs.map((n) => `--param ${n}=...`).join(' ')})`
        : `${reason.document} is not automatic: run it when you agree (glue-guardrails remediate --rule ${rule.id} --dry-run)`;
    case 'failed':
      return `${reason.document} ran and failed: ${reason.reason}`;
    case 'not-fixed':
      return `${reason.document} ran automatically but the rule still finds it non-compliant`;
  }
}

const key = (f: ScanFinding): string => `${f.rule}\u0000${f.resourceId}`;

/** Lines explaining every finding still NON_COMPLIANT after the remediation, grouped by rule. */
export function explainRemaining(
  after: ScanResult,
  catalog: readonly AnyRuleMeta[],
  outcomes: RemediationOutcomes,
): string[] {
  const remaining = after.findings.filter((f) => f.compliance === 'NON_COMPLIANT');
  if (remaining.length === 0) return ['Nothing is left non-compliant.'];
  const lines: string[] = [];
  for (const rule of catalog) {
    const findings = remaining.filter((f) => f.rule === rule.id);
    if (findings.length === 0) continue;
    lines.push(`${rule.id} (${findings.map((f) => f.resourceId).join(', ')})`);
    lines.push(`  why: ${reasonText(rule, remainingReason(rule, outcomes))}`);
  }
  return lines;
}

const COUNTED = ['NON_COMPLIANT', 'COMPLIANT', 'NOT_APPLICABLE'] as const;

/** The two scans side by side: counts per compliance, then what was fixed. */
export function compareScans(before: ScanResult, after: ScanResult): string[] {
  const count = (scan: ScanResult, c: string): number =>
    scan.findings.filter((f) => f.compliance === c).length;
  const lines = ['                  before  after'];
  for (const c of COUNTED)
    lines.push(
      `${c.padEnd(16)}  ${String(count(before, c)).padStart(6)}  ${String(count(after, c)).padStart(5)}`,
    );
  lines.push(
    `${'ERROR'.padEnd(16)}  ${String(before.errors.length).padStart(6)}  ${String(after.errors.length).padStart(5)}`,
  );
  const stillBad = new Set(after.findings.filter((f) => f.compliance === 'NON_COMPLIANT').map(key));
  const fixed = before.findings.filter((f) => f.compliance === 'NON_COMPLIANT' && !stillBad.has(key(f)));
  lines.push(
    '',
    fixed.length > 0 ? 'Fixed by the automatic remediations:' : 'Nothing was fixed automatically.',
  );
  for (const f of fixed) lines.push(`  ${f.rule}: ${f.resourceId}`);
  return lines;
}

/** What to try next, after the demo. */
export const NEXT_STEPS: readonly string[] = [
  'glue-guardrails rules                         every rule, its trigger, parameters and remediation',
  'glue-guardrails explain <rule-id>             one rule: scenarios, permissions, what its remediation changes',
  'npm run emulator -- --sample                  this estate on a local emulator that stays up, then:',
  '  glue-guardrails remediate --endpoint <URL> --region us-east-1 --rule <rule-id> --dry-run',
  'glue-guardrails scan --profile <P>            the same scan on your account (read-only)',
  'README "Deploying"                            the rules, remediations and alerts in your accounts',
];
