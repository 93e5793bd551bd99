import { appendFileSync, closeSync, fstatSync, mkdirSync, openSync, readSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { AutomationExecution, ExecutionStatus } from './types';

/**
 * The local runner's record of what it ran (issue 9: the evidence report lists them beside the
 * deployed executions). One JSON object per line (JSON Lines), appended after each
 * `glue-guardrails remediate` that executes something; dry runs change nothing and are not recorded.
 * Parameters are not kept (the resource id is): a record is evidence of what ran, not a replay.
 */
export interface LocalExecutionRecord {
  /** Record format version. */
  v: 1;
  executionId: string;
  document: string;
  rule?: string;
  /** The resource the document was run on (its ResourceId-like parameter), when it has one. */
  resourceId?: string;
  status: ExecutionStatus;
  startTime: string;
  endTime: string;
  account: string;
  region: string;
  /** Set when the run went to an endpoint other than AWS's (the emulator). */
  endpoint?: string;
  failureMessage?: string;
}

/**
 * Where records go: GLUE_GUARDRAILS_STATE_DIR, else $XDG_STATE_HOME/glue-guardrails, else
 * ~/.local/state/glue-guardrails; the file is remediations.jsonl.
 */
export function defaultRecordFile(env: NodeJS.ProcessEnv = process.env): string {
  const dir =
    env.GLUE_GUARDRAILS_STATE_DIR ||
    join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'glue-guardrails');
  return join(dir, 'remediations.jsonl');
}

/** The record of one execution (the parameters are already redacted; only the resource is kept). */
export function toRecord(
  execution: AutomationExecution,
  where: {
    account: string;
    region: string;
    endpoint?: string;
    rule?: string;
    /** The document parameter that names the resource (the rule's remediation link says which). */
    resourceIdParameter?: string;
  },
): LocalExecutionRecord {
  const record: LocalExecutionRecord = {
    v: 1,
    executionId: execution.AutomationExecutionId,
    document: execution.DocumentName,
    status: execution.AutomationExecutionStatus,
    startTime: execution.ExecutionStartTime,
    endTime: execution.ExecutionEndTime,
    account: where.account,
    region: where.region,
  };
  if (where.rule) record.rule = where.rule;
  const resourceId = where.resourceIdParameter && execution.Parameters[where.resourceIdParameter];
  if (resourceId && resourceId.length > 0) record.resourceId = resourceId.join(',');
  if (where.endpoint) record.endpoint = where.endpoint;
  if (execution.FailureMessage) record.failureMessage = execution.FailureMessage;
  return record;
}

/** Appends records (one line each, one write); creates the directory when missing. */
export function appendRecords(file: string, records: readonly LocalExecutionRecord[]): void {
  if (records.length === 0) return;
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, records.map((r) => `${JSON.stringify(r)}\n`).join(''), { mode: 0o600 });
}

/** Reading stops at this many trailing bytes: the newest records, whatever the file's size. */
export const READ_TAIL_BYTES = 4 * 1024 * 1024;

const STATUSES: readonly string[] = ['Success', 'Failed', 'TimedOut', 'Cancelled'];

function isRecord(x: unknown): x is LocalExecutionRecord {
  const r = x as Record<string, unknown> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    r.v === 1 &&
    ['executionId', 'document', 'startTime', 'endTime', 'account', 'region'].every(
      (k) => typeof r[k] === 'string',
    ) &&
    STATUSES.includes(r.status as string)
  );
}

/**
 * The records in the file, newest first (by start time); a missing file holds none. Lines that are
 * not records (a torn write, an edit) are counted in `skipped`, never guessed at.
 */
export function readRecords(file: string): { records: LocalExecutionRecord[]; skipped: number } {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], skipped: 0 };
    throw error;
  }
  let text: string;
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, READ_TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    text = buffer.toString('utf8');
    // Started mid-file: the first (partial) line is not a record.
    if (length < size) text = text.slice(text.indexOf('\n') + 1);
  } finally {
    closeSync(fd);
  }
  const records: LocalExecutionRecord[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed: unknown = JSON.parse(line);
      if (isRecord(parsed)) records.push(parsed);
      else skipped++;
    } catch {
      skipped++;
    }
  }
  records.sort((a, b) => (a.startTime < b.startTime ? 1 : a.startTime > b.startTime ? -1 : 0));
  return { records, skipped };
}
