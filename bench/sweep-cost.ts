// API calls, wall time and peak RSS of one full periodic sweep of EVERY registered rule, through
// the real handlers, against the emulator seeded with a 1,000-job Glue estate. Calls are counted
// per client and command by an SDK middleware on each client the rule's context creates, so rules
// added to the registry later are measured without touching this file. Figures, not assertions.
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

const JOBS = 1_000;
const REGION = 'us-east-1';
const ROLE = 'arn:aws:iam::123456789012:role/GlueEtl';
const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1111aaaa-2222-bbbb-3333-cccc4444dddd';
const BUCKETS = ['etl-scripts', 'etl-temp', 'etl-libs', 'spark-ui', 'raw-landing'];
const CONFIG_SERVICE = new Set(['PutEvaluationsCommand', 'GetComplianceDetailsByConfigRuleCommand']);

type Counts = Map<string, number>;

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
          (next: (a: unknown) => Promise<unknown>, ctx: { clientName?: string; commandName?: string }) =>
            async (args: unknown) => {
              const key = `${(ctx.clientName ?? ctor.name).replace(/Client$/, '')}:${(ctx.commandName ?? '?').replace(/Command$/, '')}`;
              counts.set(key, (counts.get(key) ?? 0) + 1);
              return next(args);
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

/** A 1,000-job estate: security configurations, VPC connections, crawlers, buckets, a trail, policies. */
async function seed(config: AwsClientConfig): Promise<void> {
  const glue = new GlueClient(config);
  const ec2 = new EC2Client(config);
  const s3 = new S3Client(config);
  for (const [name, s3Mode] of [
    ['kms-all', 'SSE-KMS'],
    ['s3-managed', 'SSE-S3'],
    ['logs-only', 'DISABLED'],
  ] as const) {
    await glue.send(
      new CreateSecurityConfigurationCommand({
        Name: name,
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
  }
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
  const connections = Array.from({ length: 6 }, (_, i) => `warehouse-${i}`);
  for (const [i, name] of connections.entries()) {
    await glue.send(
      new CreateConnectionCommand({
        ConnectionInput: {
          Name: name,
          ConnectionType: 'JDBC',
          ConnectionProperties: {
            JDBC_CONNECTION_URL: `jdbc:postgresql://${name}.internal:5432/db`,
            USERNAME: 'etl',
            PASSWORD: 'bench-only',
            JDBC_ENFORCE_SSL: i % 2 === 0 ? 'true' : 'false',
          },
          PhysicalConnectionRequirements: {
            SubnetId: subnets[i % subnets.length],
            SecurityGroupIdList: ['sg-0a1'],
          },
        },
      }),
    );
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
  const names = Array.from({ length: JOBS }, (_, i) => `etl-${String(i).padStart(4, '0')}`);
  await inBatches(names, 20, (name, i) =>
    glue.send(
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
        ...(i % 5 === 0 ? {} : { SecurityConfiguration: ['kms-all', 's3-managed', 'logs-only'][i % 3] }),
        ...(i % 4 === 0
          ? { Connections: { Connections: [connections[i % connections.length] as string] } }
          : {}),
        Tags: i % 2 === 0 ? { owner: 'payments-data', 'data-classification': 'confidential' } : {},
      }),
    ),
  );
  await inBatches(
    Array.from({ length: 20 }, (_, i) => `crawler-${i}`),
    10,
    (name, i) =>
      glue.send(
        new CreateCrawlerCommand({
          Name: name,
          Role: ROLE,
          DatabaseName: 'raw',
          Targets: { S3Targets: [{ Path: `s3://${i % 2 ? 'raw-landing' : 'etl-temp'}/in/${name}/` }] },
          ...(i % 3 === 0 ? { CrawlerSecurityConfiguration: 'kms-all' } : {}),
        }),
      ),
  );
  await new CloudTrailClient(config).send(
    new CreateTrailCommand({ Name: 'org-audit', S3BucketName: 'raw-landing', IsMultiRegionTrail: true }),
  );
  await new CloudTrailClient(config).send(new StartLoggingCommand({ Name: 'org-audit' }));
  // AWS stores the default selector on a new trail; moto stores none, so set it as AWS would.
  await new CloudTrailClient(config).send(
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
}

interface Row {
  rule: string;
  outcome: string;
  reads: Counts;
  config: number;
  ms: number;
  peakRssMb: number;
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
    const t0 = performance.now();
    await seed({ ...base, retryMode: 'standard', forcePathStyle: true });
    console.log(
      `seeded ${JOBS} jobs, 20 crawlers, 6 VPC connections, 5 buckets, 25 policies in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const logger = new Logger({ logLevel: 'SILENT' });
    const rows: Row[] = [];
    for (const rule of rules) {
      const counts: Counts = new Map();
      const aws = countingContext(base, counts);
      let peak = process.memoryUsage().rss;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 5);
      const start = performance.now();
      let outcome: string;
      try {
        const result = await toHandler(rule, { aws, logger })(
          scheduledEvent({ configRuleName: rule.id, resultToken: mintResultToken(rule.id) }),
        );
        outcome = `${result.reported} reported, ${result.nonCompliant} non-compliant`;
      } catch (error) {
        outcome = `FAILED: ${errorMessage(error).slice(0, 90)}`;
      }
      const ms = performance.now() - start;
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      const reads = new Map([...counts].filter(([k]) => !CONFIG_SERVICE.has(`${k.split(':')[1]}Command`)));
      const config = [...counts].filter(([k]) => !reads.has(k)).reduce((n, [, c]) => n + c, 0);
      rows.push({ rule: rule.id, outcome, reads, config, ms, peakRssMb: peak / 1024 / 1024 });
    }
    print(rows);
  } finally {
    await emulator.stop();
  }
}

function print(rows: Row[]): void {
  const width = Math.max(...rows.map((r) => r.rule.length));
  console.log(
    `\nOne periodic sweep per rule, ${JOBS}-job estate (reads = inspection API calls; config = PutEvaluations + stale clean-up)`,
  );
  console.log(`${'rule'.padEnd(width)}  reads  config  wall ms  peak RSS MiB  calls by operation / outcome`);
  let reads = 0;
  let config = 0;
  let ms = 0;
  for (const r of rows) {
    const n = [...r.reads.values()].reduce((a, b) => a + b, 0);
    reads += n;
    config += r.config;
    ms += r.ms;
    const ops = [...r.reads]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, c]) => `${k}×${c}`)
      .join(' ');
    console.log(
      `${r.rule.padEnd(width)}  ${String(n).padStart(5)}  ${String(r.config).padStart(6)}  ${r.ms.toFixed(0).padStart(7)}  ${r.peakRssMb.toFixed(0).padStart(12)}  ${ops || '-'}  [${r.outcome}]`,
    );
  }
  console.log(
    `${'TOTAL'.padEnd(width)}  ${String(reads).padStart(5)}  ${String(config).padStart(6)}  ${ms.toFixed(0).padStart(7)}`,
  );
}
