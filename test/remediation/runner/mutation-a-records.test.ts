import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  appendRecords,
  defaultRecordFile,
  type LocalExecutionRecord,
  READ_TAIL_BYTES,
  readRecords,
  toRecord,
} from '../../../remediation/runner/records';
import type { AutomationExecution } from '../../../remediation/runner/types';

/** Literal oracles for the local runner's execution records (issue 11: surviving mutants of records.ts). */

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gg-records-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function execution(extra: Partial<AutomationExecution> = {}): AutomationExecution {
  return {
    AutomationExecutionId: 'exec-1',
    DocumentName: 'EnforceGlueConnectionSsl',
    AutomationExecutionStatus: 'Success',
    Parameters: { ConnectionName: ['warehouse'], AutomationAssumeRole: ['arn:aws:iam::1:role/R'] },
    Outputs: {},
    StepExecutions: [],
    ExecutionStartTime: '2026-12-05T10:00:00.000Z',
    ExecutionEndTime: '2026-12-05T10:00:05.000Z',
    ...extra,
  };
}

function record(
  id: string,
  startTime: string,
  extra: Partial<LocalExecutionRecord> = {},
): LocalExecutionRecord {
  return {
    v: 1,
    executionId: id,
    document: 'EnforceGlueConnectionSsl',
    status: 'Success',
    startTime,
    endTime: startTime,
    account: '123456789012',
    region: 'eu-west-1',
    ...extra,
  };
}
const line = (r: unknown): string => `${JSON.stringify(r)}\n`;

describe('records: defaultRecordFile', () => {
  it('GLUE_GUARDRAILS_STATE_DIR wins over XDG_STATE_HOME', () => {
    expect(defaultRecordFile({ GLUE_GUARDRAILS_STATE_DIR: '/s', XDG_STATE_HOME: '/x' })).toBe(
      '/s/remediations.jsonl',
    );
  });
  it('XDG_STATE_HOME/glue-guardrails when no state dir is set (an empty one counts as unset)', () => {
    expect(defaultRecordFile({ XDG_STATE_HOME: '/x' })).toBe('/x/glue-guardrails/remediations.jsonl');
    expect(defaultRecordFile({ GLUE_GUARDRAILS_STATE_DIR: '', XDG_STATE_HOME: '/x' })).toBe(
      '/x/glue-guardrails/remediations.jsonl',
    );
  });
  it('~/.local/state/glue-guardrails otherwise (an empty XDG_STATE_HOME counts as unset)', () => {
    const expected = `${homedir()}/.local/state/glue-guardrails/remediations.jsonl`;
    expect(defaultRecordFile({})).toBe(expected);
    expect(defaultRecordFile({ XDG_STATE_HOME: '' })).toBe(expected);
  });
});

describe('records: toRecord', () => {
  it('keeps the execution fields, the rule, the resource id, the endpoint and the failure message', () => {
    const run = execution({ AutomationExecutionStatus: 'Failed', FailureMessage: "Step 'A' failed: boom" });
    const got = toRecord(run, {
      account: '123456789012',
      region: 'eu-west-1',
      endpoint: 'http://127.0.0.1:5000',
      rule: 'glue-connection-ssl',
      resourceIdParameter: 'ConnectionName',
    });
    expect(got).toStrictEqual({
      v: 1,
      executionId: 'exec-1',
      document: 'EnforceGlueConnectionSsl',
      status: 'Failed',
      startTime: '2026-12-05T10:00:00.000Z',
      endTime: '2026-12-05T10:00:05.000Z',
      account: '123456789012',
      region: 'eu-west-1',
      rule: 'glue-connection-ssl',
      resourceId: 'warehouse',
      endpoint: 'http://127.0.0.1:5000',
      failureMessage: "Step 'A' failed: boom",
    });
  });

  it('joins a list-valued resource parameter with commas', () => {
    const run = execution({ Parameters: { JobNames: ['a', 'b', 'c'] } });
    const got = toRecord(run, { account: '1', region: 'r', resourceIdParameter: 'JobNames' });
    expect(got.resourceId).toBe('a,b,c');
  });

  it('omits what is not known: no rule, no resource parameter, no endpoint, no failure', () => {
    const got = toRecord(execution(), { account: '123456789012', region: 'eu-west-1' });
    expect(got).toStrictEqual({
      v: 1,
      executionId: 'exec-1',
      document: 'EnforceGlueConnectionSsl',
      status: 'Success',
      startTime: '2026-12-05T10:00:00.000Z',
      endTime: '2026-12-05T10:00:05.000Z',
      account: '123456789012',
      region: 'eu-west-1',
    });
  });

  it('omits the resource id when the named parameter is missing or empty', () => {
    const run = execution({ Parameters: { Empty: [] } });
    expect('resourceId' in toRecord(run, { account: '1', region: 'r', resourceIdParameter: 'Empty' })).toBe(
      false,
    );
    expect('resourceId' in toRecord(run, { account: '1', region: 'r', resourceIdParameter: 'Nope' })).toBe(
      false,
    );
  });
});

