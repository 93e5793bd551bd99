// Scale and cost of periodic sweeps (issue 10), through the real handlers against the emulator.
// For estates of 1,000 / 5,000 / 10,000 Glue jobs (with connections, crawlers and security
// configurations growing alongside), every periodic rule sweeps once with every evaluation put:
// wall time, peak RSS, and API calls by operation next to a lower bound. At the largest size each
// rule then sweeps the unchanged estate again the next day with only-changed puts on (168 h), and
// the monthly AWS Config evaluation cost of both modes is priced at AWS's published rates.
// Calls are counted per client and command by an SDK middleware on each client the rule's context
// creates, so rules added to the registry later are measured without touching this file.
// Figures, not assertions. BENCH_SWEEP_SIZES=200,500 picks other sizes.
import { Logger } from '@aws-lambda-powertools/logger';
import {
  CloudTrailClient,
  CreateTrailCommand,
  PutEventSelectorsCommand,
  StartLoggingCommand,
} from '@aws-sdk/client-cloudtrail';
import {
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  CreateConnectionCommand,
  CreateCrawlerCommand,
  CreateJobCommand,
  CreateSecurityConfigurationCommand,
  GlueClient,
} from '@aws-sdk/client-glue';
import { CreatePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateBucketCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { scheduledEvent } from '../emulator/config-events';
import { mintResultToken } from '../emulator/config-service';
import { startEmulator } from '../emulator/launcher';
import { rules } from '../functions/rules/index';
import { type AwsClientConfig, type AwsContext, createAwsContext } from '../functions/runtime/aws';
import { errorMessage } from '../functions/runtime/errors';
import { toHandler } from '../functions/runtime/handler';
import type { AnyRule } from '../functions/runtime/rule';
import { parseConfig } from '../infra/config';

const SIZES = (process.env.BENCH_SWEEP_SIZES ?? '1000,5000,10000')
  .split(',')
  .map((n) => Number(n.trim()))
  .filter((n) => Number.isInteger(n) && n > 0)
  .sort((a, b) => a - b);
const REGION = 'us-east-1';
const ROLE = 'arn:aws:iam::123456789012:role/GlueEtl';
const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1111aaaa-2222-bbbb-3333-cccc4444dddd';
const BUCKETS = ['etl-scripts', 'etl-temp', 'etl-libs', 'spark-ui', 'raw-landing'];
const SECURITY_CONFIGS = ['kms-all', 's3-managed', 'logs-only'];
const DAY = 86_400_000;
const MAX_AGE_HOURS = 168;
/** The deployed defaults (infra/config.ts): the targets are measured against these. */
const DEPLOYED = parseConfig({});

/**
 * The most items one page of each paged listing may hold (the API references' maximum for
 * MaxResults / Limit / MaxItems, which is what the lookups request): the lower bound of a listing
 * is ceil(items / this), at least one call.
 */
const PAGE_MAX: Record<string, number> = {
  'Glue:GetJobs': 1000,
  'Glue:GetConnections': 1000,
  'Glue:GetCrawlers': 1000,
  'Glue:GetSecurityConfigurations': 1000,
  'Glue:GetDevEndpoints': 1000,
  'Glue:GetMLTransforms': 100,
  'DataBrew:ListJobs': 100,
  'EC2:DescribeSubnets': 1000,
  'EC2:DescribeVpcEndpoints': 1000,
  'ResourceGroupsTaggingAPI:GetResources': 100,
  'IAM:GetAccountAuthorizationDetails': 1000,
  'ConfigService:GetComplianceDetailsByConfigRule': 100,
};
const PAGE_FIELDS = new Set([
  'NextToken',
  'Marker',
  'PaginationToken',
  'MaxResults',
  'MaxItems',
  'Limit',
  'ResourcesPerPage',
]);

/** Per operation: calls sent, items returned (first list of the output), distinct non-paging inputs. */
interface OpCount {
  calls: number;
  items: number;
  inputs: Set<string>;
  putEvaluations: number;
}
type Counts = Map<string, OpCount>;

/** A context whose clients count every command they send (one count per API call, before retries). */
function countingContext(base: Partial<AwsClientConfig>, counts: Counts): AwsContext {
  const inner = createAwsContext(base);
  const instrumented = new WeakSet<object>();
  return {
    config: inner.config,
    client<T>(ctor: new (config: AwsClientConfig) => T): T {
      const client = inner.client(ctor) as T & {
        middlewareStack: { add: (m: unknown, o: unknown) => void };
      };
      if (!instrumented.has(client)) {
        instrumented.add(client);
        client.middlewareStack.add(
          (
            next: (a: unknown) => Promise<{ output?: unknown }>,
            ctx: { clientName?: string; commandName?: string },
          ) =>
            async (args: unknown) => {
              const key = `${(ctx.clientName ?? ctor.name).replace(/Client$/, '')}:${(ctx.commandName ?? '?').replace(/Command$/, '')}`;
              const input = ((args as { input?: Record<string, unknown> }).input ?? {}) as Record<
                string,
                unknown
              >;
              const op = counts.get(key) ?? {
                calls: 0,
                items: 0,
                inputs: new Set<string>(),
                putEvaluations: 0,
              };
              counts.set(key, op);
              op.calls += 1;
              const identity = Object.entries(input).filter(([k]) => !PAGE_FIELDS.has(k));
              if (key === 'ConfigService:PutEvaluations') {
                op.putEvaluations += Array.isArray(input.Evaluations) ? input.Evaluations.length : 0;
              } else {
                op.inputs.add(JSON.stringify(identity));
              }
              const result = await next(args);
              const list = Object.values((result.output ?? {}) as Record<string, unknown>).find(
                Array.isArray,
              );
              if (list) op.items += list.length;
              return result;
            },
          { step: 'initialize', name: 'sweepCostCounter' },
        );
      }
      return client;
    },
  };
}

async function inBatches<T>(items: readonly T[], size: number, fn: (item: T, i: number) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += size) {
    await Promise.all(items.slice(i, i + size).map((item, j) => fn(item, i + j)));
  }
}

