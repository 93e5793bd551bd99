import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { run as demo } from '../../cli/commands/demo';
import { run as emulator } from '../../cli/commands/emulator';
import { main } from '../../cli/main';
import { captureConsole } from '../support/console';

// The emulator and demo commands, run in this process (so coverage sees them); the child-process
// tests (emulator-command.test.ts) cover the signals and the process groups.
const io = captureConsole({ testCredentials: true });

/** Pids of live processes whose command line has these arguments. */
function processesWith(...args: string[]): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
        return args.every((a) => argv.includes(a));
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function answers(endpoint: string): Promise<boolean> {
  try {
    return (
      await fetch(`${endpoint}/moto-api/glue-guardrails/health`, { signal: AbortSignal.timeout(2_000) })
    ).ok;
  } catch {
    return false;
  }
}

const endpointOf = (): string => {
  const line = io.stdout.find((l) => l.startsWith('Emulator listening on '));
  if (!line) throw new Error('not listening yet');
  return line.replace('Emulator listening on ', '');
};

describe('emulator command, in process', () => {
  it('--sample: seeds the drifted estate, serves until stopped, then stops the server and returns 0', async () => {
    // Prepare
    let stop: () => void = () => undefined;
    const stopped = new Promise<void>((resolve) => {
      stop = resolve;
    });
    // Act
    const running = emulator(['--sample'], stopped);
    await vi.waitFor(() => expect(io.stdout).toContain('Press Ctrl-C to stop.'), {
      timeout: 60_000,
      interval: 100,
    });
    const endpoint = endpointOf();
    const scan = await main([
      'scan',
      '--endpoint',
      endpoint,
      '--region',
      'us-east-1',
      '--rules',
      'glue-job-logging-enabled',
    ]);
    stop();
    const code = await running;
    // Assess
    expect(scan).toBe(1);
    expect(io.stdout).toContain('Seeded the sample Glue estate (with drift) in us-east-1.');
    expect(io.stdout.at(-1)).toBe('Emulator stopped');
    expect(code).toBe(0);
    expect(await answers(endpoint)).toBe(false);
  }, 120_000);

  it('returns 2 and says so when the server process dies', async () => {
    // Act
    const running = emulator([]);
    await vi.waitFor(() => expect(io.stdout).toContain('Press Ctrl-C to stop.'), {
      timeout: 60_000,
      interval: 100,
    });
    const port = new URL(endpointOf()).port;
    const servers = processesWith('--port', port);
    expect(servers).toHaveLength(1);
    for (const pid of servers) process.kill(pid, 'SIGKILL');
    const code = await running;
    // Assess
    expect(code).toBe(2);
    expect(io.stderr).toContain('The emulator process exited unexpectedly.');
    expect(io.stdout).not.toContain('Seeded the sample Glue estate (with drift) in us-east-1.');
  }, 120_000);
});

describe('demo command, in process', () => {
  it('starts its own emulator, runs the loop, explains, and stops it', async () => {
    // Act
    const code = await demo([]);
    // Assess
    expect(code).toBe(0);
    expect(io.stdout[0]).toBe('Starting the embedded AWS emulator...');
    const out = io.stdout.join('\n');
    expect(out).toMatch(/^Seeded a sample Glue estate in account \d{12} \(us-east-1\)\.$/m);
    expect(out).toContain('======== 7. Next steps');
  }, 180_000);

  it('takes no arguments', async () => {
    expect(await main(['demo', 'extra'])).toBe(2);
    expect(io.stderr.join('\n')).toContain("Run 'glue-guardrails demo --help' for the options.");
  });
});