describe('records: appendRecords', () => {
  it('writes one JSON line per record, creating missing directories, readable by the owner only', () => {
    const file = join(tempDir(), 'a', 'b', 'remediations.jsonl');
    const a = record('a', '2026-01-01T00:00:00Z');
    const b = record('b', '2026-01-02T00:00:00Z', { rule: 'r' });
    appendRecords(file, [a, b]);
    expect(readFileSync(file, 'utf8')).toBe(
      '{"v":1,"executionId":"a","document":"EnforceGlueConnectionSsl","status":"Success",' +
        '"startTime":"2026-01-01T00:00:00Z","endTime":"2026-01-01T00:00:00Z","account":"123456789012","region":"eu-west-1"}\n' +
        '{"v":1,"executionId":"b","document":"EnforceGlueConnectionSsl","status":"Success",' +
        '"startTime":"2026-01-02T00:00:00Z","endTime":"2026-01-02T00:00:00Z","account":"123456789012","region":"eu-west-1","rule":"r"}\n',
    );
    expect(statSync(file).mode & 0o777).toBe(0o600);
    appendRecords(file, [record('c', '2026-01-03T00:00:00Z')]);
    expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(4);
  });

  it('writes nothing, and creates no directory, for no records', () => {
    const dir = join(tempDir(), 'state');
    appendRecords(join(dir, 'remediations.jsonl'), []);
    expect(() => statSync(dir)).toThrow(/ENOENT/);
  });
});

describe('records: readRecords', () => {
  it('a missing file holds no records; another open error is thrown', () => {
    const dir = tempDir();
    expect(readRecords(join(dir, 'none.jsonl'))).toEqual({ records: [], skipped: 0 });
    const notADir = join(dir, 'plain');
    writeFileSync(notADir, 'x');
    expect(() => readRecords(join(notADir, 'remediations.jsonl'))).toThrow(/ENOTDIR/);
  });

  it('returns the records newest first; records with the same start time keep their file order', () => {
    const file = join(tempDir(), 'r.jsonl');
    const ids = [
      ['b', '2026-01-02T00:00:00Z'],
      ['a', '2026-01-01T00:00:00Z'],
      ['d', '2026-01-04T00:00:00Z'],
      ['t1', '2026-01-03T00:00:00Z'],
      ['t2', '2026-01-03T00:00:00Z'],
      ['e', '2026-01-05T00:00:00Z'],
      ['t3', '2026-01-03T00:00:00Z'],
    ] as const;
    writeFileSync(file, ids.map(([id, t]) => line(record(id, t))).join(''));
    const { records, skipped } = readRecords(file);
    expect(records.map((r) => r.executionId)).toEqual(['e', 'd', 't1', 't2', 't3', 'b', 'a']);
    expect(skipped).toBe(0);
    expect(records[0]).toStrictEqual(record('e', '2026-01-05T00:00:00Z'));
  });

  it('counts every line that is not a record as skipped, and blank lines as nothing', () => {
    const file = join(tempDir(), 'r.jsonl');
    const good = record('good', '2026-01-01T00:00:00Z');
    const { executionId: _e, ...noId } = good;
    const lines = [
      line(good),
      '\n',
      '   \t\n',
      '{"v":1,"executionId":"torn"\n', // a torn write
      'null\n',
      '"text"\n',
      '42\n',
      line([good]),
      line({ ...good, v: 2 }),
      line(noId),
      line({ ...good, region: 7 }),
      line({ ...good, document: null }),
      line({ ...good, account: ['123456789012'] }),
      line({ ...good, startTime: 1 }),
      line({ ...good, endTime: true }),
      line({ ...good, status: 'InProgress' }),
      line({ status: 'Success' }),
      line({ v: 1, status: 'Success' }),
    ];
    writeFileSync(file, lines.join(''));
    const { records, skipped } = readRecords(file);
    expect(records).toStrictEqual([good]);
    expect(skipped).toBe(15);
  });

  it(`reads only the last ${READ_TAIL_BYTES} bytes, dropping the partial line it starts in`, () => {
    const file = join(tempDir(), 'big.jsonl');
    const old = record('old', '2026-01-01T00:00:00Z', { failureMessage: 'x'.repeat(READ_TAIL_BYTES) });
    const fresh = record('fresh', '2026-01-02T00:00:00Z');
    writeFileSync(file, line(old));
    appendFileSync(file, line(fresh));
    expect(readRecords(file)).toStrictEqual({ records: [fresh], skipped: 0 });
  });

  it('keeps the first line of a file that fits the tail exactly', () => {
    const file = join(tempDir(), 'fit.jsonl');
    const first = record('first', '2026-01-01T00:00:00Z');
    const second = record('second', '2026-01-02T00:00:00Z');
    const head = line(first);
    const filler = READ_TAIL_BYTES - head.length - line(second).length;
    // Pad the first record so that the file is exactly READ_TAIL_BYTES long.
    const padded = { ...first, failureMessage: '' };
    const base = line(padded).length;
    const firstPadded = { ...first, failureMessage: 'y'.repeat(filler + head.length - base) };
    writeFileSync(file, line(firstPadded) + line(second));
    expect(statSync(file).size).toBe(READ_TAIL_BYTES);
    expect(readRecords(file)).toStrictEqual({ records: [second, firstPadded], skipped: 0 });
  });
});