interface Estate {
  glue: GlueClient;
  subnets: string[];
  jobs: number;
  connections: number;
  crawlers: number;
  securityConfigs: number;
}

/** Security configurations, VPCs with subnets and Glue endpoints, buckets, a trail and policies. */
async function seedBase(config: AwsClientConfig): Promise<Estate> {
  const glue = new GlueClient(config);
  const ec2 = new EC2Client(config);
  const s3 = new S3Client(config);
  const subnets: string[] = [];
  for (const cidr of ['10.1', '10.2', '10.3']) {
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: `${cidr}.0.0/16` }))).Vpc?.VpcId as string;
    const subnet = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: `${cidr}.1.0/24` })))
      .Subnet?.SubnetId as string;
    subnets.push(subnet);
    if (cidr !== '10.3') {
      await ec2.send(
        new CreateVpcEndpointCommand({
          VpcId: vpc,
          ServiceName: `com.amazonaws.${REGION}.glue`,
          VpcEndpointType: 'Interface',
          SubnetIds: [subnet],
        }),
      );
    }
  }
  for (const bucket of BUCKETS) await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  for (const bucket of BUCKETS.slice(0, 3)) {
    const Policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    });
    await s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy }));
  }
  const trail = new CloudTrailClient(config);
  await trail.send(
    new CreateTrailCommand({ Name: 'org-audit', S3BucketName: 'raw-landing', IsMultiRegionTrail: true }),
  );
  await trail.send(new StartLoggingCommand({ Name: 'org-audit' }));
  // AWS stores the default selector on a new trail; moto stores none, so set it as AWS would.
  await trail.send(
    new PutEventSelectorsCommand({
      TrailName: 'org-audit',
      EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }],
    }),
  );
  const iam = new IAMClient(config);
  await inBatches(
    Array.from({ length: 25 }, (_, i) => i),
    5,
    (i) => {
      const Statement = [
        i % 5 === 0
          ? { Effect: 'Allow', Action: 'glue:*', Resource: '*' }
          : {
              Effect: 'Allow',
              Action: ['glue:GetJob', 'glue:StartJobRun'],
              Resource: `arn:aws:glue:${REGION}:123456789012:job/team-${i}-*`,
            },
      ];
      return iam.send(
        new CreatePolicyCommand({
          PolicyName: `team-${i}-glue`,
          PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement }),
        }),
      );
    },
  );
  return { glue, subnets, jobs: 0, connections: 0, crawlers: 0, securityConfigs: 0 };
}

