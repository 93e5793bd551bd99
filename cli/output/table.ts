import type { ScanEvaluation, ScanReport } from '../scan-types';
import { applyFilter, byAttention, COMPLIANCE_VALUES, type EvaluationFilter } from './report';

/** Width when stdout is not a terminal (a pipe, a file, CI). */
export const DEFAULT_WIDTH = 100;
const GAP = '  ';
/** No column is squeezed below this many characters (or its header, when shorter). */
const MIN_COLUMN = 8;

const COLORS: Record<string, string> = {
  COMPLIANT: '32',
  NON_COMPLIANT: '31',
  ERROR: '35',
  NOT_APPLICABLE: '90',
};

export interface TableOptions {
  /** Total characters per line (default: the terminal's columns, else DEFAULT_WIDTH). */
  width?: number;
  /** ANSI colours on the compliance column (default: stdout is a TTY and NO_COLOR unset). */
  color?: boolean;
}

/** The width the table fits: the terminal's, or DEFAULT_WIDTH when stdout is not a terminal. */
export function terminalWidth(stream: { isTTY?: boolean; columns?: number } = process.stdout): number {
  return stream.isTTY && stream.columns && stream.columns > 0 ? stream.columns : DEFAULT_WIDTH;
}

/** Where to cut a word longer than `width`: after its last '-', '/' or ':' that fits, else at width. */
function breakPoint(word: string, width: number): number {
  for (let i = width; i > 0; i--) {
    const c = word[i - 1];
    if (c === '-' || c === '/' || c === ':') return i;
  }
  return width;
}

/**
 * Greedy word wrap of `text` into lines of at most `width` characters. Breaks only between
 * words; a single word longer than the column is cut into column-wide pieces (nothing else can
 * keep the row's layout), preferably after a hyphen, slash or colon. Whitespace runs (including newlines) count as one space.
 */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let rest = word;
    if (line && line.length + 1 + rest.length <= width) {
      line = `${line} ${rest}`;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    while (rest.length > width) {
      const cut = breakPoint(rest, width);
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/**
 * Column widths that fit `total`: each column's natural width; then, while the row is too wide,
 * the `preferred` columns are narrowed in order down to their floor (the free-text columns first,
 * so ids stay whole), then the widest column one character at a time down to its minimum.
 */
export function fitColumns(
  natural: readonly number[],
  minimum: readonly number[],
  total: number,
  preferred: ReadonlyArray<readonly [index: number, floor: number]> = [],
): number[] {
  const widths = [...natural];
  const budget = total - GAP.length * (widths.length - 1);
  let excess = widths.reduce((a, b) => a + b, 0) - budget;
  for (const [i, floor] of preferred) {
    if (excess <= 0) break;
    const w = widths[i] ?? 0;
    const cut = Math.min(excess, Math.max(0, w - Math.max(floor, minimum[i] ?? 0)));
    widths[i] = w - cut;
    excess -= cut;
  }
  while (excess > 0) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) {
      const w = widths[i] ?? 0;
      if (w > (minimum[i] ?? 0) && (widest < 0 || w > (widths[widest] ?? 0))) widest = i;
    }
    if (widest < 0) break;
    widths[widest] = (widths[widest] ?? 0) - 1;
    excess--;
  }
  return widths;
}

function paint(text: string, compliance: string, color: boolean): string {
  const code = COLORS[compliance];
  return color && code ? `\u001b[${code}m${text}\u001b[0m` : text;
}

function header(report: ScanReport): string {
  const m = report.metadata;
  return (
    `${m.tool.name} ${m.tool.version} ${m.source} ${m.startedAt} by ${m.caller.arn || m.caller.account}` +
    ` | accounts ${m.accounts.join(',') || '-'} | regions ${m.regions.join(',') || '-'} | ${m.rules.length} rule(s)`
  );
}

function summary(report: ScanReport, shown: number, lineWidth: number): string[] {
  const counts = new Map<string, Map<string, number>>();
  for (const rule of report.metadata.rules) counts.set(rule, new Map());
  for (const e of report.evaluations) {
    const c = counts.get(e.rule) ?? new Map<string, number>();
    counts.set(e.rule, c);
    c.set(e.compliance, (c.get(e.compliance) ?? 0) + 1);
  }
  const label: Record<string, string> = {
    NON_COMPLIANT: 'non-compliant',
    ERROR: 'error',
    COMPLIANT: 'compliant',
    NOT_APPLICABLE: 'not applicable',
    INSUFFICIENT_DATA: 'insufficient data',
  };
  const width = Math.max(0, ...[...counts.keys()].map((r) => r.length));
  const out = ['', `Summary by rule (${report.evaluations.length} evaluation(s), ${shown} shown):`];
  for (const [rule, c] of counts) {
    const parts = COMPLIANCE_VALUES.filter((v) => c.get(v)).map((v) => `${c.get(v)} ${label[v]}`);
    const text = parts.length ? parts.join(', ') : 'no resources found';
    // The counts wrap in their own column; when the rule ids leave too little room, below them.
    const prefix = `  ${rule.padEnd(width)}  `;
    const indent = lineWidth - prefix.length >= 20 ? prefix.length : 4;
    const lines = wrap(text, Math.max(1, lineWidth - indent));
    if (indent === 4) out.push(`  ${rule}`);
    for (const [i, line] of lines.entries())
      out.push(`${i === 0 && indent !== 4 ? prefix : ' '.repeat(indent)}${line}`);
  }
  return out;
}

