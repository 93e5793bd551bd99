import type { ScanEvaluation, ScanReport } from '../scan-types';
import { applyFilter, type EvaluationFilter } from './report';

/** The CSV columns, in order (the header row). */
export const CSV_COLUMNS = [
  'account',
  'region',
  'rule',
  'severity',
  'control',
  'resourceType',
  'resourceId',
  'compliance',
  'annotation',
  'evaluatedAt',
  'offenders',
  'remediation',
  'error',
] as const;

/**
 * One RFC 4180 field: quoted when it holds a comma, a double quote, CR or LF, with inner quotes
 * doubled. (RFC 4180 section 2, rules 5-7.)
 */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function cell(e: ScanEvaluation, column: (typeof CSV_COLUMNS)[number]): string {
  if (column === 'offenders') return (e.offenders ?? []).join('; ');
  return e[column] ?? '';
}

/**
 * `--format csv`: a header row then one record per (filtered) evaluation, CRLF line breaks as
 * RFC 4180 specifies. Pure CSV: the scan metadata lives in the json/asff outputs and in the
 * --output-dir metadata file, never in comment lines a CSV reader would take as data.
 */
export function renderCsv(report: ScanReport, filter: EvaluationFilter = {}): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const e of applyFilter(report.evaluations, filter))
    lines.push(CSV_COLUMNS.map((c) => csvField(cell(e, c))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