const connectionName = (i: number): string => `warehouse-${String(i).padStart(4, '0')}`;

/**
 * Grows the estate to `jobs` jobs, jobs/50 VPC connections, jobs/50 crawlers and 3 + jobs/1000
 * security configurations, through the public Glue API (CreateJob etc., 25 requests in flight).
 */
async function grow(estate: Estate, jobs: number): Promise<void> {
  const { glue } = estate;
  const range = (from: number, to: number): number[] =>
    Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);
  const securityConfigs = 3 + Math.floor(jobs / 1000);
  await inBatches(range(estate.securityConfigs, securityConfigs), 5, (i) => {
    const s3Mode = ['SSE-KMS', 'SSE-S3', 'DISABLED'][i % 3] as 'SSE-KMS' | 'SSE-S3' | 'DISABLED';
    return glue.send(
      new CreateSecurityConfigurationCommand({
        Name: SECURITY_CONFIGS[i] ?? `team-config-${i}`,
        EncryptionConfiguration: {
          S3Encryption: [
            s3Mode === 'SSE-KMS'
              ? { S3EncryptionMode: s3Mode, KmsKeyArn: KEY }
              : { S3EncryptionMode: s3Mode },
          ],
          CloudWatchEncryption: { CloudWatchEncryptionMode: 'SSE-KMS', KmsKeyArn: KEY },
          JobBookmarksEncryption: { JobBookmarksEncryptionMode: 'CSE-KMS', KmsKeyArn: KEY },
        },
      }),
    );
  });
  const connections = Math.max(1, Math.floor(jobs / 50));
  await inBatches(range(estate.connections, connections), 25, (i) =>
    glue.send(
      new CreateConnectionCommand({
        ConnectionInput: {
          Name: connectionName(i),
          ConnectionType: 'JDBC',
          ConnectionProperties: {
            JDBC_CONNECTION_URL: `jdbc:postgresql://${connectionName(i)}.internal:5432/db`,
            USERNAME: 'etl',
            PASSWORD: 'bench-only',
            JDBC_ENFORCE_SSL: i % 2 === 0 ? 'true' : 'false',
          },
          PhysicalConnectionRequirements: {
            SubnetId: estate.subnets[i % estate.subnets.length],
            SecurityGroupIdList: ['sg-0a1'],
          },
        },
      }),
    ),
  );
  await inBatches(range(estate.jobs, jobs), 25, (i) => {
    const name = `etl-${String(i).padStart(5, '0')}`;
    return glue.send(
      new CreateJobCommand({
        Name: name,
        Role: ROLE,
        GlueVersion: ['4.0', '3.0', '2.0', '5.0'][i % 4],
        Command: {
          Name: i % 10 === 0 ? 'pythonshell' : 'glueetl',
          ScriptLocation: `s3://etl-scripts/${name}.py`,
        },
        DefaultArguments: {
          '--TempDir': 's3://etl-temp/tmp/',
          '--extra-py-files': 's3://etl-libs/common.zip',
          ...(i % 3 === 0 ? { '--enable-continuous-cloudwatch-log': 'true' } : {}),
          ...(i % 7 === 0 ? { '--spark-event-logs-path': 's3://spark-ui/logs/' } : {}),
        },
        ...(i % 5 === 0 ? {} : { SecurityConfiguration: SECURITY_CONFIGS[i % 3] }),
        ...(i % 4 === 0 ? { Connections: { Connections: [connectionName(i % connections)] } } : {}),
        Tags: i % 2 === 0 ? { owner: 'payments-data', 'data-classification': 'confidential' } : {},
      }),
    );
  });
  const crawlers = Math.max(1, Math.floor(jobs / 50));
  await inBatches(range(estate.crawlers, crawlers), 25, (i) =>
    glue.send(
      new CreateCrawlerCommand({
        Name: `crawler-${String(i).padStart(4, '0')}`,
        Role: ROLE,
        DatabaseName: 'raw',
        Targets: { S3Targets: [{ Path: `s3://${i % 2 ? 'raw-landing' : 'etl-temp'}/in/crawler-${i}/` }] },
        ...(i % 3 === 0 ? { CrawlerSecurityConfiguration: 'kms-all' } : {}),
      }),
    ),
  );
  Object.assign(estate, { jobs, connections, crawlers, securityConfigs });
}

