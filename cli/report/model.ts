import { ruleCatalog } from '../../functions/rules/catalog';
import { type AnyRuleMeta, FRAMEWORKS, type FrameworkMapping } from '../../functions/runtime/meta';
import type { LocalExecutionRecord } from '../../remediation/runner/records';
import { byAttention, COMPLIANCE_VALUES, SEVERITY_VALUES } from '../output/report';
import type { ExemptionNote, ScanCompliance, ScanEvaluation, ScanMetadata } from '../scan-types';

/**
 * What the evidence report shows, computed from a scan (live, saved or aggregated) and the rule
 * catalog, apart from how it is drawn (html.ts), so the numbers can be tested on their own.
 */

export type StatusCounts = Record<ScanCompliance, number>;

const zero = (): StatusCounts => ({ NON_COMPLIANT: 0, ERROR: 0, COMPLIANT: 0, NOT_APPLICABLE: 0 });

export interface RuleSection {
  id: string;
  /** The rule's statement (its metadata's description); empty for a rule the catalog lacks. */
  description: string;
  control: string;
  severity: string;
  /** AWS::Glue::Job, ..., or AWS::::Account for an account-level rule. */
  resourceType: string;
  remediation?: { document: string; automatic: boolean };
  frameworks: readonly FrameworkMapping[];
  counts: StatusCounts;
  total: number;
  /** NON_COMPLIANT and ERROR evaluations, in reading order. */
  findings: ScanEvaluation[];
  /** Whether the catalog knows the rule (a saved scan may come from another version). */
  known: boolean;
}

/** A framework control, the rules mapped to it and their combined status. */
export interface ControlSection {
  framework: string;
  frameworkTitle: string;
  control: string;
  title: string;
  rules: Array<{ id: string; status: ScanCompliance | 'NOT_EVALUATED'; source: string }>;
}

export type DeployedExecutions =
  | { state: 'read'; executions: DeployedExecution[]; errors: string[]; regions: string[] }
  | { state: 'not-read'; reason: string };

export interface DeployedExecution {
  executionId: string;
  document: string;
  status: string;
  region: string;
  startTime?: string;
  endTime?: string;
  /** The resource the execution targeted, when SSM reports it (Target or ResourceId parameter). */
  target?: string;
  failureMessage?: string;
}

export interface LocalExecutions {
  file: string;
  records: LocalExecutionRecord[];
  /** Records left out because they are about accounts outside the scan. */
  otherAccounts: number;
  skipped: number;
}

export interface ReportInput {
  /** Absent when a saved scan came without its metadata sidecar. */
  metadata?: ScanMetadata & { filter?: { status: string[] | null; severity: string[] | null } };
  evaluations: readonly ScanEvaluation[];
  exemptions?: readonly ExemptionNote[];
  /** Where the evaluations came from, as the reader should see it (a file name, "live scan"). */
  sourceLabel: string;
  deployed?: DeployedExecutions;
  local?: LocalExecutions;
  /** The time the report is generated (ISO 8601). */
  generatedAt: string;
  generator: { name: string; version: string };
  /** The rule catalog (tests give their own to exercise framework mappings). */
  catalog?: readonly AnyRuleMeta[];
}

export interface ReportModel extends Omit<ReportInput, 'catalog' | 'exemptions'> {
  rules: RuleSection[];
  bySeverity: Array<{ severity: string; counts: StatusCounts; total: number }>;
  totals: StatusCounts & { total: number };
  controls: ControlSection[];
  exemptions: { active: ExemptionNote[]; expired: ExemptionNote[] };
}

/** The status a set of evaluations shows as one: the worst present. */
export function worstStatus(counts: StatusCounts): ScanCompliance | 'NOT_EVALUATED' {
  for (const s of COMPLIANCE_VALUES) if (counts[s] > 0) return s;
  return 'NOT_EVALUATED';
}

const exemptionKey = (e: ExemptionNote): string =>
  JSON.stringify([e.rule, e.resourceId, e.source, e.expires, e.status]);

