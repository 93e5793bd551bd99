import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { COMPLIANCE_VALUES } from '../output/report';
import type { ScanEvaluation, ScanMetadata } from '../scan-types';

/** A saved scan that cannot be read as one; the message names the file and what is wrong. */
export class SavedScanError extends Error {
  override readonly name = 'SavedScanError';
}

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStringArray = (x: unknown): x is string[] =>
  Array.isArray(x) && x.every((v) => typeof v === 'string');

const REQUIRED: readonly (keyof ScanEvaluation)[] = [
  'account',
  'region',
  'rule',
  'severity',
  'control',
  'resourceType',
  'resourceId',
  'annotation',
  'evaluatedAt',
];

function exemptionProblem(x: unknown): string | undefined {
  if (!isObject(x)) return 'exemption is not an object';
  for (const k of ['rule', 'resourceId', 'reason', 'approver', 'expires'])
    if (typeof x[k] !== 'string') return `exemption.${k} is not a string`;
  if (x.source !== 'deployment' && x.source !== 'tag') return `exemption.source must be deployment or tag`;
  if (x.status !== 'active' && x.status !== 'expired') return `exemption.status must be active or expired`;
  return undefined;
}

/** What is wrong with one item of a `scan --format json` array, or undefined when it is an evaluation. */
export function evaluationProblem(x: unknown): string | undefined {
  if (!isObject(x)) return 'is not an object';
  for (const k of REQUIRED) if (typeof x[k] !== 'string') return `${k} is missing or not a string`;
  if (!(COMPLIANCE_VALUES as readonly unknown[]).includes(x.compliance))
    return `compliance must be one of ${COMPLIANCE_VALUES.join(', ')}, got ${JSON.stringify(x.compliance)?.slice(0, 40)}`;
  if (x.offenders !== undefined && !isStringArray(x.offenders)) return 'offenders is not a list of strings';
  for (const k of ['error', 'remediation'])
    if (x[k] !== undefined && typeof x[k] !== 'string') return `${k} is not a string`;
  if (x.exemption !== undefined) return exemptionProblem(x.exemption);
  return undefined;
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SavedScanError(
      `${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SavedScanError(`${what} ${file} is not JSON: ${(error as Error).message}`);
  }
}

/** Reads and checks a saved `scan --format json` file: the array of evaluations, nothing else. */
export function readSavedScan(file: string): ScanEvaluation[] {
  const data = readJson(file, 'saved scan');
  if (!Array.isArray(data))
    throw new SavedScanError(
      `saved scan ${file} is not the array \`scan --format json\` prints (got ${isObject(data) ? 'an object' : typeof data})`,
    );
  const problems: string[] = [];
  data.forEach((item, i) => {
    const problem = evaluationProblem(item);
    if (problem) problems.push(`item ${i}: ${problem}`);
  });
  if (problems.length > 0)
    throw new SavedScanError(
      `saved scan ${file} is not a scan --format json output: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}`,
    );
  return data as ScanEvaluation[];
}

export type SavedMetadata = ScanMetadata & {
  filter?: { status: string[] | null; severity: string[] | null };
};

/** Reads and checks the metadata sidecar `scan --output-dir` writes (<name>.metadata.json). */
export function readMetadataSidecar(file: string): SavedMetadata {
  const m = readJson(file, 'metadata');
  const bad = (what: string): never => {
    throw new SavedScanError(`metadata ${file} is not a scan metadata sidecar: ${what}`);
  };
  if (!isObject(m)) return bad('not an object');
  if (!isObject(m.tool) || typeof m.tool.name !== 'string' || typeof m.tool.version !== 'string')
    bad('tool.name / tool.version missing');
  for (const k of ['startedAt', 'finishedAt']) if (typeof m[k] !== 'string') bad(`${k} missing`);
  if (!isObject(m.caller) || typeof m.caller.account !== 'string' || typeof m.caller.arn !== 'string')
    bad('caller.account / caller.arn missing');
  if (m.source !== 'scan' && m.source !== 'aggregator') bad('source must be scan or aggregator');
  for (const k of ['accounts', 'regions', 'rules'])
    if (!isStringArray(m[k])) bad(`${k} is not a list of strings`);
  if (
    !isObject(m.parameters) ||
    !Object.values(m.parameters).every(
      (p) => isObject(p) && Object.values(p).every((v) => typeof v === 'string'),
    )
  )
    bad('parameters is not rule -> name -> value');
  return m as unknown as SavedMetadata;
}

/** `<dir>/<name>.json` -> `<dir>/<name>.metadata.json`, the sidecar scan --output-dir writes beside it. */
export function sidecarPath(file: string): string {
  return join(dirname(file), `${basename(file).replace(/\.json$/i, '')}.metadata.json`);
}
