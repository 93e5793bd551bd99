import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main';

/**
 * The real `npm run emulator`, as a user starts it: its own process group (like a terminal's
 * foreground job), signalled as a group (like Ctrl-C).
 */
const repoRoot = join(import.meta.dirname, '..', '..');
const started: ChildProcess[] = [];

interface Running {
  child: ChildProcess;
  endpoint: string;
  output: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startCommand(args: string[]): Promise<Running> {
  const child = spawn('npm', ['run', '--silent', 'emulator', '--', ...args], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' },
  });
  started.push(child);
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    // 'close': npm has exited and every process holding its output (the CLI) has too.
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      const match = /Emulator listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match?.[1]) {
        clearInterval(poll);
        resolve({ child, endpoint: match[1], output: () => out, exit });
      }
    }, 100);
    void exit.then(({ code, signal }) => {
      clearInterval(poll);
      reject(new Error(`npm run emulator exited (${code ?? signal}) before printing its endpoint:\n${out}`));
    });
  });
}

/** Pids of live processes whose command line contains every one of these arguments. */
function processesWith(...args: string[]): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (args.every((a) => argv.includes(a))) pids.push(Number(entry));
  }
  return pids;
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function answers(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch(`${endpoint}/moto-api/glue-guardrails/health`, {
      signal: AbortSignal.timeout(2_000),
    });
    return response.ok;
  } catch {
    return false;
  }
}

afterEach(() => {
  // A failed test must not leave the command (or its server) behind.
  for (const child of started.splice(0)) {
    if (child.pid !== undefined && groupAlive(child.pid)) process.kill(-child.pid, 'SIGKILL');
  }
});

describe('npm run emulator', () => {
  it('stays up until SIGINT, then stops the server and exits 0', async () => {
    // Prepare
    const running = await startCommand([]);
    const port = new URL(running.endpoint).port;
    const servers = processesWith('--port', port);
    expect(servers).toHaveLength(1);

    // Act: the endpoint must outlive the command's start by far
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const answeredLater = await answers(running.endpoint);
    expect(answeredLater, `the endpoint stopped answering; output:\n${running.output()}`).toBe(true);
    process.kill(-running.child.pid!, 'SIGINT');
    const exit = await running.exit;
    // The CLI's group is gone once npm has exited; the server (its own group) once stop() returned.
    await vi.waitFor(() => expect(groupAlive(running.child.pid!)).toBe(false), { timeout: 10_000 });

    // Assess
    expect(exit).toEqual({ code: 0, signal: null });
    expect(running.output()).toContain('Emulator stopped');
    expect(processesWith('--port', port)).toEqual([]);
    expect(servers.filter((pid) => groupAlive(pid))).toEqual([]);
    expect(await answers(running.endpoint)).toBe(false);
  }, 90_000);
});

describe('npm run emulator -- --sample', () => {
  let stdout: string[];
  beforeEach(() => {
    stdout = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void stdout.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'testing');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'testing');
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it('serves the drifted sample estate, so that a scan finds something non-compliant; SIGTERM stops it', async () => {
    // Prepare
    const running = await startCommand(['--sample']);
    const port = new URL(running.endpoint).port;

    // Act
    const code = await main([
      'scan',
      '--endpoint',
      running.endpoint,
      '--region',
      'us-east-1',
      '--rules',
      'glue-connection-ssl-enforced,glue-catalog-metadata-encrypted',
      '--format',
      'json',
    ]);
    process.kill(-running.child.pid!, 'SIGTERM');
    const exit = await running.exit;

    // Assess
    expect(running.output()).toContain('Seeded the sample Glue estate');
    expect(code).toBe(1);
    const findings = JSON.parse(stdout.join('\n')) as Array<{ rule: string; compliance: string }>;
    expect(findings.filter((f) => f.compliance === 'NON_COMPLIANT').map((f) => f.rule)).toEqual(
      expect.arrayContaining(['glue-connection-ssl-enforced', 'glue-catalog-metadata-encrypted']),
    );
    expect(exit).toEqual({ code: 0, signal: null });
    await vi.waitFor(() => expect(processesWith('--port', port)).toEqual([]), { timeout: 10_000 });
  }, 90_000);
});
