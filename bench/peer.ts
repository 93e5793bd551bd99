// A peer a user would pick instead (issue 8 §5): Cloud Custodian (PyPI c7n, pinned below) with
// policies equivalent to six of our Glue rules, against our `scan --rules <the same six>`, on the
// same emulator estate (the sample estate plus BENCH_PEER_JOBS extra jobs, default 200).
// Custodian is installed into a temporary venv outside the repository for this measurement only
// (C7N_VENV, default /tmp/c7n-venv, created with the project's .venv python when missing); it is no
// dependency of the project. Both tools run as fresh processes, BENCH_PEER_RUNS times each (default
// 3): wall times, their ratio, and any difference between the offenders each tool finds.
// Figures, not assertions.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateJobCommand, GlueClient } from '@aws-sdk/client-glue';
import type { ScanEvaluation } from '../cli/scan-types';
import { startEmulator } from '../emulator/launcher';
import { seedSampleEstate } from '../emulator/sample-estate';
import { createAwsContext } from '../functions/runtime/aws';
import { buildCliBundle, bundleProblem } from '../scripts/cli-bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'glue-guardrails.mjs');
const REGION = 'us-east-1';
const ACCOUNT = '123456789012';
export const C7N_VERSION = '0.9.53';
const venv = process.env.C7N_VENV ?? '/tmp/c7n-venv';
const custodian = join(venv, 'bin', 'custodian');
const TEST_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };

const KMS_MODES = { s3: 'SSE-KMS', cloudWatch: 'SSE-KMS', bookmarks: 'CSE-KMS' } as const;
const SC = 'EncryptionConfiguration';

/** A Custodian `security-config` filter (related security configuration) matching `key` ne `value`. */
const scNot = (key: string, value: string) => ({
  type: 'security-config',
  key: `${SC}.${key}`,
  op: 'ne',
  value,
});

/**
 * Our rule id -> the Custodian policy that finds the same offenders (with each rule's default
 * parameters). Resource names are what both sides are compared on.
 */
export const POLICIES: Record<string, { resource: string; filters: unknown[] }> = {
  // A job without a security configuration, or whose configuration does not encrypt S3 data,
  // CloudWatch logs and job bookmarks with KMS.
  'glue-job-security-configuration-encrypted': {
    resource: 'glue-job',
    filters: [
      {
        or: [
          { type: 'security-config', missing: true },
          scNot('S3Encryption[0].S3EncryptionMode', KMS_MODES.s3),
          scNot('CloudWatchEncryption.CloudWatchEncryptionMode', KMS_MODES.cloudWatch),
          scNot('JobBookmarksEncryption.JobBookmarksEncryptionMode', KMS_MODES.bookmarks),
        ],
      },
    ],
  },
  // A Spark job without a GlueVersion or below 3.0.
  'glue-job-supported-version': {
    resource: 'glue-job',
    filters: [
      { type: 'value', key: 'Command.Name', op: 'in', value: ['glueetl', 'gluestreaming'] },
      {
        or: [
          { type: 'value', key: 'GlueVersion', value: 'absent' },
          { type: 'value', key: 'GlueVersion', op: 'lt', value_type: 'version', value: '3.0' },
        ],
      },
    ],
  },
  // A security configuration that leaves S3, CloudWatch or bookmarks without KMS.
  'glue-security-configuration-encrypted': {
    resource: 'glue-security-configuration',
    filters: [
      {
        or: [
          { type: 'value', key: `${SC}.S3Encryption[0].S3EncryptionMode`, op: 'ne', value: KMS_MODES.s3 },
          {
            type: 'value',
            key: `${SC}.CloudWatchEncryption.CloudWatchEncryptionMode`,
            op: 'ne',
            value: KMS_MODES.cloudWatch,
          },
          {
            type: 'value',
            key: `${SC}.JobBookmarksEncryption.JobBookmarksEncryptionMode`,
            op: 'ne',
            value: KMS_MODES.bookmarks,
          },
        ],
      },
    ],
  },
  // A crawler without a security configuration, or one that leaves S3 or CloudWatch without KMS.
  'glue-crawler-security-configuration-encrypted': {
    resource: 'glue-crawler',
    filters: [
      {
        or: [
          { type: 'security-config', missing: true },
          scNot('S3Encryption[0].S3EncryptionMode', KMS_MODES.s3),
          scNot('CloudWatchEncryption.CloudWatchEncryptionMode', KMS_MODES.cloudWatch),
        ],
      },
    ],
  },
  // A JDBC connection that does not set JDBC_ENFORCE_SSL to true.
  'glue-connection-ssl-enforced': {
    resource: 'glue-connection',
    filters: [
      { type: 'value', key: 'ConnectionType', value: 'JDBC' },
      { type: 'value', key: 'ConnectionProperties.JDBC_ENFORCE_SSL', op: 'ne', value: 'true' },
    ],
  },
  // The Data Catalog's metadata is not encrypted with KMS.
  'glue-catalog-metadata-encrypted': {
    resource: 'glue-catalog',
    filters: [
      {
        type: 'value',
        key: 'DataCatalogEncryptionSettings.EncryptionAtRest.CatalogEncryptionMode',
        op: 'not-in',
        value: ['SSE-KMS', 'SSE-KMS-WITH-SERVICE-ROLE'],
      },
    ],
  },
};
const RULES = Object.keys(POLICIES);

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Installs c7n==C7N_VERSION into the temporary venv when it is missing; the reason when it cannot. */
function ensureCustodian(): string | undefined {
  const version = (): string =>
    spawnSync(join(venv, 'bin', 'python'), ['-c', 'import c7n.version; print(c7n.version.version)'], {
      encoding: 'utf8',
    }).stdout?.trim() ?? '';
  if (existsSync(custodian) && version() === C7N_VERSION) return undefined;
  console.log(`(installing c7n==${C7N_VERSION} into ${venv}, outside the repository, for this bench only)`);
  const python = join(root, '.venv', 'bin', 'python');
  const steps: string[][] = [
    [python, '-m', 'venv', venv],
    [join(venv, 'bin', 'python'), '-m', 'pip', 'install', '--quiet', `c7n==${C7N_VERSION}`],
  ];
  for (const [cmd, ...args] of steps) {
    const r = spawnSync(cmd!, args, { encoding: 'utf8' });
    if (r.status !== 0)
      return `${cmd} ${args.join(' ')} failed: ${(r.stderr || r.stdout || String(r.error)).slice(-400)}`;
  }
  return version() === C7N_VERSION ? undefined : `c7n ${C7N_VERSION} not importable from ${venv}`;
}

