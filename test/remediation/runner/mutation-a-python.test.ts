import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StepFailure } from '../../../remediation/runner/errors';
import {
  acquireBridge,
  type BridgeRequest,
  type BridgeTarget,
  PythonBridge,
  releaseBridge,
} from '../../../remediation/runner/python';

/**
 * Literal oracles for the runner's Python bridge and its pool (issue 11: surviving mutants of
 * python.ts). In-process: `spawn` is replaced by fake children the tests drive (answers, output,
 * exit), so no Python runs.
 */

const fake = vi.hoisted(() => ({
  children: [] as unknown[],
  make: undefined as unknown as (
    command: string,
    args: string[],
    options: Record<string, unknown>,
  ) => unknown,
}));
vi.mock('node:child_process', () => ({
  spawn: (command: string, args: string[], options: Record<string, unknown>) => {
    const child = fake.make(command, args, options);
    fake.children.push(child);
    return child;
  },
}));

/** A child process as the bridge sees it: three pipes, kill, ref/unref, exit. */
class FakeChild extends EventEmitter {
  readonly stdin = new PassThrough();
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  readonly signals: string[] = [];
  /** ref/unref calls on the process and its pipes, in order ('child:ref', 'stdin:unref', ...). */
  readonly refs: string[] = [];
  readonly requests: Array<Record<string, unknown>> = [];

  constructor(
    readonly command: string,
    readonly args: string[],
    readonly options: { env: Record<string, string | undefined>; stdio: unknown },
  ) {
    super();
    let buffered = '';
    this.stdin.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const l of lines) this.requests.push(JSON.parse(l) as Record<string, unknown>);
    });
    for (const [name, stream] of [
      ['stdin', this.stdin],
      ['stdout', this.stdout],
      ['stderr', this.stderr],
    ] as const) {
      Object.assign(stream, {
        ref: () => this.refs.push(`${name}:ref`),
        unref: () => this.refs.push(`${name}:unref`),
      });
    }
  }
  kill(signal: string): boolean {
    this.signals.push(signal);
    return true;
  }
  ref(): void {
    this.refs.push('child:ref');
  }
  unref(): void {
    this.refs.push('child:unref');
  }
  answer(response: Record<string, unknown>): void {
    this.stdout.write(`${JSON.stringify(response)}\n`);
  }
  exit(code: number | null): void {
    this.emit('exit', code, code === null ? 'SIGKILL' : null);
  }
}

const children = (): FakeChild[] => fake.children as FakeChild[];
/** Lets stream events (data, lines) be delivered. */
const settle = (): Promise<void> => new Promise((r) => setImmediate(r));
const API: BridgeRequest = { op: 'api', service: 'glue', api: 'GetJob', params: { JobName: 'etl-daily' } };
let targets = 0;
/** A target of its own per test: the pool is keyed by target and outlives tests. */
const target = (extra: Partial<BridgeTarget> = {}): BridgeTarget => ({
  region: 'eu-west-1',
  endpoint: `http://127.0.0.1:${5000 + targets++}`,
  ...extra,
});

beforeEach(() => {
  fake.children = [];
  fake.make = (command, args, options) => new FakeChild(command, args, options as FakeChild['options']);
  vi.stubEnv('GLUE_GUARDRAILS_PYTHON', process.execPath);
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
});

describe('python bridge: starting Python', () => {
  it('refuses to run without the project Python, saying how to install it', () => {
    vi.stubEnv('GLUE_GUARDRAILS_PYTHON', '/no/such/python');
    const bridge = new PythonBridge(target());
    expect(() => bridge.call(API, 1000)).toThrow(StepFailure);
    expect(() => bridge.call(API, 1000)).toThrow(
      "The runner needs the project's Python (/no/such/python is missing): run `npm run setup:venv`",
    );
    expect(children()).toHaveLength(0);
  });

  it('runs bridge.py with the target region, endpoint, profile and credentials in its environment', () => {
    vi.stubEnv('AWS_SESSION_TOKEN', 'stale-token');
    const bridge = new PythonBridge({
      region: 'eu-west-1',
      endpoint: 'http://127.0.0.1:5999',
      profile: 'audit',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrEXAMPLEKEY', sessionToken: 'tok' },
    });
    void bridge.call(API, 60_000);
    const [child] = children();
    expect(child!.command).toBe(process.execPath);
    expect(child!.args).toEqual([
      join(import.meta.dirname, '..', '..', '..', 'remediation', 'runner', 'bridge.py'),
    ]);
    expect(child!.options.stdio).toEqual(['pipe', 'pipe', 'pipe']);
    const env = child!.options.env;
    expect({
      AWS_REGION: env.AWS_REGION,
      AWS_DEFAULT_REGION: env.AWS_DEFAULT_REGION,
      AWS_ENDPOINT_URL: env.AWS_ENDPOINT_URL,
      AWS_PROFILE: env.AWS_PROFILE,
      AWS_ACCESS_KEY_ID: env.AWS_ACCESS_KEY_ID,
      AWS_SECRET_ACCESS_KEY: env.AWS_SECRET_ACCESS_KEY,
      AWS_SESSION_TOKEN: env.AWS_SESSION_TOKEN,
      PYTHONDONTWRITEBYTECODE: env.PYTHONDONTWRITEBYTECODE,
    }).toEqual({
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:5999',
      AWS_PROFILE: 'audit',
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrEXAMPLEKEY',
      AWS_SESSION_TOKEN: 'tok',
      PYTHONDONTWRITEBYTECODE: '1',
    });
    bridge.kill();
  });

  it('keeps the inherited endpoint and profile when the target has none; drops a stale session token', () => {
    vi.stubEnv('AWS_ENDPOINT_URL', 'http://inherited:4566');
    vi.stubEnv('AWS_PROFILE', 'inherited');
    vi.stubEnv('AWS_SESSION_TOKEN', 'stale-token');
    const bridge = new PythonBridge({
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrEXAMPLEKEY' },
    });
    void bridge.call(API, 60_000);
    const env = children()[0]!.options.env;
    expect(env.AWS_ENDPOINT_URL).toBe('http://inherited:4566');
    expect(env.AWS_PROFILE).toBe('inherited');
    // spawn leaves out undefined values: the child sees no session token.
    expect(env.AWS_SESSION_TOKEN).toBeUndefined();
    bridge.kill();
  });
});

