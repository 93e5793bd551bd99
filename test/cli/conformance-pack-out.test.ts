import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main';
import { writeOutputFile } from '../../cli/output-file';

const PREFIX_ARN = 'arn:aws:lambda:eu-west-1:111122223333:function:';
const scratch = mkdtempSync(join(tmpdir(), 'gg-pack-out-'));
let n = 0;
const dir = (): string => {
  const d = join(scratch, String(n++));
  mkdirSync(d);
  return d;
};

afterEach(() => vi.restoreAllMocks());
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the command, returning its exit code and what it printed on stderr. */
async function pack(...args: string[]): Promise<{ code: number; stderr: string }> {
  const errors: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((line: string) => {
    errors.push(String(line));
  });
  const code = await main(['conformance-pack', '--function-arn-prefix', PREFIX_ARN, ...args]);
  return { code, stderr: errors.join('\n') };
}

describe('CLI: conformance-pack --out', () => {
  it('writes a new file', async () => {
    // Prepare
    const out = join(dir(), 'pack.yaml');
    // Act
    const { code } = await pack('--out', out);
    // Assess
    expect(code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('AWS::Config::ConfigRule');
  });

  it('refuses to overwrite an existing file without --force, naming it', async () => {
    // Prepare
    const out = join(dir(), 'pack.yaml');
    writeFileSync(out, 'keep me');
    // Act
    const { code, stderr } = await pack('--out', out);
    // Assess
    expect(code).toBe(2);
    expect(stderr).toContain(`--out ${out} already exists; pass --force to overwrite it`);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
  });

  it('overwrites an existing file with --force', async () => {
    // Prepare
    const out = join(dir(), 'pack.yaml');
    writeFileSync(out, 'old template, longer than nothing at all '.repeat(2000));
    // Act
    const { code } = await pack('--out', out, '--force');
    // Assess
    expect(code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('AWS::Config::ConfigRule');
    expect(text).not.toContain('old template'); // truncated, not written over the start
  });

  it.each([[[]], [['--force']]])('never follows a symbolic link (extra args %j)', async (extra) => {
    // Prepare: the link points at a file the user did not name
    const d = dir();
    const target = join(d, 'precious.txt');
    writeFileSync(target, 'precious');
    const out = join(d, 'pack.yaml');
    symlinkSync(target, out);
    // Act
    const { code, stderr } = await pack('--out', out, ...extra);
    // Assess
    expect(code).toBe(2);
    expect(stderr).toContain(`--out ${out} is a symbolic link; refusing to follow it`);
    expect(readFileSync(target, 'utf8')).toBe('precious');
  });

  it('does not create the target of a dangling symbolic link', async () => {
    // Prepare
    const d = dir();
    const target = join(d, 'created-elsewhere.yaml');
    const out = join(d, 'pack.yaml');
    symlinkSync(target, out);
    // Act
    const { code, stderr } = await pack('--out', out, '--force');
    // Assess
    expect(code).toBe(2);
    expect(stderr).toContain(out);
    expect(existsSync(target)).toBe(false);
  });

  it('refuses a directory and --force without --out', async () => {
    // Prepare
    const d = dir();
    // Act
    const onDir = await pack('--out', d, '--force');
    const noOut = await pack('--force');
    // Assess
    expect(onDir.code).toBe(2);
    expect(onDir.stderr).toContain(`--out ${d} is a directory`);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--force only applies with --out');
  });
});

describe('writeOutputFile', () => {
  it('creates with O_EXCL: a file that appears after the check is not overwritten', () => {
    // Prepare: the open itself refuses an existing path (no force)
    const out = join(dir(), 'raced.yaml');
    writeFileSync(out, 'first');
    // Act / Assess
    expect(() => writeOutputFile(out, 'second')).toThrow(`${out} already exists`);
    expect(readFileSync(out, 'utf8')).toBe('first');
  });
});