/** Extra jobs beyond the sample estate: a third each with a KMS, an SSE-S3 and no configuration. */
async function seedJobs(endpoint: string, count: number): Promise<void> {
  const glue = createAwsContext({ region: REGION, endpoint, credentials: TEST_CREDENTIALS }).client(
    GlueClient,
  );
  for (let i = 0; i < count; i++) {
    const sc = ['ledger-kms', 'legacy-sse-s3', undefined][i % 3];
    await glue.send(
      new CreateJobCommand({
        Name: `bulk-etl-${String(i).padStart(4, '0')}`,
        Role: `arn:aws:iam::${ACCOUNT}:role/GlueEtl`,
        Command: { Name: 'glueetl', ScriptLocation: 's3://scripts/bulk.py' },
        GlueVersion: i % 2 ? '4.0' : '2.0',
        ...(sc ? { SecurityConfiguration: sc } : {}),
      }),
    );
  }
}

/** The offender names our scan reports per rule (resource ids, or the names in account-level offenders). */
function ourOffenders(evaluations: ScanEvaluation[]): Map<string, string[]> {
  const out = new Map<string, string[]>(RULES.map((r) => [r, []]));
  for (const e of evaluations) {
    if (e.compliance === 'ERROR') throw new Error(`our scan could not evaluate ${e.rule}: ${e.annotation}`);
    if (e.compliance !== 'NON_COMPLIANT') continue;
    const names = e.offenders
      ? e.offenders.map((o) => o.split(' (')[0] ?? o)
      : [e.resourceType === 'AWS::::Account' ? e.account : e.resourceId];
    out.get(e.rule)?.push(...names);
  }
  return out;
}

/** The resources each Custodian policy matched, by name. */
function custodianOffenders(outDir: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const rule of RULES) {
    const resources = JSON.parse(readFileSync(join(outDir, rule, 'resources.json'), 'utf8')) as Array<
      Record<string, unknown>
    >;
    out.set(
      rule,
      resources.map((r) => String(r.Name ?? r.CatalogId ?? '?')),
    );
  }
  return out;
}

