import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DUMMY_CREDENTIALS, isLoopbackEndpoint, localEndpointCredentials } from '../../cli/credentials';
import { main } from '../../cli/main';
import { seedSampleEstate } from '../../emulator/sample-estate';
import { useEmulator } from '../emulator/context';
import { emulatorAws } from '../support/aws';
import { captureConsole } from '../support/console';

const noCredentials = (): Promise<unknown> =>
  Promise.reject(
    Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    }),
  );

describe('isLoopbackEndpoint', () => {
  it.each([
    'http://127.0.0.1:5000',
    'http://127.8.9.10',
    'https://localhost:4566/',
    'http://LOCALHOST:1',
    'http://[::1]:8080',
  ])('%s is loopback', (endpoint) => {
    expect(isLoopbackEndpoint(endpoint)).toBe(true);
  });

  it.each([
    'https://glue.us-east-1.amazonaws.com',
    'http://128.0.0.1:5000',
    'http://127.0.0.1.example.com',
    'http://localhost.example.com',
    'http://[::2]:80',
    'http://127.0.0.256',
    'not a url',
  ])('%s is not loopback', (endpoint) => {
    expect(isLoopbackEndpoint(endpoint)).toBe(false);
  });
});

describe('localEndpointCredentials', () => {
  it('returns dummy credentials with one notice for a loopback endpoint when nothing is configured', async () => {
    // Prepare
    const notices: string[] = [];
    // Act
    const credentials = await localEndpointCredentials({
      endpoint: 'http://127.0.0.1:4566',
      region: 'us-east-1',
      resolveDefault: noCredentials,
      notice: (line) => notices.push(line),
    });
    // Assess
    expect(credentials).toEqual(DUMMY_CREDENTIALS);
    expect(notices).toEqual([
      'No AWS credentials configured: using dummy credentials for the local endpoint http://127.0.0.1:4566.',
    ]);
  });

  it('keeps the configured credentials when the default chain has some', async () => {
    const notices: string[] = [];
    const credentials = await localEndpointCredentials({
      endpoint: 'http://localhost:4566',
      region: 'us-east-1',
      resolveDefault: async () => ({ accessKeyId: 'AKIA', secretAccessKey: 's' }),
      notice: (line) => notices.push(line),
    });
    expect(credentials).toBeUndefined();
    expect(notices).toEqual([]);
  });

  it('never replaces credentials for a remote endpoint, no endpoint or a named profile', async () => {
    const resolveDefault = vi.fn(noCredentials);
    for (const options of [
      { endpoint: 'https://vpce-123.glue.us-east-1.vpce.amazonaws.com' },
      { endpoint: undefined },
      { endpoint: 'http://127.0.0.1:4566', profile: 'prod' },
    ]) {
      expect(await localEndpointCredentials({ ...options, region: 'us-east-1', resolveDefault })).toBe(
        undefined,
      );
    }
    expect(resolveDefault).not.toHaveBeenCalled();
  });

  it('lets other credential errors through', async () => {
    const broken = new Error('malformed shared config file');
    const result = localEndpointCredentials({
      endpoint: 'http://127.0.0.1:4566',
      region: 'us-east-1',
      resolveDefault: () => Promise.reject(broken),
    });
    await expect(result).rejects.toBe(broken);
  });
});

describe('CLI: scan of a loopback endpoint without credentials', () => {
  const emulator = useEmulator();
  const io = captureConsole();

  beforeEach(() => {
    // Nothing configured: no environment credentials, no shared files, no profile.
    const empty = mkdtempSync(join(tmpdir(), 'gg-no-aws-'));
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) {
      vi.stubEnv(name, '');
    }
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(empty, 'credentials'));
    vi.stubEnv('AWS_CONFIG_FILE', join(empty, 'config'));
    vi.stubEnv('AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', '');
    vi.stubEnv('AWS_CONTAINER_CREDENTIALS_FULL_URI', '');
    vi.stubEnv('AWS_WEB_IDENTITY_TOKEN_FILE', '');
  });

  it('scans with dummy credentials and says so in one io.stderr line', async () => {
    // Prepare
    await seedSampleEstate(emulatorAws(emulator), emulator.accountId);
    // Act
    const code = await main([
      'scan',
      '--endpoint',
      emulator.endpoint,
      '--region',
      'us-east-1',
      '--rules',
      'glue-connection-ssl-enforced',
    ]);
    // Assess
    expect(io.stderr).toEqual([
      `No AWS credentials configured: using dummy credentials for the local endpoint ${emulator.endpoint}.`,
    ]);
    expect(code).toBe(1);
    expect(io.stdout.join('\n')).toContain('NON_COMPLIANT');
  });
});
