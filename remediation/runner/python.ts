import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { StepFailure } from './errors';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..', '..');

/** The project's Python (.venv, with boto3); GLUE_GUARDRAILS_PYTHON overrides it. */
export function pythonPath(): string {
  return process.env.GLUE_GUARDRAILS_PYTHON ?? join(REPO, '.venv', 'bin', 'python');
}

export interface BridgeTarget {
  region: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  profile?: string;
}

export type BridgeRequest =
  | { op: 'api'; service: string; api: string; params: Record<string, unknown> }
  | {
      op: 'script';
      script: string;
      handler: string;
      payload: unknown;
      context: Record<string, unknown>;
      /** Reads only: every other call a client makes is answered empty and not sent (listed in `skipped`). */
      readOnly?: boolean;
    };

export interface BridgeResponse {
  ok: boolean;
  result?: unknown;
  error?: string;
  logs?: string;
  /** With readOnly: the calls not sent (`service:Operation`). */
  skipped?: string[];
}

/**
 * A Python process spoken to in JSON lines; boto3 inside it is pointed at the execution's
 * endpoint, region and credentials (scripts get them through the AWS_* environment). A call that
 * outlives its timeout kills the process; the next call starts a fresh one. Executions borrow
 * bridges from a pool (`acquireBridge`/`releaseBridge`): one execution at a time per process.
 */
export class PythonBridge {
  private child: ChildProcess | undefined;
  /**
   * The current process's calls awaiting an answer. Each process has its own: a killed process is
   * reaped later, and its exit must fail only its own calls, never those of the process after it.
   */
  private pending = new Map<number, (r: BridgeResponse) => void>();
  private nextId = 1;

  constructor(private readonly target: BridgeTarget) {}

  private start(): ChildProcess {
    const python = pythonPath();
    if (!existsSync(python)) {
      throw new StepFailure(
        `The runner needs the project's Python (${python} is missing): run \`npm run setup:venv\``,
      );
    }
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      AWS_REGION: this.target.region,
      AWS_DEFAULT_REGION: this.target.region,
    };
    if (this.target.endpoint) env.AWS_ENDPOINT_URL = this.target.endpoint;
    if (this.target.profile) env.AWS_PROFILE = this.target.profile;
    if (this.target.credentials) {
      env.AWS_ACCESS_KEY_ID = this.target.credentials.accessKeyId;
      env.AWS_SECRET_ACCESS_KEY = this.target.credentials.secretAccessKey;
      if (this.target.credentials.sessionToken) env.AWS_SESSION_TOKEN = this.target.credentials.sessionToken;
      else delete env.AWS_SESSION_TOKEN;
    }
    env.PYTHONDONTWRITEBYTECODE = '1';
    const child = spawn(python, [join(HERE, 'bridge.py')], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const pending = new Map<number, (r: BridgeResponse) => void>();
    this.pending = pending;
    // The process's last output (stderr, and stray stdout lines), for the message when it dies.
    let output = '';
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let res: BridgeResponse & { id: number };
      try {
        res = JSON.parse(line) as BridgeResponse & { id: number };
      } catch {
        // A script that writes to fd 1 directly bypasses the capture: keep it as diagnostics.
        output = `${output}${line}\n`.slice(-4000);
        return;
      }
      pending.get(res.id)?.(res);
      pending.delete(res.id);
    });
    child.stderr!.on('data', (d: Buffer) => {
      output = (output + d.toString()).slice(-4000);
    });
    child.on('exit', (code) => {
      if (this.child === child) this.child = undefined;
      for (const [id, settle] of pending) {
        settle({
          ok: false,
          error: `Python runner exited (code ${code}): ${output.trim().slice(-500)}`,
        });
        pending.delete(id);
      }
    });
    this.child = child;
    this.hold(this.held);
    return child;
  }

  private held = true;

  /** Whether the process keeps Node's event loop alive (yes while an execution uses it). */
  hold(on: boolean): void {
    this.held = on;
    const c = this.child;
    if (!c) return;
    const streams = [c.stdin, c.stdout, c.stderr] as unknown as Array<{
      ref?(): void;
      unref?(): void;
    } | null>;
    if (on) {
      c.ref();
      for (const st of streams) st?.ref?.();
    } else {
      c.unref();
      for (const st of streams) st?.unref?.();
    }
  }

  /** Sends one request; rejects with a timed-out StepFailure after `timeoutMs`. */
  call(request: BridgeRequest, timeoutMs: number): Promise<BridgeResponse> {
    const child = this.child ?? this.start();
    const pending = this.pending;
    const id = this.nextId++;
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        // The call may still be running: kill it so it cannot change anything after the step ended.
        // The next call (a retry) starts a new process rather than write to the dying one.
        child.kill('SIGKILL');
        if (this.child === child) this.child = undefined;
        reject(new StepFailure(`Step timed out after ${Math.round(timeoutMs / 1000)} seconds`, true));
      }, timeoutMs);
      pending.set(id, (r) => {
        clearTimeout(timer);
        resolvePromise(r);
      });
      child.stdin!.write(
        `${JSON.stringify({ ...request, id, region: this.target.region, endpoint: this.target.endpoint })}\n`,
      );
    });
  }

  /** Kills the Python process now (a cancelled step must not go on changing things). */
  kill(): void {
    this.child?.kill('SIGKILL');
    this.child = undefined;
  }

  /** Ends the Python process. */
  close(): void {
    this.child?.stdin?.end();
    this.child = undefined;
  }
}

/** Idle bridges by target; closed after IDLE_MS unused. Starting Python and boto3 costs ~1 s. */
const idle = new Map<string, Array<{ bridge: PythonBridge; timer: NodeJS.Timeout }>>();
const IDLE_MS = 15_000;
const keyOf = (target: BridgeTarget): string => JSON.stringify(target);

/** A bridge for `target`, reused from the pool when one is idle. */
export function acquireBridge(target: BridgeTarget): PythonBridge {
  const entry = idle.get(keyOf(target))?.pop();
  if (!entry) return new PythonBridge(target);
  clearTimeout(entry.timer);
  entry.bridge.hold(true);
  return entry.bridge;
}

/** Returns a bridge to the pool; it no longer keeps the process alive and closes when unused. */
export function releaseBridge(target: BridgeTarget, bridge: PythonBridge): void {
  bridge.hold(false);
  const key = keyOf(target);
  const list = idle.get(key) ?? [];
  const timer = setTimeout(() => {
    const i = list.findIndex((e) => e.bridge === bridge);
    if (i >= 0) list.splice(i, 1);
    bridge.close();
  }, IDLE_MS);
  timer.unref();
  list.push({ bridge, timer });
  idle.set(key, list);
}
