import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { awsFromOptions } from '../../cli/aws-options';
import { errorHint } from '../../cli/error-hints';
import { main } from '../../cli/main';
import { parseIni, profile, profileSettings } from '../../cli/profiles';
import { captureConsole } from '../support/console';

const io = captureConsole();

let dir: string;
let seen: Array<{ url: string; authorization: string }>;
let server: Server;
let endpoint: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gg-profiles-'));
  writeFileSync(
    join(dir, 'config'),
    [
      '[default]',
      'region = ap-south-1',
      '',
      '[profile dev]',
      'region = eu-west-3',
      'output = json',
      '',
      '[profile noregion]',
      'output = json',
      '; a comment',
      '# another',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'credentials'),
    [
      '[dev]',
      'aws_access_key_id = AKIDEV',
      'aws_secret_access_key = devsecret',
      '[noregion]',
      'aws_access_key_id = AKINR',
      'aws_secret_access_key = nrsecret',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'empty'), '');
  seen = [];
  // An endpoint that records every request and refuses it (400: not retried).
  server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', authorization: String(req.headers.authorization ?? '') });
    res
      .writeHead(400, { 'content-type': 'text/xml' })
      .end(
        '<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error></ErrorResponse>',
      );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await new Promise((r) => server.close(r));
});

/** The shared files point at the temp ones; no credentials or region from the environment. */
function isolatedEnv(files: { config?: string; credentials?: string } = {}): void {
  vi.stubEnv('AWS_CONFIG_FILE', files.config ?? join(dir, 'config'));
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', files.credentials ?? join(dir, 'credentials'));
  for (const name of [
    'AWS_REGION',
    'AWS_DEFAULT_REGION',
    'AWS_PROFILE',
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_ENDPOINT_URL',
    'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
    'AWS_CONTAINER_CREDENTIALS_FULL_URI',
    'AWS_WEB_IDENTITY_TOKEN_FILE',
  ])
    vi.stubEnv(name, undefined);
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
}

describe('CLI errors: usage', () => {
  it('a usage error is one line saying where help is, not the usage block', async () => {
    // Act
    const code = await main(['scan', '--no-such-option']);
    // Assess
    expect(code).toBe(2);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toMatch(
      /^Unknown option '--no-such-option'.*Run 'glue-guardrails scan --help' for the options\.$/,
    );
    expect(io.stderr[0]).not.toContain('\n');
    expect(io.stderr.join('\n')).not.toContain('Usage:');
  });

  it('an unknown command is one line with the commands', async () => {
    expect(await main(['scna'])).toBe(2);
    expect(io.stderr).toEqual([
      "Unknown command 'scna' (commands: scan, report, remediate, rules, explain, conformance-pack, emulator, demo). Run 'glue-guardrails --help' for help.",
    ]);
  });
});

describe('CLI errors: parameters', () => {
  it.each([
    [
      'an invalid value',
      'glue-job-security-configuration-encrypted.allowSseS3=maybe',
      'expected true or false',
    ],
    ['an unknown name', 'glue-job-tagged.nosuch=1', "'nosuch'"],
    ['an unknown rule', 'glue-nosuch.x=1', "--param names unknown rule 'glue-nosuch'"],
  ])('scan --param with %s is reported before any request', async (_what, param, message) => {
    // Prepare
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'testing');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'testing');
    seen.length = 0;
    // Act
    const code = await main(['scan', '--endpoint', endpoint, '--region', 'us-east-1', '--param', param]);
    // Assess
    expect(code).toBe(2);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toContain(message);
    expect(seen).toEqual([]);
  });
});

