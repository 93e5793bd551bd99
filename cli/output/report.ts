import { ruleCatalog } from '../../functions/rules/catalog';
import type { AnyRuleMeta } from '../../functions/runtime/meta';
import { ACCOUNT_RESOURCE_TYPE } from '../../functions/runtime/types';
import type { ScanResult } from '../scan-account';
import type { ScanCompliance, ScanEvaluation, ScanMetadata, ScanReport } from '../scan-types';

/** Every value a ScanEvaluation's compliance can take (what --status accepts). */
export const COMPLIANCE_VALUES: readonly ScanCompliance[] = [
  'NON_COMPLIANT',
  'ERROR',
  'COMPLIANT',
  'NOT_APPLICABLE',
];
/** Severities, most severe first (what --severity accepts). */
export const SEVERITY_VALUES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as const;

/** --status / --severity: which evaluations every output shows (absent: all). */
export interface EvaluationFilter {
  statuses?: readonly string[];
  severities?: readonly string[];
}

export function applyFilter(
  evaluations: readonly ScanEvaluation[],
  filter: EvaluationFilter = {},
): ScanEvaluation[] {
  return evaluations.filter(
    (e) =>
      (!filter.statuses || filter.statuses.includes(e.compliance)) &&
      (!filter.severities || filter.severities.includes(e.severity)),
  );
}

const rank = (values: readonly string[], v: string): number => {
  const i = values.indexOf(v);
  return i < 0 ? values.length : i;
};

/** Code-unit order: deterministic and far cheaper than localeCompare on large reports. */
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The order a person reads: NON_COMPLIANT first, then ERROR, then the rest; within a status the
 * most severe first, then rule, account, region, resource. Stable and total (no ties left to the
 * engine's sort).
 */
export function byAttention(a: ScanEvaluation, b: ScanEvaluation): number {
  return (
    rank(COMPLIANCE_VALUES, a.compliance) - rank(COMPLIANCE_VALUES, b.compliance) ||
    rank(SEVERITY_VALUES, a.severity) - rank(SEVERITY_VALUES, b.severity) ||
    cmp(a.rule, b.rule) ||
    cmp(a.account, b.account) ||
    cmp(a.region, b.region) ||
    cmp(a.resourceType, b.resourceType) ||
    cmp(a.resourceId, b.resourceId)
  );
}

function metaOf(rule: string): AnyRuleMeta | undefined {
  return ruleCatalog.find((r) => r.id === rule);
}

/** The type a rule reports (resource rules: their swept type; account rules: AWS::::Account). */
export function ruleResourceType(meta: AnyRuleMeta | undefined): string {
  return meta && meta.scope === 'resource' ? meta.resourceType : ACCOUNT_RESOURCE_TYPE;
}

/** The catalog's facts about a rule, as every evaluation of it carries them. */
export function ruleFacts(
  rule: string,
): Pick<ScanEvaluation, 'severity' | 'control'> & { remediation?: string } {
  const meta = metaOf(rule);
  const facts: Pick<ScanEvaluation, 'severity' | 'control'> & { remediation?: string } = {
    severity: meta?.severity ?? 'UNKNOWN',
    control: meta?.control ?? '',
  };
  if (meta?.remediation) facts.remediation = meta.remediation.document;
  return facts;
}

/**
 * The seam between today's single account-region scanner and the outputs: turns a
 * `scanAccount` result into the ScanReport every output consumes. Errors become evaluations with
 * compliance ERROR, so no output can drop them. (The multi-region/account scanner produces a
 * ScanReport directly and makes this adapter unnecessary.)
 */
export function toScanReport(
  result: ScanResult,
  metadata: Omit<ScanMetadata, 'accounts' | 'regions'> & Partial<Pick<ScanMetadata, 'accounts' | 'regions'>>,
  evaluatedAt: string = metadata.finishedAt,
): ScanReport {
  const where = { account: result.accountId, region: result.region };
  const evaluations: ScanEvaluation[] = result.findings.map((f) => {
    const e: ScanEvaluation = {
      ...where,
      rule: f.rule,
      ...ruleFacts(f.rule),
      resourceType: f.resourceType,
      resourceId: f.resourceId,
      compliance: f.compliance,
      annotation: f.annotation,
      evaluatedAt,
    };
    if (f.offenders) e.offenders = f.offenders;
    return e;
  });
  for (const error of result.errors) {
    evaluations.push({
      ...where,
      rule: error.rule,
      ...ruleFacts(error.rule),
      resourceType: ruleResourceType(metaOf(error.rule)),
      resourceId: error.resourceId ?? result.accountId,
      compliance: 'ERROR',
      annotation: error.error,
      error: error.error,
      evaluatedAt,
    });
  }
  return {
    metadata: {
      ...metadata,
      accounts: metadata.accounts ?? [result.accountId],
      regions: metadata.regions ?? [result.region],
    },
    evaluations,
  };
}
