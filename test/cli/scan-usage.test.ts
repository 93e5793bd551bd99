import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main';
import { createAwsContext, httpTimeouts } from '../../functions/runtime/aws';
import { captureConsole } from '../support/console';

const io = captureConsole({ testCredentials: true });

/** Nothing listens here: a usage error must be raised before any AWS call would be tried. */
const unreachable = ['--endpoint', 'http://127.0.0.1:9', '--region', 'us-east-1'];

describe('CLI: scan usage errors', () => {
  it.each([',', ' ', ' , ,', ''])('--rules %j names no rule: usage error, exit 2', async (rules) => {
    // Act
    const code = await main(['scan', ...unreachable, '--rules', rules]);
    // Assess
    expect(code).toBe(2);
    expect(io.stderr.join('\n')).toContain('--rules names no rule');
    expect(io.stdout).toEqual([]);
  });

  it('--output-dir that is a symbolic link or a file fails before anything is scanned, exit 2', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'gg-outdir-'));
    try {
      mkdirSync(join(dir, 'real'));
      symlinkSync(join(dir, 'real'), join(dir, 'link'));
      writeFileSync(join(dir, 'file'), '');
      for (const [path, message] of [
        [join(dir, 'link'), 'is a symbolic link'],
        [join(dir, 'file'), 'is not a directory'],
      ] as const) {
        io.stderr = [];
        // Act (nothing listens on the endpoint: a scan would fail differently)
        const code = await main(['scan', ...unreachable, '--output-dir', path]);
        // Assess
        expect(code).toBe(2);
        expect(io.stderr.join('\n')).toContain(message);
        expect(io.stdout).toEqual([]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--param for a rule --rules does not select: usage error, exit 2', async () => {
    const code = await main([
      'scan',
      ...unreachable,
      '--rules',
      'glue-connection-ssl-enforced',
      '--param',
      'glue-job-security-configuration-encrypted.allowSseS3=maybe',
    ]);
    expect(code).toBe(2);
    expect(io.stderr.join('\n')).toContain(
      "--param names rule 'glue-job-security-configuration-encrypted', which --rules does not select",
    );
  });

  it.each([
    ['an unknown name', 'glue-job-security-configuration-encrypted.allowSseS4=true', "'allowSseS4'"],
    [
      'an invalid value',
      'glue-job-security-configuration-encrypted.allowSseS3=maybe',
      'expected true or false',
    ],
    ['an inherited name', 'glue-job-security-configuration-encrypted.toString=x', "'toString'"],
  ])('--param with %s is a usage error before anything runs', async (_what, param, message) => {
    const code = await main(['scan', ...unreachable, '--param', param]);
    expect(code).toBe(2);
    expect(io.stderr.join('\n')).toContain(message);
  });

  it('the same --param twice is a usage error', async () => {
    const p = 'glue-job-security-configuration-encrypted.allowSseS3';
    const code = await main(['scan', ...unreachable, '--param', `${p}=true`, '--param', `${p}=false`]);
    expect(code).toBe(2);
    expect(io.stderr.join('\n')).toContain('given more than once');
  });
});

describe('SDK timeouts', () => {
  let server: Server;
  let sockets: Socket[];
  let connections: number;

  beforeEach(async () => {
    sockets = [];
    connections = 0;
    // Accepts every connection, reads the request and never answers.
    server = createServer((socket) => {
      connections++;
      sockets.push(socket);
      socket.on('data', () => undefined);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterEach(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('every client gets connection and request timeouts, with retries on', () => {
    const aws = createAwsContext({ region: 'us-east-1' });
    expect(aws.config.maxAttempts).toBeGreaterThan(1);
    expect(aws.config.requestHandler).toEqual({
      connectionTimeout: 2000,
      requestTimeout: 5000,
      socketTimeout: 5000,
      throwOnRequestTimeout: true,
    });
  });

  it('reads the timeouts from the environment and rejects malformed values', () => {
    expect(httpTimeouts({ GLUE_GUARDRAILS_REQUEST_TIMEOUT_MS: '250' })).toMatchObject({
      requestTimeout: 250,
    });
    expect(() => httpTimeouts({ GLUE_GUARDRAILS_CONNECTION_TIMEOUT_MS: '2s' })).toThrow(
      'GLUE_GUARDRAILS_CONNECTION_TIMEOUT_MS must be a whole number',
    );
  });

  it('scan exits 2 with a clear message when the endpoint accepts and never answers', async () => {
    // Prepare
    vi.stubEnv('GLUE_GUARDRAILS_REQUEST_TIMEOUT_MS', '150');
    vi.stubEnv('GLUE_GUARDRAILS_CONNECTION_TIMEOUT_MS', '150');
    const { port } = server.address() as { port: number };
    // Act
    const code = await main([
      'scan',
      '--endpoint',
      `http://127.0.0.1:${port}`,
      '--region',
      'us-east-1',
      '--rules',
      'glue-connection-ssl-enforced',
    ]);
    // Assess
    expect(code).toBe(2);
    expect(io.stderr.join('\n')).toContain('the AWS endpoint did not answer in time, after retries');
    // The SDK retried on fresh connections before giving up (5 attempts).
    expect(connections).toBeGreaterThanOrEqual(2);
  });
});