/** Every exemption of the report and of its evaluations, once each, split active / expired. */
function collectExemptions(input: ReportInput): ReportModel['exemptions'] {
  const seen = new Map<string, ExemptionNote>();
  for (const e of [...(input.exemptions ?? []), ...input.evaluations.flatMap((x) => x.exemption ?? [])])
    if (!seen.has(exemptionKey(e))) seen.set(exemptionKey(e), e);
  const all = [...seen.values()].sort(
    (a, b) => (a.expires < b.expires ? -1 : a.expires > b.expires ? 1 : 0) || (a.rule < b.rule ? -1 : 1),
  );
  return {
    active: all.filter((e) => e.status === 'active'),
    expired: all.filter((e) => e.status === 'expired'),
  };
}

export function buildReportModel(input: ReportInput): ReportModel {
  const catalog = input.catalog ?? ruleCatalog;
  const byRule = new Map<string, ScanEvaluation[]>();
  for (const e of input.evaluations) {
    const list = byRule.get(e.rule);
    if (list) list.push(e);
    else byRule.set(e.rule, [e]);
  }
  // The rules the scan ran (metadata) and any it reported, in catalog order, unknown ones last.
  const ids = new Set([...(input.metadata?.rules ?? []), ...byRule.keys()]);
  const ordered = [
    ...catalog.filter((r) => ids.has(r.id)).map((r) => r.id),
    ...[...ids].filter((id) => !catalog.some((r) => r.id === id)).sort(),
  ];
  const rules: RuleSection[] = ordered.map((id) => {
    const meta = catalog.find((r) => r.id === id);
    const evaluations = byRule.get(id) ?? [];
    const counts = zero();
    for (const e of evaluations) counts[e.compliance]++;
    const first = evaluations[0];
    const section: RuleSection = {
      id,
      description: meta?.description ?? '',
      control: meta?.control ?? first?.control ?? '',
      severity: meta?.severity ?? first?.severity ?? 'UNKNOWN',
      resourceType: meta
        ? meta.scope === 'resource'
          ? meta.resourceType
          : 'AWS::::Account'
        : (first?.resourceType ?? ''),
      frameworks: meta?.frameworks ?? [],
      counts,
      total: evaluations.length,
      findings: evaluations
        .filter((e) => e.compliance === 'NON_COMPLIANT' || e.compliance === 'ERROR')
        .sort(byAttention),
      known: meta !== undefined,
    };
    if (meta?.remediation)
      section.remediation = { document: meta.remediation.document, automatic: meta.remediation.automatic };
    else if (!meta && first?.remediation)
      section.remediation = { document: first.remediation, automatic: false };
    return section;
  });

  const totals = { ...zero(), total: input.evaluations.length };
  for (const e of input.evaluations) totals[e.compliance]++;
  const severities = [...SEVERITY_VALUES, ...new Set(rules.map((r) => r.severity))].filter(
    (s, i, all) => all.indexOf(s) === i,
  );
  const bySeverity = severities
    .map((severity) => {
      const counts = zero();
      for (const r of rules.filter((x) => x.severity === severity))
        for (const s of COMPLIANCE_VALUES) counts[s] += r.counts[s];
      return { severity, counts, total: COMPLIANCE_VALUES.reduce((n, s) => n + counts[s], 0) };
    })
    .filter((x) => x.total > 0 || (SEVERITY_VALUES as readonly string[]).includes(x.severity));

  const controls = new Map<string, ControlSection>();
  for (const r of rules)
    for (const m of r.frameworks) {
      const key = JSON.stringify([m.framework, m.control]);
      let c = controls.get(key);
      if (!c) {
        c = {
          framework: m.framework,
          frameworkTitle: FRAMEWORKS[m.framework] ?? m.framework,
          control: m.control,
          title: m.title,
          rules: [],
        };
        controls.set(key, c);
      }
      c.rules.push({
        id: r.id,
        status: r.total > 0 ? worstStatus(r.counts) : 'NOT_EVALUATED',
        source: m.source,
      });
    }
  const frameworkOrder = Object.keys(FRAMEWORKS);
  const controlOrder = (a: ControlSection, b: ControlSection): number =>
    frameworkOrder.indexOf(a.framework) - frameworkOrder.indexOf(b.framework) ||
    a.control.localeCompare(b.control, 'en', { numeric: true });

  const { catalog: _catalog, exemptions: _exemptions, ...rest } = input;
  return {
    ...rest,
    rules,
    bySeverity,
    totals,
    controls: [...controls.values()].sort(controlOrder),
    exemptions: collectExemptions(input),
  };
}
