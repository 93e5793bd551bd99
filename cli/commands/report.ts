import { existsSync } from 'node:fs';
import { ruleCatalog } from '../../functions/rules/catalog';
import type { AwsContext } from '../../functions/runtime/aws';
import packageJson from '../../package.json';
import { defaultRecordFile } from '../../remediation/runner/records';
import { awsFromOptions } from '../aws-options';
import { ExitCode, UsageError } from '../errors';
import { parse } from '../options';
import { applyFilter } from '../output/report';
import { writeOutputFile } from '../output-file';
import { readDeployedExecutions, readLocalExecutions } from '../report/executions';
import { renderReportHtml } from '../report/html';
import {
  readMetadataSidecar,
  readSavedScan,
  type SavedMetadata,
  SavedScanError,
  sidecarPath,
} from '../report/load';
import { buildReportModel, type DeployedExecutions, type ReportInput } from '../report/model';
import type { ScanEvaluation, ScanReport } from '../scan-types';
import { aggregatorReport, parseScanRequest, SCAN_OPTIONS, scopeReport } from './scan';

export const usage = `Usage: glue-guardrails report --out FILE [options]

Writes the evidence report: one self-contained HTML file (no script, nothing fetched, prints on
A4) with the scan's metadata, compliance by rule and by severity, each rule's statement, control,
framework mapping, offenders and remediation, the exemptions in force and expired, and the
remediation executions (deployed: SSM Automation; local: the runner's records).
The scan is made now (the scan command's scope options), read from a Config aggregator
(--aggregator), or read from a saved \`scan --format json\` file (--from).
Exit code: 0 written, 2 error.

Options:
  --out FILE          the HTML file to write (never follows a link; refuses to overwrite unless --force)
  --force             overwrite --out
  --from FILE         a saved \`scan --format json\` file instead of scanning; its metadata is read
                      from --metadata or from FILE's sidecar (<name>.metadata.json, as --output-dir
                      writes it) when present. With --region/--profile/--endpoint, the deployed
                      executions are read too.
  --metadata FILE     the scan's metadata sidecar (with --from)
  --name-prefix P     the deployment's namePrefix (its documents are <P><document>); with
                      --aggregator also its rules' prefix
  --local-records F   the local runner's records (default ${defaultRecordFile().replace(process.env.HOME ?? '\0', '~')})
  Scope (as scan): --rules, --param, --regions, --accounts, --organization, --role-name,
  --external-id, --concurrency, --aggregator; --status/--severity show only those results.
  --region R          AWS region (default: AWS_REGION)
  --endpoint URL      send every AWS call to this endpoint (an emulator, a VPC endpoint)
  --profile P         named profile from the shared AWS config`;

/** The report's own options; the rest are the scan command's (SCAN_OPTIONS), parsed by it. */
const REPORT_ONLY = {
  out: { type: 'string' },
  force: { type: 'boolean' },
  from: { type: 'string' },
  metadata: { type: 'string' },
  'local-records': { type: 'string' },
} as const;

export const REPORT_OPTIONS = { ...SCAN_OPTIONS, ...REPORT_ONLY } as const;

/** scan options that make no sense for a report. */
const NOT_FOR_REPORT = ['format', 'output-dir', 'to-security-hub'] as const;
/** scan options that choose what to scan, refused with --from. */
const SCOPE = [
  'rules',
  'param',
  'regions',
  'accounts',
  'organization',
  'role-name',
  'external-id',
  'concurrency',
  'aggregator',
] as const;

export interface ReportRequest {
  out: string;
  force: boolean;
  from?: string;
  metadata?: string;
  localRecords?: string;
  namePrefix: string;
  /** The arguments the scan command's parser gets (report-only options taken out). */
  scanArgv: string[];
  /** Whether any of --region/--endpoint/--profile was given. */
  awsGiven: boolean;
}