/**
 * One line per exemption after the summary (in force first, then expired): status, rule,
 * resource, expiry, approver, source and reason. Nothing when the scan saw none.
 */
export function exemptionLines(report: ScanReport): string[] {
  const notes = report.exemptions ?? [];
  if (notes.length === 0) return [];
  const active = notes.filter((n) => n.status === 'active');
  const expired = notes.filter((n) => n.status === 'expired');
  const out = ['', `Exemptions (${active.length} in force, ${expired.length} expired):`];
  for (const n of [...active, ...expired]) {
    const status = n.status === 'active' ? `until ${n.expires}` : `EXPIRED ${n.expires}`;
    out.push(`  ${status}  ${n.rule}  ${n.resourceId}  approved by ${n.approver} (${n.source}): ${n.reason}`);
  }
  return out;
}

/**
 * `--format table`: a header line (tool version, scan metadata), the filtered evaluations
 * (NON_COMPLIANT first, then ERROR, then the rest) in columns that fit the width, every cell
 * wrapped at word boundaries inside its own column, then a per-rule summary over the whole scan
 * that names the rules which found no resources.
 */
export function renderTable(
  report: ScanReport,
  filter: EvaluationFilter = {},
  options: TableOptions = {},
): string {
  const width = options.width ?? terminalWidth();
  const color = options.color ?? (Boolean(process.stdout.isTTY) && !process.env.NO_COLOR);
  const rows = applyFilter(report.evaluations, filter).sort(byAttention);
  const several =
    new Set(report.evaluations.map((e) => `${e.account} ${e.region}`)).size > 1 ||
    report.metadata.accounts.length > 1 ||
    report.metadata.regions.length > 1;
  const columns: Array<{ title: string; cell: (e: ScanEvaluation) => string }> = [
    { title: 'SEVERITY', cell: (e) => e.severity },
    { title: 'COMPLIANCE', cell: (e) => e.compliance },
    ...(several
      ? [{ title: 'ACCOUNT/REGION', cell: (e: ScanEvaluation) => `${e.account} ${e.region}` }]
      : []),
    { title: 'RULE', cell: (e) => e.rule },
    { title: 'RESOURCE', cell: (e) => `${e.resourceType} ${e.resourceId}` },
    { title: 'ANNOTATION', cell: (e) => e.annotation },
  ];
  const cells = rows.map((e) => columns.map((c) => c.cell(e)));
  const natural = columns.map((c, i) => Math.max(c.title.length, ...cells.map((r) => (r[i] ?? '').length)));
  const minimum = columns.map((c, i) =>
    // The status columns never wrap: they are short and what a reader scans for.
    i < 2 ? (natural[i] ?? 0) : Math.min(natural[i] ?? 0, Math.max(MIN_COLUMN, c.title.length)),
  );
  const last = columns.length - 1;
  // Narrow the annotation first (to a third of the line, at least 20), then the resource (to
  // 16), then whatever is widest (rule ids then wrap after their hyphens).
  const widths = fitColumns(natural, minimum, width, [
    [last, Math.max(20, Math.floor(width * 0.35))],
    [last - 1, 16],
  ]);
  const render = (values: string[], compliance: string): string[] => {
    const wrapped = values.map((v, i) => wrap(v, widths[i] ?? 1));
    const height = Math.max(...wrapped.map((w) => w.length));
    const lines: string[] = [];
    for (let l = 0; l < height; l++) {
      const parts = wrapped.map((w, i) => {
        const text = w[l] ?? '';
        const padded = i === wrapped.length - 1 ? text : text.padEnd(widths[i] ?? 0);
        return i === 1 ? paint(padded, compliance, color) : padded;
      });
      lines.push(parts.join(GAP).trimEnd());
    }
    return lines;
  };
  const out = [header(report), ''];
  out.push(
    ...render(
      columns.map((c) => c.title),
      '',
    ),
  );
  for (const [i, row] of cells.entries()) out.push(...render(row, rows[i]?.compliance ?? ''));
  if (rows.length === 0) out.push('(no evaluation matches)');
  out.push(...summary(report, rows.length, width));
  out.push(...exemptionLines(report));
  return out.join('\n');
}
