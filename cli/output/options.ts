import { lstatSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameworkId } from '../../functions/runtime/meta';
import { UsageError } from '../errors';
import { OutputFileError, writeOutputFile } from '../output-file';
import type { ScanReport } from '../scan-types';
import { renderAsff } from './asff';
import { renderCsv } from './csv';
import { renderFrameworkTable } from './framework-table';
import { renderJson, renderMetadata } from './json';
import { COMPLIANCE_VALUES, type EvaluationFilter, SEVERITY_VALUES } from './report';
import { renderTable, type TableOptions } from './table';

export const SCAN_FORMATS = ['table', 'json', 'csv', 'asff'] as const;
export type ScanFormat = (typeof SCAN_FORMATS)[number];

/** The scan command's output options, for parseArgs. */
export const SCAN_OUTPUT_OPTIONS = {
  format: { type: 'string', default: 'table' },
  'output-dir': { type: 'string' },
  status: { type: 'string' },
  severity: { type: 'string' },
  'to-security-hub': { type: 'boolean', default: false },
} as const;

export const SCAN_OUTPUT_USAGE = `  --format F          table (default, fits the terminal), json, csv or asff
  --output-dir DIR    also write every format to DIR (created if missing), named by scan time:
                      glue-guardrails-<time>.{txt,json,csv,asff.json,metadata.json}; never
                      overwrites a file or follows a symbolic link
  --status S,...      only these results: ${COMPLIANCE_VALUES.join(', ')}
  --severity S,...    only rules of these severities: ${SEVERITY_VALUES.join(', ')}
  --to-security-hub   import NON_COMPLIANT results into Security Hub (BatchImportFindings) of
                      each account (through its role) and region, and resolve this tool's earlier
                      findings whose resource is now fixed or gone`;

export interface ScanOutputOptions {
  format: ScanFormat;
  outputDir?: string;
  filter: EvaluationFilter;
  toSecurityHub: boolean;
  /** `--framework`: the table groups by this framework's controls. */
  framework?: FrameworkId;
}

function list(option: string, value: unknown, allowed: readonly string[]): string[] | undefined {
  if (value === undefined) return undefined;
  const items = String(value)
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  if (items.length === 0) throw new UsageError(`--${option} names no value (got '${value}')`);
  const unknown = items.filter((i) => !allowed.includes(i));
  if (unknown.length > 0)
    throw new UsageError(`--${option}: unknown value(s) ${unknown.join(', ')}; use ${allowed.join(', ')}`);
  return [...new Set(items)];
}

/** Reads the output options from parseArgs values; unknown values are usage errors. */
export function parseScanOutputOptions(values: Record<string, unknown>): ScanOutputOptions {
  const format = (values.format ?? 'table') as string;
  if (!(SCAN_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format must be one of ${SCAN_FORMATS.join(', ')}, got '${format}'`);
  const outputDir = values['output-dir'] as string | undefined;
  if (outputDir !== undefined && outputDir.trim() === '')
    throw new UsageError('--output-dir needs a directory');
  const filter: EvaluationFilter = {};
  const statuses = list('status', values.status, COMPLIANCE_VALUES);
  if (statuses) filter.statuses = statuses;
  const severities = list('severity', values.severity, SEVERITY_VALUES);
  if (severities) filter.severities = severities;
  const options: ScanOutputOptions = {
    format: format as ScanFormat,
    filter,
    toSecurityHub: values['to-security-hub'] === true,
  };
  if (outputDir !== undefined) options.outputDir = outputDir;
  return options;
}

/** One format's text; with `table.framework`, the table is grouped by that framework's controls. */
export function render(
  format: ScanFormat,
  report: ScanReport,
  filter: EvaluationFilter = {},
  table: TableOptions & { framework?: FrameworkId } = {},
): string {
  switch (format) {
    case 'json':
      return renderJson(report, filter);
    case 'csv':
      return renderCsv(report, filter);
    case 'asff':
      return renderAsff(report, filter);
    default: {
      const { framework, ...options } = table;
      return framework
        ? renderFrameworkTable(report, framework, filter, options)
        : renderTable(report, filter, options);
    }
  }
}

/** `2026-12-05T08:30:00.123Z` -> `2026-12-05T08-30-00Z`: a file-name-safe scan time. */
export function fileStamp(iso: string): string {
  return `${iso.slice(0, 19).replaceAll(':', '-')}Z`;
}

/**
 * Checked before a scan runs, so a bad --output-dir fails fast: refuses a symbolic link and a
 * path that is not a directory. Returns whether the directory exists.
 */
export function checkOutputDir(dir: string): boolean {
  const existing = lstatSync(dir, { throwIfNoEntry: false });
  if (existing?.isSymbolicLink())
    throw new OutputFileError(
      `--output-dir ${dir} is a symbolic link; refusing to follow it (give the real path)`,
    );
  if (existing && !existing.isDirectory())
    throw new OutputFileError(`--output-dir ${dir} is not a directory`);
  return existing !== undefined;
}

/**
 * --output-dir: every format at once, plus the scan metadata as a sidecar file, named by the
 * scan's start time. The directory is created when missing and refused when it is a symbolic
 * link; each file is refused when it exists or is a link (writeOutputFile). Returns the paths.
 */
export function writeOutputDir(
  dir: string,
  report: ScanReport,
  filter: EvaluationFilter = {},
  framework?: FrameworkId,
): string[] {
  if (!checkOutputDir(dir)) mkdirSync(dir, { recursive: true });
  const text = { width: 160, color: false };
  const base = join(dir, `${report.metadata.tool.name}-${fileStamp(report.metadata.startedAt)}`);
  const files: Array<[string, string]> = [
    [
      `${base}.txt`,
      `${framework ? renderFrameworkTable(report, framework, filter, text) : renderTable(report, filter, text)}\n`,
    ],
    [`${base}.json`, `${renderJson(report, filter)}\n`],
    [`${base}.csv`, renderCsv(report, filter)],
    [`${base}.asff.json`, `${renderAsff(report, filter)}\n`],
    [`${base}.metadata.json`, `${renderMetadata(report, filter)}\n`],
  ];
  // Refuse before writing anything, so a clash never leaves half a set behind.
  for (const [path] of files)
    if (lstatSync(path, { throwIfNoEntry: false }))
      throw new OutputFileError(`${path} already exists (or is a link); not overwriting it`);
  for (const [path, text] of files) writeOutputFile(path, text);
  return files.map(([path]) => path);
}
