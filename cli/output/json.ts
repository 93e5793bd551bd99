import type { ScanReport } from '../scan-types';
import { applyFilter, type EvaluationFilter } from './report';

/** `--format json`: the (filtered) evaluations array, exactly as scanned; never wrapped. */
export function renderJson(report: ScanReport, filter: EvaluationFilter = {}): string {
  return JSON.stringify(applyFilter(report.evaluations, filter), null, 2);
}

/** The scan metadata, for the sidecar file of --output-dir. */
export function renderMetadata(report: ScanReport, filter: EvaluationFilter = {}): string {
  const shown = applyFilter(report.evaluations, filter);
  return JSON.stringify(
    {
      ...report.metadata,
      filter: { status: filter.statuses ?? null, severity: filter.severities ?? null },
      evaluations: report.evaluations.length,
      shown: shown.length,
      ...(report.exemptions ? { exemptions: report.exemptions } : {}),
    },
    null,
    2,
  );
}
