import { FRAMEWORKS, type FrameworkId } from '../../functions/runtime/meta';
import { type ControlRow, controlRows } from '../frameworks';
import type { ScanReport } from '../scan-types';
import type { EvaluationFilter } from './report';
import { fitColumns, renderTable, type TableOptions, terminalWidth, wrap } from './table';

const GAP = '  ';
const LABEL: Record<string, string> = {
  NON_COMPLIANT: 'non-compliant',
  ERROR: 'error',
  COMPLIANT: 'compliant',
  NOT_APPLICABLE: 'not applicable',
};

function statusCell(row: ControlRow): string {
  if (row.status === 'NO_RESOURCES') return 'NO_RESOURCES (nothing to evaluate)';
  const parts = Object.entries(LABEL)
    .filter(([k]) => row.counts[k as keyof ControlRow['counts']])
    .map(([k, label]) => `${row.counts[k as keyof ControlRow['counts']]} ${label}`);
  return `${row.status} (${parts.join(', ')})`;
}

/**
 * The framework section of `scan --framework F --format table`: one row per control (id, title,
 * the rules that support it, its status over their evaluations), columns fitted to the width.
 */
export function controlSection(report: ScanReport, framework: FrameworkId, width: number): string[] {
  const rows = controlRows(report, framework);
  const columns = ['CONTROL', 'TITLE', 'RULES', 'STATUS'];
  // A cell is a list of paragraphs: the rules one per line, the other cells one each.
  const cells = rows.map((r) => [[r.control], [r.title], r.rules, [statusCell(r)]]);
  const natural = columns.map((c, i) =>
    Math.max(c.length, ...cells.flatMap((row) => (row[i] ?? []).map((p) => p.length))),
  );
  const minimum = columns.map((c, i) =>
    i === 0 ? (natural[i] ?? 0) : Math.min(natural[i] ?? 0, Math.max(8, c.length)),
  );
  // The title gives way first, then the status' counts; rule ids wrap last (after a hyphen).
  const widths = fitColumns(natural, minimum, width, [
    [1, 20],
    [3, 16],
  ]);
  const line = (values: string[][]): string[] => {
    const wrapped = values.map((v, i) => v.flatMap((p) => wrap(p, widths[i] ?? 1)));
    const height = Math.max(...wrapped.map((w) => w.length));
    const out: string[] = [];
    for (let l = 0; l < height; l++)
      out.push(
        wrapped
          .map((w, i) => (i === wrapped.length - 1 ? (w[l] ?? '') : (w[l] ?? '').padEnd(widths[i] ?? 0)))
          .join(GAP)
          .trimEnd(),
      );
    return out;
  };
  const held = rows.filter((r) => r.status === 'COMPLIANT').length;
  return [
    `Controls of ${FRAMEWORKS[framework]} (${rows.length} supported by the scanned rules, ${held} compliant):`,
    ...line(columns.map((c) => [c])),
    ...cells.flatMap((row) => line(row)),
  ];
}

/**
 * `scan --framework F` as a table: the scan header, the controls of F with their status, then the
 * evaluations and the per-rule summary as `renderTable` prints them.
 */
export function renderFrameworkTable(
  report: ScanReport,
  framework: FrameworkId,
  filter: EvaluationFilter = {},
  options: TableOptions = {},
): string {
  const width = options.width ?? terminalWidth();
  const [header, ...rest] = renderTable(report, filter, { ...options, width }).split('\n');
  return [header ?? '', '', ...controlSection(report, framework, width), ...rest].join('\n');
}