interface Sweep {
  rule: string;
  outcome: string;
  failed: boolean;
  counts: Counts;
  ms: number;
  peakRssMb: number;
  evaluations: number;
  put: number;
  stale: number;
  skipped: number;
}

async function sweep(
  rule: AnyRule,
  base: Partial<AwsClientConfig>,
  logger: Logger,
  at: Date,
  maxAgeHours: number,
): Promise<Sweep> {
  const counts: Counts = new Map();
  const aws = countingContext(base, counts);
  if (typeof global.gc === 'function') global.gc();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const start = performance.now();
  let outcome: string;
  let failed = false;
  let evaluations = 0;
  let stale = 0;
  let skipped = 0;
  try {
    const result = await toHandler(rule, { aws, logger, evaluationMaxAgeMs: maxAgeHours * 3_600_000 })(
      scheduledEvent({
        configRuleName: rule.id,
        resultToken: mintResultToken(rule.id),
        at: at.toISOString(),
      }),
    );
    evaluations = result.run.evaluations.length;
    stale = result.staleCleared;
    skipped = result.unchangedSkipped;
    outcome = `${evaluations} evaluated, ${result.nonCompliant} non-compliant`;
  } catch (error) {
    failed = true;
    outcome = `FAILED: ${errorMessage(error).slice(0, 90)}`;
  }
  const ms = performance.now() - start;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const put = counts.get('ConfigService:PutEvaluations')?.putEvaluations ?? 0;
  return {
    rule: rule.id,
    outcome,
    failed,
    counts,
    ms,
    peakRssMb: peak / 1024 / 1024,
    evaluations,
    put,
    stale,
    skipped,
  };
}

/** The fewest calls that could have done the sweep (see the header of the scale table). */
function lowerBound(s: Sweep): Map<string, number> {
  const bound = new Map<string, number>();
  for (const [op, c] of s.counts) {
    if (op === 'ConfigService:PutEvaluations') {
      bound.set(op, Math.max(1, Math.ceil((s.put - s.stale) / 100)) + Math.ceil(s.stale / 100));
    } else if (PAGE_MAX[op] !== undefined) {
      bound.set(op, Math.max(c.inputs.size, Math.ceil(c.items / PAGE_MAX[op])));
    } else {
      bound.set(op, c.inputs.size);
    }
  }
  return bound;
}

const sum = (values: Iterable<number>): number => [...values].reduce((a, b) => a + b, 0);

/** AWS Config rule evaluations, per account and region per month (https://aws.amazon.com/config/pricing/). */
export function monthlyEvaluationCost(evaluations: number): number {
  const tiers: Array<[number, number]> = [
    [100_000, 0.001],
    [400_000, 0.0008],
    [Number.POSITIVE_INFINITY, 0.0005],
  ];
  let left = evaluations;
  let cost = 0;
  for (const [size, price] of tiers) {
    const n = Math.min(left, size);
    cost += n * price;
    left -= n;
  }
  return cost;
}

function printScale(size: number, estate: Estate, sweeps: Sweep[]): void {
  const width = Math.max(...sweeps.map((r) => r.rule.length));
  console.log(
    `\nScale: ${size} jobs, ${estate.connections} connections, ${estate.crawlers} crawlers, ${estate.securityConfigs} security configurations; one sweep per periodic rule, every evaluation put`,
  );
  console.log(
    `${'rule'.padEnd(width)}  calls  bound  over  wall ms  peak RSS MiB  calls/bound by operation  [outcome]`,
  );
  for (const s of sweeps) {
    const bound = lowerBound(s);
    const calls = sum([...s.counts.values()].map((c) => c.calls));
    const min = sum(bound.values());
    const ops = [...s.counts]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, c]) => `${k.split(':')[1]} ${c.calls}/${bound.get(k)}`)
      .join(', ');
    const over = min === 0 ? 0 : ((calls - min) / min) * 100;
    console.log(
      `${s.rule.padEnd(width)}  ${String(calls).padStart(5)}  ${String(min).padStart(5)}  ${`${over.toFixed(1)}%`.padStart(5)}  ${s.ms.toFixed(0).padStart(7)}  ${s.peakRssMb.toFixed(0).padStart(12)}  ${ops}  [${s.outcome}]`,
    );
  }
  const slowest = Math.max(...sweeps.map((s) => s.ms));
  console.log(
    `slowest sweep ${(slowest / 1000).toFixed(1)} s (function timeout ${DEPLOYED.functionTimeoutSeconds} s: ${(DEPLOYED.functionTimeoutSeconds / (slowest / 1000)).toFixed(1)}x under); peak RSS ${Math.max(...sweeps.map((s) => s.peakRssMb)).toFixed(0)} MiB of ${DEPLOYED.functionMemoryMb} MB`,
  );
}