export async function run(): Promise<void> {
  const problem = ensureCustodian();
  if (problem !== undefined) {
    console.log(`Cloud Custodian could not be installed, no comparison: ${problem}`);
    return;
  }
  const stale = bundleProblem();
  if (stale !== undefined) {
    const built = await buildCliBundle();
    console.log(`(built dist/cli first: ${stale}; ${(built.bytes / 1024).toFixed(0)} KiB)`);
  }
  const extraJobs = Math.max(0, Number.parseInt(process.env.BENCH_PEER_JOBS ?? '200', 10) || 0);
  const runs = Math.max(1, Number.parseInt(process.env.BENCH_PEER_RUNS ?? '3', 10) || 3);
  const work = mkdtempSync(join(tmpdir(), 'gg-peer-'));
  const emulator = await startEmulator();
  try {
    const aws = createAwsContext({
      region: REGION,
      endpoint: emulator.endpoint,
      credentials: TEST_CREDENTIALS,
    });
    await seedSampleEstate(aws, ACCOUNT);
    await seedJobs(emulator.endpoint, extraJobs);
    const policyFile = join(work, 'policies.json');
    writeFileSync(
      policyFile,
      JSON.stringify({ policies: RULES.map((name) => ({ name, ...POLICIES[name] })) }, null, 2),
    );
    const env = {
      ...process.env,
      AWS_ENDPOINT_URL: emulator.endpoint,
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_DEFAULT_REGION: REGION,
    };
    const ours: number[] = [];
    const theirs: number[] = [];
    let ourResult = new Map<string, string[]>();
    let theirResult = new Map<string, string[]>();
    for (let i = 0; i < runs; i++) {
      let t0 = performance.now();
      const scan = spawnSync(
        process.execPath,
        [
          bin,
          'scan',
          '--endpoint',
          emulator.endpoint,
          '--region',
          REGION,
          '--rules',
          RULES.join(','),
          '--format',
          'json',
        ],
        { cwd: root, encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 },
      );
      ours.push(performance.now() - t0);
      if (scan.status !== 0 && scan.status !== 1)
        throw new Error(`glue-guardrails scan exited ${scan.status}: ${scan.stderr.slice(0, 400)}`);
      ourResult = ourOffenders(JSON.parse(scan.stdout) as ScanEvaluation[]);

      // A fresh output directory and resource cache per run: Custodian shares one listing between
      // policies of the same resource within a run (as our scan does), never across runs.
      const outDir = join(work, `out-${i}`);
      t0 = performance.now();
      const c7n = spawnSync(
        custodian,
        ['run', '-s', outDir, '--region', REGION, '--cache', join(work, `cache-${i}.cache`), policyFile],
        { cwd: work, encoding: 'utf8', env },
      );
      theirs.push(performance.now() - t0);
      if (c7n.status !== 0)
        throw new Error(`custodian run exited ${c7n.status}: ${(c7n.stderr || c7n.stdout).slice(-600)}`);
      theirResult = custodianOffenders(outDir);
    }

    console.log(
      `sample estate + ${extraJobs} jobs, ${RULES.length} equivalent rules, ${runs} fresh processes each (${cpus().length} CPUs, ${cpus()[0]?.model ?? '?'}, Node ${process.version}, c7n ${C7N_VERSION}):`,
    );
    let differences = 0;
    for (const rule of RULES) {
      const a = [...(ourResult.get(rule) ?? [])].sort();
      const b = [...(theirResult.get(rule) ?? [])].sort();
      const onlyOurs = a.filter((x) => !b.includes(x));
      const onlyTheirs = b.filter((x) => !a.includes(x));
      differences += onlyOurs.length + onlyTheirs.length;
      console.log(
        `  ${rule.padEnd(46)} glue-guardrails ${String(a.length).padStart(4)}, custodian ${String(b.length).padStart(4)} offender(s)` +
          (onlyOurs.length ? `; only ours: ${onlyOurs.slice(0, 5).join(', ')}` : '') +
          (onlyTheirs.length ? `; only custodian's: ${onlyTheirs.slice(0, 5).join(', ')}` : ''),
      );
    }
    console.log(
      differences === 0 ? '  same offenders on every rule' : `  ${differences} difference(s) (above)`,
    );
    const o = median(ours);
    const t = median(theirs);
    console.log(
      `  glue-guardrails scan (bundled CLI): median ${o.toFixed(0)} ms  [${ours.map((x) => x.toFixed(0)).join(', ')}]`,
    );
    console.log(
      `  custodian run:                      median ${t.toFixed(0)} ms  [${theirs.map((x) => x.toFixed(0)).join(', ')}]`,
    );
    console.log(`  ratio custodian / glue-guardrails:  ${(t / o).toFixed(2)}x`);
  } finally {
    await emulator.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