/** Parses the report's options; the scope options stay in scanArgv for parseScanRequest. */
export function parseReportRequest(argv: string[]): ReportRequest {
  const { values, tokens } = parse({
    args: argv,
    options: REPORT_OPTIONS,
    strict: true,
    allowPositionals: false,
    tokens: true,
  });
  const given = new Set<string>(tokens.flatMap((t) => (t.kind === 'option' ? [t.name] : [])));
  const misplaced = NOT_FOR_REPORT.filter((o) => given.has(o));
  if (misplaced.length > 0)
    throw new UsageError(`--${misplaced.join(', --')} does not apply to report (it writes HTML to --out)`);
  if (!values.out || values.out.trim() === '') throw new UsageError('--out FILE is required');
  if (values.metadata !== undefined && values.from === undefined)
    throw new UsageError('--metadata applies only with --from');
  if (values.from !== undefined) {
    const scoped = SCOPE.filter((o) => given.has(o));
    if (scoped.length > 0)
      throw new UsageError(
        `--from reads a saved scan: drop --${scoped.join(', --')} (they choose what to scan)`,
      );
  }
  // The report's options, and --name-prefix unless the aggregator parser takes it, leave the scan's argv.
  const own = new Set<string>([
    ...Object.keys(REPORT_ONLY),
    ...(values.aggregator === undefined ? ['name-prefix'] : []),
  ]);
  const drop = new Set<number>();
  for (const t of tokens)
    if (t.kind === 'option' && own.has(t.name)) {
      drop.add(t.index);
      if (t.value !== undefined && !t.inlineValue) drop.add(t.index + 1);
    }
  const request: ReportRequest = {
    out: values.out,
    force: values.force === true,
    namePrefix: values['name-prefix'] ?? '',
    scanArgv: argv.filter((_, i) => !drop.has(i)),
    awsGiven: ['region', 'endpoint', 'profile'].some((o) => given.has(o)),
  };
  if (values.from !== undefined) request.from = values.from;
  if (values.metadata !== undefined) request.metadata = values.metadata;
  if (values['local-records'] !== undefined) request.localRecords = values['local-records'];
  return request;
}

/** The documents of the rules in the scan, for the deployed executions. */
function documentsOf(rules: readonly string[]): string[] {
  return ruleCatalog.flatMap((r) => (rules.includes(r.id) && r.remediation ? [r.remediation.document] : []));
}

interface Source {
  evaluations: ScanEvaluation[];
  metadata?: SavedMetadata;
  exemptions?: ScanReport['exemptions'];
  label: string;
  aws?: AwsContext;
}

async function savedSource(request: ReportRequest & { from: string }): Promise<Source> {
  // The saved file decides what is shown; --status/--severity narrow it further.
  const { output } = parseScanRequest(request.scanArgv);
  const evaluations = applyFilter(readSavedScan(request.from), output.filter);
  const source: Source = { evaluations, label: `saved scan ${request.from}` };
  const sidecar =
    request.metadata ?? (existsSync(sidecarPath(request.from)) ? sidecarPath(request.from) : undefined);
  if (sidecar) source.metadata = readMetadataSidecar(sidecar);
  if (request.awsGiven) source.aws = await awsFromOptions(parseScanRequest(request.scanArgv).aws);
  return source;
}

async function liveSource(request: ReportRequest): Promise<Source | undefined> {
  const scan = parseScanRequest(request.scanArgv);
  const aws = await awsFromOptions(scan.aws);
  const report = scan.aggregator ? await aggregatorReport(aws, scan) : await scopeReport(aws, scan);
  if (!report) return undefined;
  const source: Source = {
    evaluations: applyFilter(report.evaluations, scan.output.filter),
    metadata: report.metadata,
    label: scan.aggregator ? `AWS Config aggregator ${scan.aggregator.name}` : 'live scan',
    aws,
  };
  if (report.exemptions) source.exemptions = report.exemptions;
  return source;
}

export async function run(argv: string[]): Promise<number> {
  const request = parseReportRequest(argv);
  // Checked before any AWS call: a bad --out, --from or --metadata fails fast.
  if (existsSync(request.out) && !request.force)
    throw new UsageError(`${request.out} already exists; pass --force to overwrite it`);
  let source: Source | undefined;
  try {
    source = request.from ? await savedSource({ ...request, from: request.from }) : await liveSource(request);
  } catch (error) {
    if (error instanceof SavedScanError) throw new UsageError(error.message);
    throw error;
  }
  if (!source) return ExitCode.ERROR;

  const rules = source.metadata?.rules ?? [...new Set(source.evaluations.map((e) => e.rule))];
  let deployed: DeployedExecutions;
  if (source.aws) {
    deployed = await readDeployedExecutions(source.aws, {
      documents: documentsOf(rules),
      namePrefix: request.namePrefix,
      regions: source.metadata?.regions ?? [...new Set(source.evaluations.map((e) => e.region))],
    });
  } else {
    deployed = {
      state: 'not-read',
      reason:
        'the report was made from a saved scan without AWS options (give --region or --profile to read them)',
    };
  }
  const accounts = source.metadata?.accounts ?? [...new Set(source.evaluations.map((e) => e.account))];
  const input: ReportInput = {
    evaluations: source.evaluations,
    sourceLabel: source.label,
    deployed,
    local: readLocalExecutions(accounts, request.localRecords),
    generatedAt: new Date().toISOString(),
    generator: { name: packageJson.name, version: packageJson.version },
  };
  if (source.metadata) input.metadata = source.metadata;
  if (source.exemptions) input.exemptions = source.exemptions;
  const model = buildReportModel(input);
  writeOutputFile(request.out, renderReportHtml(model), { force: request.force });
  console.error(
    `wrote ${request.out}: ${model.rules.length} rules, ${model.totals.total} evaluations, ${model.totals.NON_COMPLIANT} non-compliant`,
  );
  return ExitCode.OK;
}