describe('python bridge: calls', () => {
  it('sends one JSON line per call and resolves it with the answer carrying its id', async () => {
    const t = target();
    const bridge = new PythonBridge(t);
    const first = bridge.call(API, 60_000);
    const second = bridge.call({ ...API, params: { JobName: 'other' } }, 60_000);
    const [child] = children();
    await settle();
    expect(child!.requests).toEqual([
      { ...API, id: 1, region: 'eu-west-1', endpoint: t.endpoint },
      { ...API, params: { JobName: 'other' }, id: 2, region: 'eu-west-1', endpoint: t.endpoint },
    ]);
    // An answer to no pending call (one that timed out, say) is ignored.
    child!.answer({ id: 99, ok: true, result: 'late' });
    child!.answer({ id: 2, ok: true, result: { Name: 'other' } });
    child!.answer({ id: 1, ok: false, error: 'EntityNotFoundException' });
    await expect(second).resolves.toEqual({ id: 2, ok: true, result: { Name: 'other' } });
    await expect(first).resolves.toEqual({ id: 1, ok: false, error: 'EntityNotFoundException' });
    expect(children()).toHaveLength(1);
  });

  it('a process that exits fails its pending calls with the tail of its output; the next call starts a new one', async () => {
    const bridge = new PythonBridge(target());
    const pending = bridge.call(API, 60_000);
    const [child] = children();
    child!.stdout.write('printed to fd 1\n');
    await settle();
    child!.stderr.write('Traceback (most recent call last):\n  boom\n\n');
    await settle();
    child!.exit(3);
    await expect(pending).resolves.toEqual({
      ok: false,
      error: 'Python runner exited (code 3): printed to fd 1\nTraceback (most recent call last):\n  boom',
    });
    const next = bridge.call(API, 60_000);
    expect(children()).toHaveLength(2);
    await settle();
    children()[1]!.answer({ id: 2, ok: true, result: 1 });
    await expect(next).resolves.toEqual({ id: 2, ok: true, result: 1 });
  });

  it('reports at most the last 500 characters of the output', async () => {
    const bridge = new PythonBridge(target());
    const pending = bridge.call(API, 60_000);
    const [child] = children();
    child!.stderr.write(`${'a'.repeat(300)}${'b'.repeat(500)}\n`);
    await settle();
    child!.exit(1);
    await expect(pending).resolves.toEqual({
      ok: false,
      error: `Python runner exited (code 1): ${'b'.repeat(500)}`,
    });
  });

  it('a call that outlives its timeout kills the process (SIGKILL) and rejects as timed out', async () => {
    const bridge = new PythonBridge(target());
    const call = bridge.call(API, 20);
    await expect(call).rejects.toMatchObject({ message: 'Step timed out after 0 seconds', timedOut: true });
    expect(children()[0]!.signals).toEqual(['SIGKILL']);
  });

  it('after a timeout, the next call (a retry) runs in a new process that the killed one cannot fail', async () => {
    const bridge = new PythonBridge(target());
    await expect(bridge.call(API, 20)).rejects.toThrow('Step timed out');
    const retry = bridge.call(API, 60_000);
    expect(children()).toHaveLength(2);
    const [killed, fresh] = children();
    killed!.exit(null);
    await settle();
    fresh!.answer({ id: 2, ok: true, result: 'ok' });
    await expect(retry).resolves.toEqual({ id: 2, ok: true, result: 'ok' });
  });

  it('kill() stops the process with SIGKILL; the killed process exiting later fails nothing of the next one', async () => {
    const bridge = new PythonBridge(target());
    const lost = bridge.call(API, 60_000);
    const [old] = children();
    bridge.kill();
    expect(old!.signals).toEqual(['SIGKILL']);
    // The cancelled step's onCancel handler calls again before the old process is reaped.
    const cleanup = bridge.call(API, 60_000);
    expect(children()).toHaveLength(2);
    const fresh = children()[1]!;
    old!.exit(null);
    await expect(lost).resolves.toEqual({ ok: false, error: 'Python runner exited (code null): ' });
    await settle();
    fresh.answer({ id: 2, ok: true, result: 'cleaned' });
    await expect(cleanup).resolves.toEqual({ id: 2, ok: true, result: 'cleaned' });
    // The fresh process is still the bridge's.
    const again = bridge.call(API, 60_000);
    expect(children()).toHaveLength(2);
    await settle();
    fresh.answer({ id: 3, ok: true, result: 'again' });
    await expect(again).resolves.toEqual({ id: 3, ok: true, result: 'again' });
  });

  it("a process's exit message holds its own output, not that of the process before it", async () => {
    const bridge = new PythonBridge(target());
    void bridge.call(API, 60_000);
    const [old] = children();
    bridge.kill();
    const next = bridge.call(API, 60_000);
    old!.stderr.write('old noise\n');
    await settle();
    children()[1]!.stderr.write('new trouble\n');
    await settle();
    old!.exit(null);
    children()[1]!.exit(1);
    await expect(next).resolves.toEqual({ ok: false, error: 'Python runner exited (code 1): new trouble' });
  });

  it('close() ends the process input (bridge.py exits on end of input); it is harmless when nothing runs', async () => {
    const idle = new PythonBridge(target());
    expect(() => idle.close()).not.toThrow();
    const bridge = new PythonBridge(target());
    void bridge.call(API, 60_000);
    const [child] = children();
    bridge.close();
    expect(child!.stdin.writableEnded).toBe(true);
    void bridge.call(API, 60_000);
    expect(children()).toHaveLength(2);
    bridge.kill();
  });
});

