// `scan --framework <id>` (issue 9 §2): which rules a framework selects, the control ids each
// evaluation supports, and the per-control status the table groups by.
import { ruleCatalog } from '../functions/rules/catalog';
import { FRAMEWORK_IDS, FRAMEWORKS, type FrameworkId, isFrameworkId } from '../functions/runtime/meta';
import { UsageError } from './errors';
import type { ScanCompliance, ScanEvaluation, ScanReport } from './scan-types';

/** The framework `--framework` names, or a usage error listing the valid ids. */
export function parseFramework(value: string | undefined): FrameworkId | undefined {
  if (value === undefined) return undefined;
  const id = value.trim();
  if (!isFrameworkId(id))
    throw new UsageError(`--framework: unknown framework '${value}'; use one of ${FRAMEWORK_IDS.join(', ')}`);
  return id;
}

/** The control ids of `framework` the rule supports (none for an unknown or unmapped rule). */
export function controlIdsOf(rule: string, framework: FrameworkId): string[] {
  const meta = ruleCatalog.find((r) => r.id === rule);
  return (meta?.frameworks ?? []).filter((m) => m.framework === framework).map((m) => m.control);
}

/**
 * The rules (of those asked for) mapped to the framework. A framework no asked-for rule maps to
 * is a usage error naming it, so an empty scan is never mistaken for a clean one.
 */
export function rulesOfFramework<R extends { id: string }>(rules: readonly R[], framework: FrameworkId): R[] {
  const mapped = rules.filter((r) => controlIdsOf(r.id, framework).length > 0);
  if (mapped.length === 0)
    throw new UsageError(
      `--framework ${framework}: no selected rule is mapped to ${FRAMEWORKS[framework]} (see docs/frameworks.md)`,
    );
  return mapped;
}

/** The report with each evaluation's control ids of the framework added as `frameworks`. */
export function withFrameworkControls(report: ScanReport, framework: FrameworkId): ScanReport {
  const ids = new Map<string, string[]>();
  const idsOf = (rule: string): string[] => {
    let v = ids.get(rule);
    if (!v) {
      v = controlIdsOf(rule, framework);
      ids.set(rule, v);
    }
    return v;
  };
  return {
    ...report,
    evaluations: report.evaluations.map((e): ScanEvaluation => ({ ...e, frameworks: idsOf(e.rule) })),
  };
}

/** A control's status over its rules' evaluations: NO_RESOURCES when they found nothing to judge. */
export type ControlStatus = ScanCompliance | 'NO_RESOURCES';

export interface ControlRow {
  control: string;
  title: string;
  rules: string[];
  status: ControlStatus;
  /** Evaluations of the control's rules, by compliance. */
  counts: Partial<Record<ScanCompliance, number>>;
  evaluations: number;
}

/**
 * Worst first: a control holds only when nothing about it is non-compliant and nothing could not
 * be evaluated (an ERROR is never hidden behind a COMPLIANT).
 */
const ORDER: readonly ScanCompliance[] = ['NON_COMPLIANT', 'ERROR', 'COMPLIANT', 'NOT_APPLICABLE'];

/**
 * One row per control of the framework that a scanned rule supports, in the framework's order
 * (AC-3 before AC-21, 4.2.1 before 10.2.1), with the rules and the status over their evaluations.
 */
export function controlRows(report: ScanReport, framework: FrameworkId): ControlRow[] {
  const rows = new Map<string, ControlRow>();
  for (const rule of report.metadata.rules) {
    const meta = ruleCatalog.find((r) => r.id === rule);
    for (const m of meta?.frameworks ?? []) {
      if (m.framework !== framework) continue;
      const row = rows.get(m.control) ?? {
        control: m.control,
        title: m.title,
        rules: [],
        status: 'NO_RESOURCES',
        counts: {},
        evaluations: 0,
      };
      if (!row.rules.includes(rule)) row.rules.push(rule);
      rows.set(m.control, row);
    }
  }
  for (const e of report.evaluations)
    for (const row of rows.values())
      if (row.rules.includes(e.rule)) {
        row.counts[e.compliance] = (row.counts[e.compliance] ?? 0) + 1;
        row.evaluations++;
      }
  for (const row of rows.values()) row.status = ORDER.find((c) => row.counts[c]) ?? 'NO_RESOURCES';
  return [...rows.values()].sort((a, b) =>
    a.control.localeCompare(b.control, 'en', { numeric: true, sensitivity: 'base' }),
  );
}