function printCost(size: number, all: Sweep[], changed: Sweep[]): void {
  const width = Math.max(...all.map((r) => r.rule.length));
  console.log(
    `\nCost: a second daily sweep of the unchanged ${size}-job estate (evaluations written per sweep)`,
  );
  console.log(
    `${'rule'.padEnd(width)}  every result  only changed (${MAX_AGE_HOURS} h)  skipped  calls (only changed)  wall ms`,
  );
  for (const [i, a] of all.entries()) {
    const c = changed[i] as Sweep;
    const calls = sum([...c.counts.values()].map((op) => op.calls));
    console.log(
      `${a.rule.padEnd(width)}  ${String(a.evaluations).padStart(12)}  ${String(c.put).padStart(23)}  ${String(c.skipped).padStart(7)}  ${String(calls).padStart(20)}  ${c.ms.toFixed(0).padStart(7)}${c.failed ? `  [${c.outcome}]` : ''}`,
    );
  }
  const perSweepAll = sum(all.map((a) => a.evaluations));
  const perSweepChanged = sum(changed.map((c) => c.put));
  // 30 daily sweeps: with every result put, each writes them all; with only-changed puts, each
  // writes what changed (measured above) and every 7th re-asserts them all (days 7, 14, 21, 28).
  const reasserts = Math.floor(30 / (MAX_AGE_HOURS / 24));
  const monthAll = 30 * perSweepAll;
  const monthChanged = 30 * perSweepChanged + reasserts * perSweepAll;
  console.log(
    `${'TOTAL per sweep'.padEnd(width)}  ${String(perSweepAll).padStart(12)}  ${String(perSweepChanged).padStart(23)}`,
  );
  console.log(
    `per month (30 daily sweeps): every result ${monthAll.toLocaleString('en-US')} evaluations = $${monthlyEvaluationCost(monthAll).toFixed(2)}; ` +
      `only changed ${monthChanged.toLocaleString('en-US')} (${reasserts} weekly re-assertions) = $${monthlyEvaluationCost(monthChanged).toFixed(2)} ` +
      '(us-east-1: $0.001 first 100,000, $0.0008 next 400,000, $0.0005 beyond, per account and region)',
  );
}

export async function run(): Promise<void> {
  const emulator = await startEmulator();
  try {
    const base = {
      region: REGION,
      endpoint: emulator.endpoint,
      credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
      maxAttempts: 3,
    };
    const seedConfig = { ...base, retryMode: 'standard' as const, forcePathStyle: true };
    const estate = await seedBase(seedConfig);
    const logger = new Logger({ logLevel: 'SILENT' });
    const periodic = rules.filter((r) => r.periodic !== undefined);
    const today = new Date(Math.floor(Date.now() / DAY) * DAY + 6 * 3_600_000);
    let lastAll: Sweep[] = [];
    for (const [n, size] of SIZES.entries()) {
      const t0 = performance.now();
      await grow(estate, size);
      console.log(
        `\nseeded up to ${size} jobs through the Glue API in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
      const at = new Date(today.getTime() + n * DAY);
      lastAll = [];
      for (const rule of periodic) lastAll.push(await sweep(rule, base, logger, at, 0));
      printScale(size, estate, lastAll);
    }
    const size = SIZES[SIZES.length - 1] as number;
    const next = new Date(today.getTime() + SIZES.length * DAY);
    const changed: Sweep[] = [];
    for (const rule of periodic) changed.push(await sweep(rule, base, logger, next, MAX_AGE_HOURS));
    printCost(size, lastAll, changed);
  } finally {
    await emulator.stop();
  }
}