describe('CLI errors: profiles', () => {
  it('--profile nosuch names the missing profile and the files, before any request', async () => {
    // Prepare
    isolatedEnv();
    seen.length = 0;
    // Act
    const code = await main(['scan', '--profile', 'nosuch', '--endpoint', endpoint]);
    // Assess
    expect(code).toBe(2);
    expect(io.stderr[0]).toBe(
      `Error: Profile 'nosuch' is not in ${join(dir, 'config')} or ${join(dir, 'credentials')} (known: default, dev, noregion; AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE choose the files)`,
    );
    expect(seen).toEqual([]);
  });

  it("a profile's configured region is honoured (and signs the requests)", async () => {
    // Prepare
    isolatedEnv();
    seen.length = 0;
    // Act
    const aws = await awsFromOptions({ profile: 'dev' });
    const code = await main([
      'scan',
      '--profile',
      'dev',
      '--endpoint',
      endpoint,
      '--rules',
      'glue-job-tagged',
    ]);
    // Assess
    expect(aws.config.region).toBe('eu-west-3');
    expect(code).toBe(2);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0]?.authorization).toMatch(/Credential=AKIDEV\/\d{8}\/eu-west-3\/sts\/aws4_request/);
    expect(io.stderr).toContain(
      'Hint: AWS rejected the credentials: check the profile (--profile, AWS_PROFILE) and its keys, or run `aws sso login --profile <P>`.',
    );
  });

  it('--region and AWS_REGION win over the profile; AWS_PROFILE and [default] give a region too', async () => {
    isolatedEnv();
    expect((await awsFromOptions({ profile: 'dev', region: 'us-west-2' })).config.region).toBe('us-west-2');
    expect((await awsFromOptions({})).config.region).toBe('ap-south-1');
    vi.stubEnv('AWS_PROFILE', 'dev');
    expect((await awsFromOptions({})).config.region).toBe('eu-west-3');
    vi.stubEnv('AWS_PROFILE', 'gone');
    vi.stubEnv('AWS_REGION', 'sa-east-1');
    expect((await awsFromOptions({})).config.region).toBe('sa-east-1');
    vi.stubEnv('AWS_REGION', undefined);
    vi.stubEnv('AWS_PROFILE', undefined);
    await expect(awsFromOptions({ profile: 'noregion' })).rejects.toThrow('No AWS region');
  });

  it('reads both files: [profile x] in config, [x] in credentials, comments skipped', () => {
    const files = { config: join(dir, 'config'), credentials: join(dir, 'credentials') };
    expect(profileSettings(files).get('dev')).toEqual({
      region: 'eu-west-3',
      output: 'json',
      aws_access_key_id: 'AKIDEV',
      aws_secret_access_key: 'devsecret',
    });
    expect(profile('default', files)).toEqual({ region: 'ap-south-1' });
    expect(() => profile('x', { config: join(dir, 'absent'), credentials: join(dir, 'empty') })).toThrow(
      '(known: none;',
    );
    expect(parseIni('orphan = 1\n[a]\nk=v\nnot a pair\n[a]\nj = w')).toEqual(
      new Map([['a', { k: 'v', j: 'w' }]]),
    );
  });
});

describe('CLI errors: hints', () => {
  it('no credentials at all: a one-line hint naming a profile, aws sso login and --endpoint', async () => {
    // Prepare: nothing configured, and an endpoint that is not loopback (no dummy credentials)
    isolatedEnv({ config: join(dir, 'empty'), credentials: join(dir, 'empty') });
    // Act
    const code = await main([
      'scan',
      '--region',
      'us-east-1',
      '--endpoint',
      'http://192.0.2.1:9',
      '--rules',
      'glue-job-tagged',
    ]);
    // Assess
    expect(code).toBe(2);
    const hints = io.stderr.filter((l) => l.startsWith('Hint:'));
    expect(hints).toEqual([
      'Hint: no AWS credentials found: pass --profile <P> (or set AWS_PROFILE), run `aws sso login --profile <P>` for an SSO profile, or use --endpoint http://127.0.0.1:<port> for the local emulator (npm run emulator).',
    ]);
  });

  it('an endpoint nobody listens on: a hint about --endpoint and the emulator', async () => {
    // Prepare
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'testing');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'testing');
    // Act
    const code = await main([
      'scan',
      '--region',
      'us-east-1',
      '--endpoint',
      'http://127.0.0.1:9',
      '--rules',
      'glue-job-tagged',
    ]);
    // Assess
    expect(code).toBe(2);
    expect(io.stderr.filter((l) => l.startsWith('Hint:'))).toEqual([
      'Hint: the AWS endpoint cannot be reached: check --endpoint (is the emulator running? npm run emulator), the network and the proxy.',
    ]);
  });

  it('a thrown credential error gets its hint from main', async () => {
    // Prepare: remediate resolves the caller first, which throws (not recorded as an evaluation)
    isolatedEnv({ config: join(dir, 'empty'), credentials: join(dir, 'empty') });
    // Act
    const code = await main([
      'remediate',
      '--rule',
      'glue-job-logging-enabled',
      '--region',
      'us-east-1',
      '--endpoint',
      'http://192.0.2.1:9',
    ]);
    // Assess
    expect(code).toBe(2);
    expect(io.stderr.some((l) => l.startsWith('Error: '))).toBe(true);
    expect(io.stderr.filter((l) => l.startsWith('Hint: no AWS credentials found'))).toHaveLength(1);
  });

  it.each([
    [
      { name: 'CredentialsProviderError', message: 'Could not load credentials from any providers' },
      'no AWS credentials found',
    ],
    [{ name: 'TokenProviderError', message: 'Token is expired' }, 'credentials have expired'],
    [
      { name: 'ExpiredTokenException', message: 'The security token included in the request is expired' },
      'credentials have expired',
    ],
    ['The SSO session associated with this profile has expired', 'credentials have expired'],
    [{ name: 'UnrecognizedClientException', message: 'x' }, 'AWS rejected the credentials'],
    [{ name: 'Error', code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND sts.example' }, 'cannot be reached'],
    [{ name: 'Error', message: 'wrapped', cause: { code: 'ECONNREFUSED' } }, 'cannot be reached'],
  ])('%j -> %s', (error, expected) => {
    expect(errorHint(error)).toContain(expected);
  });

  it.each([
    'Exemption for job x expired on 2026-01-01',
    'AccessDenied: not authorized',
    { name: 'ValidationException', message: 'bad' },
    null,
    42,
  ])('no hint for %j', (error) => {
    expect(errorHint(error)).toBeUndefined();
  });
});