describe('python bridge: event loop and pool', () => {
  it('a running bridge keeps the event loop alive; a released one does not; a reacquired one does again', () => {
    const t = target();
    const bridge = acquireBridge(t);
    void bridge.call(API, 60_000);
    const [child] = children();
    expect(child!.refs).toEqual(['child:ref', 'stdin:ref', 'stdout:ref', 'stderr:ref']);
    releaseBridge(t, bridge);
    expect(child!.refs.slice(4)).toEqual(['child:unref', 'stdin:unref', 'stdout:unref', 'stderr:unref']);
    expect(acquireBridge(t)).toBe(bridge);
    expect(child!.refs.slice(8)).toEqual(['child:ref', 'stdin:ref', 'stdout:ref', 'stderr:ref']);
    bridge.kill();
  });

  it('reuses an idle bridge of the same target, one execution at a time', () => {
    const t = target();
    const first = acquireBridge(t);
    releaseBridge(t, first);
    expect(acquireBridge({ ...t, region: 'us-east-1' })).not.toBe(first);
    expect(acquireBridge(t)).toBe(first);
    const second = acquireBridge(t);
    expect(second).toBeInstanceOf(PythonBridge);
    expect(second).not.toBe(first);
  });

  it('the idle timer does not keep the process alive', () => {
    const spy = vi.spyOn(globalThis, 'setTimeout');
    try {
      const t = target();
      releaseBridge(t, acquireBridge(t));
      const timer = spy.mock.results.at(-1)!.value as NodeJS.Timeout;
      expect(spy.mock.calls.at(-1)![1]).toBe(15_000);
      expect(timer.hasRef()).toBe(false);
      acquireBridge(t);
    } finally {
      spy.mockRestore();
    }
  });

  it('closes a bridge idle for 15 s and drops it from the pool; a reacquired bridge is not closed', () => {
    vi.useFakeTimers();
    const t = target();
    const a = acquireBridge(t);
    const b = acquireBridge(t);
    void a.call(API, 600_000);
    void b.call(API, 600_000);
    const [childA, childB] = children();
    releaseBridge(t, a);
    vi.advanceTimersByTime(5_000);
    releaseBridge(t, b);
    // b is taken again: its idle timer must not close it under the execution using it.
    expect(acquireBridge(t)).toBe(b);
    vi.advanceTimersByTime(14_999 - 5_000);
    expect(childA!.stdin.writableEnded).toBe(false);
    vi.advanceTimersByTime(1);
    expect(childA!.stdin.writableEnded).toBe(true);
    vi.advanceTimersByTime(60_000);
    expect(childB!.stdin.writableEnded).toBe(false);
    releaseBridge(t, b);
    const c = acquireBridge(t);
    expect(c).toBe(b);
    const d = acquireBridge(t);
    expect(d).not.toBe(a);
    expect(d).not.toBe(b);
    b.kill();
  });

  it('of two idle bridges, the one whose time is up is dropped, not the other', () => {
    vi.useFakeTimers();
    const t = target();
    const a = acquireBridge(t);
    const b = acquireBridge(t);
    releaseBridge(t, a);
    vi.advanceTimersByTime(1_000);
    releaseBridge(t, b);
    vi.advanceTimersByTime(14_000);
    expect(acquireBridge(t)).toBe(b);
    expect(acquireBridge(t)).not.toBe(a);
  });
});
