import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Emulator {
  readonly endpoint: string;
  readonly port: number;
  /** The server's process id (its own process group: stop() signals the whole group). */
  readonly pid: number | undefined;
  /** Settles when the server process has exited, whatever the reason (stop(), a crash, a signal). */
  readonly exited: Promise<void>;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartEmulatorOptions {
  /** Forward the server's output to this process's stderr (default: quiet). */
  quiet?: boolean;
  /** Python interpreter; defaults to the project's .venv. */
  python?: string;
  /**
   * Keep this Node process alive while the server runs (`glue-guardrails emulator`). By default
   * the server and its pipes are unref'd so that a test runner or the demo can exit without
   * stopping it first (the server then exits when its stdin closes).
   */
  holdProcess?: boolean;
}

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const serverScript = join(repoRoot, 'emulator', 'server.py');
const startTimeoutMs = 30_000;
const stopTimeoutMs = 5_000;
const keptStderrLines = 20;

async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function answers(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch(`${endpoint}/moto-api/glue-guardrails/health`, {
      signal: AbortSignal.timeout(1_000),
    });
    return response.ok;
  } catch {
    return false;
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    // Negative pid: the whole process group, so nothing the server forked survives it.
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

export async function startEmulator(options: StartEmulatorOptions = {}): Promise<Emulator> {
  const quiet = options.quiet ?? true;
  const python = options.python ?? join(repoRoot, '.venv', 'bin', 'python');
  if (options.python === undefined && !existsSync(python)) {
    throw new Error(
      `The emulator needs the project's Python environment (${python} is missing): run \`npm run setup:venv\``,
    );
  }
  const port = await freeLoopbackPort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(python, [serverScript, '--port', String(port), '--exit-with-stdin'], {
    cwd: repoRoot,
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1' },
  });
  // Unless asked to hold the process, the pipes must not keep the test runner alive; stdin stays
  // open until stop() either way: its EOF is what tells the server that its parent has gone.
  if (!options.holdProcess) {
    child.unref();
    for (const stream of [child.stdin, child.stdout, child.stderr]) {
      (stream as unknown as { unref?: () => void } | null)?.unref?.();
    }
  }
  const serverExited = exited(child);

  const stderrTail: string[] = [];
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    if (!quiet) process.stderr.write(chunk);
    stderrTail.push(...chunk.split('\n').filter((line) => line.trim() !== ''));
    stderrTail.splice(0, Math.max(0, stderrTail.length - keptStderrLines));
  });
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    if (!quiet) process.stderr.write(chunk);
  });
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });

  const describeFailure = (what: string): Error =>
    new Error(
      `emulator ${what} (${python} ${serverScript} --port ${port})` +
        (stderrTail.length > 0 ? `; last stderr lines:\n${stderrTail.join('\n')}` : ''),
    );

  const deadline = Date.now() + startTimeoutMs;
  while (!(await answers(endpoint))) {
    if (spawnError !== undefined) throw describeFailure(`could not start: ${spawnError.message}`);
    if (child.exitCode !== null || child.signalCode !== null) {
      throw describeFailure(`exited with ${child.exitCode ?? child.signalCode} before answering`);
    }
    if (Date.now() > deadline) {
      signalGroup(child, 'SIGKILL');
      throw describeFailure(`did not answer on ${endpoint} within ${startTimeoutMs / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  let stopping: Promise<void> | undefined;
  return {
    endpoint,
    port,
    pid: child.pid,
    exited: serverExited,
    async reset(): Promise<void> {
      const response = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      if (!response.ok) throw new Error(`emulator reset failed: HTTP ${response.status}`);
    },
    stop(): Promise<void> {
      stopping ??= (async () => {
        child.stdin?.end();
        signalGroup(child, 'SIGTERM');
        const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), stopTimeoutMs);
        await serverExited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}
