import {
  type Connection,
  CreateCrawlerCommand,
  type DataCatalogEncryptionSettings,
  GetCrawlerCommand,
  GetDataCatalogEncryptionSettingsCommand,
  GetJobCommand,
  GetResourcePolicyCommand,
  type Job,
  PutDataCatalogEncryptionSettingsCommand,
  PutResourcePolicyCommand,
  UpdateJobCommand,
} from '@aws-sdk/client-glue';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Inbox } from '../../cli/demo/inbox';
import { type AutomationExecution, runAutomation } from '../../remediation/index';
import { useEmulator } from '../emulator/context';
import { ROLE_ARN, resultInbox } from '../remediation/documents/support/e2e';
import type { RemediationResult } from '../remediation/documents/support/handler';
import {
  createConnection,
  createJob,
  createKey,
  createSecurityConfiguration,
  glue,
  jdbcInput,
  readConnection,
  readJob,
  sparkJob,
  without,
} from '../remediation/documents/support/seed';
import {
  type FaultProxy,
  type FaultProxyOptions,
  type ProxiedRequest,
  startFaultProxy,
} from '../support/fault-proxy';

/**
 * The job documents run by the local runner with the fault proxy as their endpoint: boto3 in the
 * scripts and the runner's SDK clients both go through it. Only request faults that the proxy
 * answers itself are used (nothing is forwarded, so a failed write was never applied); `slow` is
 * left out because boto3's read timeout (60 s) cannot be shortened through the environment.
 */
const emulator = useEmulator();

let proxies: FaultProxy[] = [];
beforeEach(() => {
  // boto3 in the runner's Python bridge: its standard retry mode, two attempts, so faults can win.
  vi.stubEnv('AWS_RETRY_MODE', 'standard');
  vi.stubEnv('AWS_MAX_ATTEMPTS', '2');
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(proxies.map((p) => p.close()));
  proxies = [];
});

async function proxy(options: Omit<FaultProxyOptions, 'target'>): Promise<FaultProxy> {
  const started = await startFaultProxy({ target: emulator.endpoint, ...options });
  proxies.push(started);
  return started;
}

function run(
  endpoint: string,
  document: string,
  inbox: Inbox,
  parameters: Record<string, string | string[]>,
) {
  return runAutomation(document, {
    parameters: { AutomationAssumeRole: ROLE_ARN, NotificationTopicArn: inbox.topicArn, ...parameters },
    aws: { region: emulator.region, endpoint, credentials: emulator.clientConfig.credentials },
    accountId: emulator.accountId,
  });
}

interface Case {
  document: string;
  parameters: Record<string, string>;
  /** Prepares the estate; returns the job's fields the document sets, as they must end. */
  prepare(): Promise<Partial<Job>>;
}

const CASES: Case[] = [
  {
    document: 'EnableGlueJobContinuousLogging',
    parameters: { JobName: 'load' },
    async prepare() {
      await createJob(emulator, sparkJob('load'));
      const before = await readJob(emulator, 'load');
      return {
        DefaultArguments: { ...before.DefaultArguments, '--enable-continuous-cloudwatch-log': 'true' },
      };
    },
  },
  {
    document: 'SetGlueJobDisableProxy',
    parameters: { JobName: 'load' },
    async prepare() {
      await createConnection(emulator, jdbcInput('warehouse', { JDBC_ENFORCE_SSL: 'true' }));
      await createJob(emulator, sparkJob('load'));
      const before = await readJob(emulator, 'load');
      return { DefaultArguments: { ...before.DefaultArguments, '--disable-proxy-v2': 'true' } };
    },
  },
  {
    document: 'AttachGlueJobSecurityConfiguration',
    parameters: { JobName: 'load', SecurityConfigurationName: 'secure' },
    async prepare() {
      await createSecurityConfiguration(emulator, 'secure', await createKey(emulator));
      await createJob(emulator, sparkJob('load'));
      return { SecurityConfiguration: 'secure' };
    },
  },
];

const failureOf = (execution: AutomationExecution): string =>
  execution.StepExecutions.map((s) => s.FailureMessage ?? '').join(' | ');

const SEEDS = [11, 12, 13];
/** Runs that completed and that failed, over every document: both must happen for the test to mean anything. */
const tally = { completed: 0, failed: 0 };

describe('Reliability: remediation documents under faults', () => {
  for (const { document, parameters, prepare } of CASES) {
    it(`${document} completes correctly or fails cleanly, publishing what it changed`, async () => {
      const seen = { completed: 0, failed: 0 };
      for (const seed of SEEDS) {
        // Prepare
        await fetch(`${emulator.endpoint}/moto-api/reset`, { method: 'POST' });
        const inbox = await resultInbox(emulator);
        const wanted = await prepare();
        const before = await readJob(emulator, 'load');
        const faulty = await proxy({ seed, rate: 0.35, mix: ['throttle', 'server', 'reset'] });
        // Act
        const execution = await run(faulty.endpoint, document, inbox, parameters);
        const after = await readJob(emulator, 'load');
        const published = (await inbox.drain()).map((n) => JSON.parse(n.message) as RemediationResult);
        // Assess: the job is either untouched or remediated whole; never a lost field
        const changedFields = [...Object.keys(wanted), 'LastModifiedOn'];
        expect(without(after, ...changedFields)).toEqual(without(before, ...changedFields));
        const remediated = Object.entries(wanted).every(
          ([k, v]) => JSON.stringify(after[k as keyof Job]) === JSON.stringify(v),
        );
        const untouched = Object.keys(wanted).every(
          (k) => JSON.stringify(after[k as keyof Job]) === JSON.stringify(before[k as keyof Job]),
        );
        expect({ seed, state: remediated || untouched }).toEqual({ seed, state: true });
        if (execution.AutomationExecutionStatus === 'Success') {
          seen.completed++;
          expect({ seed, remediated }).toEqual({ seed, remediated: true });
          expect(published.map((p) => p.outcome)).toEqual(['REMEDIATED']);
        } else {
          seen.failed++;
          expect({ seed, status: execution.AutomationExecutionStatus }).toEqual({ seed, status: 'Failed' });
          // Published (SNS is retried by the runner's SDK client) with the changes already made
          expect({ seed, outcomes: published.map((p) => p.outcome) }).toEqual({ seed, outcomes: ['FAILED'] });
          expect({ seed, changes: (published[0]?.changes.length ?? 0) > 0 }).toEqual({
            seed,
            changes: remediated,
          });
        }
      }
      expect(seen.completed + seen.failed).toBe(SEEDS.length);
      tally.completed += seen.completed;
      tally.failed += seen.failed;
    }, 120_000);
  }

  it('AttachGlueCrawlerSecurityConfiguration publishes exactly the crawlers it changed, whatever failed', async () => {
    const names = ['bare', 'fine', 'weak'];
    const seen = { completed: 0, failed: 0 };
    for (const seed of SEEDS) {
      // Prepare
      await fetch(`${emulator.endpoint}/moto-api/reset`, { method: 'POST' });
      const inbox = await resultInbox(emulator);
      const key = await createKey(emulator);
      await createSecurityConfiguration(emulator, 'encrypted', key);
      await createSecurityConfiguration(emulator, 's3-managed', key, 'SSE-S3');
      for (const [name, current] of [
        ['bare', undefined],
        ['weak', 's3-managed'],
        ['fine', 'encrypted'],
      ] as const) {
        await glue(emulator).send(
          new CreateCrawlerCommand({
            Name: name,
            Role: 'arn:aws:iam::123456789012:role/GlueCrawlerRole',
            DatabaseName: 'raw',
            Targets: { S3Targets: [{ Path: `s3://landing/${name}/` }] },
            ...(current ? { CrawlerSecurityConfiguration: current } : {}),
          }),
        );
      }
      const read = () =>
        Promise.all(
          names.map(async (Name) => (await glue(emulator).send(new GetCrawlerCommand({ Name }))).Crawler!),
        );
      const before = await read();
      const faulty = await proxy({ seed, rate: 0.35, mix: ['throttle', 'server', 'reset'] });
      // Act
      const execution = await run(faulty.endpoint, 'AttachGlueCrawlerSecurityConfiguration', inbox, {
        AccountId: emulator.accountId,
        SecurityConfigurationName: 'encrypted',
      });
      const after = await read();
      const published = (await inbox.drain()).map((n) => JSON.parse(n.message) as RemediationResult);
      // Assess: every crawler whole; the one message names exactly the crawlers that changed
      const kept = ['CrawlerSecurityConfiguration', 'LastUpdated', 'Version'];
      expect(after.map((c) => without(c, ...kept))).toEqual(before.map((c) => without(c, ...kept)));
      const changed = names.filter(
        (_, i) => after[i]?.CrawlerSecurityConfiguration !== before[i]?.CrawlerSecurityConfiguration,
      );
      expect(
        after.filter((c, i) => changed.includes(names[i]!) && c.CrawlerSecurityConfiguration !== 'encrypted'),
      ).toEqual([]);
      expect({ seed, messages: published.length }).toEqual({ seed, messages: 1 });
      const reported = (published[0]?.changes ?? []).map((c) => c.field.split('/')[1]?.split('.')[0]).sort();
      expect({ seed, reported }).toEqual({ seed, reported: changed });
      if (execution.AutomationExecutionStatus === 'Success') {
        seen.completed++;
        expect({ seed, changed, outcome: published[0]?.outcome }).toEqual({
          seed,
          changed: ['bare', 'weak'],
          outcome: 'REMEDIATED',
        });
      } else {
        seen.failed++;
        expect({ seed, outcome: ['FAILED', 'PARTIAL'].includes(published[0]?.outcome ?? '') }).toEqual({
          seed,
          outcome: true,
        });
      }
    }
    tally.completed += seen.completed;
    tally.failed += seen.failed;
  }, 120_000);

  it('the seeds make some runs complete and others fail', () => {
    expect(tally.completed).toBeGreaterThan(0);
    expect(tally.failed).toBeGreaterThan(0);
  });
});

/**
 * The catalog-level documents under the same faults. Each seed runs the document once from the same
 * prepared estate; the resource is read back from the emulator (not from what the run says) and must be
 * either exactly as it was or exactly as the document means to leave it, and the topic must receive
 * exactly one message whose changes are the writes that really happened.
 */
interface Published {
  outcome: RemediationResult['outcome'];
  changes: RemediationResult['changes'];
}

interface FaultRun<S> {
  seed: number;
  execution: AutomationExecution;
  before: S;
  after: S;
  published: Published[];
}

/** Runs `document` once per seed under request faults; returns every run for the caller to assess. */
async function underFaults<S>(
  seeds: readonly number[],
  document: string,
  prepare: (seed: number) => Promise<Record<string, string | string[]>>,
  read: () => Promise<S>,
): Promise<FaultRun<S>[]> {
  const runs: FaultRun<S>[] = [];
  for (const seed of seeds) {
    await fetch(`${emulator.endpoint}/moto-api/reset`, { method: 'POST' });
    const inbox = await resultInbox(emulator);
    const parameters = await prepare(seed);
    const before = await read();
    const faulty = await proxy({ seed, rate: 0.35, mix: ['throttle', 'server', 'reset'] });
    const execution = await run(faulty.endpoint, document, inbox, parameters);
    const after = await read();
    const published = (await inbox.drain()).map((n) => {
      const body = JSON.parse(n.message) as RemediationResult;
      return { outcome: body.outcome, changes: body.changes };
    });
    runs.push({ seed, execution, before, after, published });
  }
  return runs;
}

/** Both outcomes happen across the seeds: otherwise the test above it proves only one path. */
function expectBothOutcomes(runs: readonly FaultRun<unknown>[]): void {
  const statuses = new Set(runs.map((r) => r.execution.AutomationExecutionStatus));
  expect([...statuses].sort()).toEqual(['Failed', 'Success']);
}

const CATALOG_ARN = 'arn:aws:glue:us-east-1:123456789012:catalog';
const STATEMENTS = {
  publicRead: {
    Sid: 'PublicRead',
    Effect: 'Allow',
    Principal: '*',
    Action: 'glue:GetTable',
    Resource: CATALOG_ARN,
  },
  // ...IfExists passes requests without the key: this confines nothing, so it is public too
  vpceIfExists: {
    Sid: 'VpceIfExists',
    Effect: 'Allow',
    Principal: { AWS: '*' },
    Action: 'glue:GetDatabases',
    Resource: CATALOG_ARN,
    Condition: { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-0abc1234' } },
  },
  orgRead: {
    Sid: 'OrgRead',
    Effect: 'Allow',
    Principal: { AWS: '*' },
    Action: ['glue:GetDatabase', 'glue:GetTable'],
    Resource: CATALOG_ARN,
    Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123def4' } },
  },
  partner: {
    Sid: 'Partner',
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::111122223333:root' },
    Action: 'glue:GetTables',
    Resource: CATALOG_ARN,
  },
};

async function readCatalogPolicy(): Promise<{ Statement: unknown[] } | undefined> {
  const out = await glue(emulator)
    .send(new GetResourcePolicyCommand({}))
    .catch((error: unknown) => {
      if ((error as Error).name === 'EntityNotFoundException') return undefined;
      throw error;
    });
  return out?.PolicyInJson ? (JSON.parse(out.PolicyInJson) as { Statement: unknown[] }) : undefined;
}

async function readEncryption(): Promise<DataCatalogEncryptionSettings | undefined> {
  return (await glue(emulator).send(new GetDataCatalogEncryptionSettingsCommand({})))
    .DataCatalogEncryptionSettings;
}

/** Which connections the SSL document targets, and the property it sets on each. */
const SSL_TARGETS = {
  ledger: 'JDBC_ENFORCE_SSL',
  orders: 'JDBC_ENFORCE_SSL',
  payments: 'ENFORCE_SSL',
} as const;
const CONNECTIONS = ['ledger', 'orders', 'payments', 'secure'] as const;

async function readConnections(): Promise<Record<string, Connection>> {
  const read = await Promise.all(CONNECTIONS.map((name) => readConnection(emulator, name)));
  // LastUpdatedTime moves on every write; everything else must be compared.
  return Object.fromEntries(read.map((c) => [c.Name!, without(c, 'LastUpdatedTime') as Connection]));
}

describe('Reliability: catalog documents under faults', () => {
  it('RestrictGlueCatalogPolicy removes the public statements whole or not at all, never leaving the policy more open', async () => {
    const policy = { Version: '2012-10-17', Statement: Object.values(STATEMENTS) };
    const restricted = { Version: '2012-10-17', Statement: [STATEMENTS.orgRead, STATEMENTS.partner] };
    const removed = [
      { field: 'Statement/PublicRead', before: STATEMENTS.publicRead, after: null },
      { field: 'Statement/VpceIfExists', before: STATEMENTS.vpceIfExists, after: null },
    ];
    const runs = await underFaults(
      [21, 22, 23, 24],
      'RestrictGlueCatalogPolicy',
      async () => {
        await glue(emulator).send(new PutResourcePolicyCommand({ PolicyInJson: JSON.stringify(policy) }));
        return { CatalogId: emulator.accountId };
      },
      readCatalogPolicy,
    );
    for (const { seed, execution, before, after, published } of runs) {
      expect({ seed, before }).toEqual({ seed, before: policy });
      // Never more open: every statement left was in the policy read (nothing added or widened)
      const kept = (after?.Statement ?? []).map((s) => JSON.stringify(s));
      expect({
        seed,
        added: kept.filter((s) => !policy.Statement.map((p) => JSON.stringify(p)).includes(s)),
      }).toEqual({ seed, added: [] });
      const remediated = JSON.stringify(after) === JSON.stringify(restricted);
      expect({ seed, whole: remediated || JSON.stringify(after) === JSON.stringify(policy) }).toEqual({
        seed,
        whole: true,
      });
      expect({ seed, messages: published.length }).toEqual({ seed, messages: 1 });
      if (execution.AutomationExecutionStatus === 'Success') {
        expect({ seed, remediated, published }).toEqual({
          seed,
          remediated: true,
          published: [{ outcome: 'REMEDIATED', changes: removed }],
        });
      } else {
        expect({ seed, status: execution.AutomationExecutionStatus }).toEqual({ seed, status: 'Failed' });
        expect({ seed, published }).toEqual({
          seed,
          published: [{ outcome: 'FAILED', changes: remediated ? removed : [] }],
        });
      }
    }
    expectBothOutcomes(runs);
  }, 180_000);

  it('EnableGlueCatalogEncryption writes both settings blocks whole or not at all, keeping the password block', async () => {
    const keys = new Map<number, { key: string; passwordKey: string }>();
    const runs = await underFaults(
      [31, 32, 33, 34],
      'EnableGlueCatalogEncryption',
      async (seed) => {
        const key = await createKey(emulator);
        const passwordKey = await createKey(emulator);
        keys.set(seed, { key, passwordKey });
        await glue(emulator).send(
          new PutDataCatalogEncryptionSettingsCommand({
            DataCatalogEncryptionSettings: {
              EncryptionAtRest: { CatalogEncryptionMode: 'DISABLED' },
              ConnectionPasswordEncryption: {
                ReturnConnectionPasswordEncrypted: true,
                AwsKmsKeyId: passwordKey,
              },
            },
          }),
        );
        return { CatalogId: emulator.accountId, KmsKeyId: key };
      },
      readEncryption,
    );
    for (const { seed, execution, before, after, published } of runs) {
      const { key, passwordKey } = keys.get(seed)!;
      const untouched = {
        EncryptionAtRest: { CatalogEncryptionMode: 'DISABLED' },
        ConnectionPasswordEncryption: { ReturnConnectionPasswordEncrypted: true, AwsKmsKeyId: passwordKey },
      };
      expect({ seed, before }).toEqual({ seed, before: untouched });
      const encrypted = {
        ...untouched,
        EncryptionAtRest: { CatalogEncryptionMode: 'SSE-KMS', SseAwsKmsKeyId: key },
      };
      const remediated = JSON.stringify(after) === JSON.stringify(encrypted);
      expect({ seed, whole: remediated || JSON.stringify(after) === JSON.stringify(untouched) }).toEqual({
        seed,
        whole: true,
      });
      const changes = [
        { field: 'EncryptionAtRest.CatalogEncryptionMode', before: 'DISABLED', after: 'SSE-KMS' },
        { field: 'EncryptionAtRest.SseAwsKmsKeyId', before: null, after: key },
      ];
      expect({ seed, messages: published.length }).toEqual({ seed, messages: 1 });
      if (execution.AutomationExecutionStatus === 'Success') {
        expect({ seed, remediated, published }).toEqual({
          seed,
          remediated: true,
          published: [{ outcome: 'REMEDIATED', changes }],
        });
      } else {
        expect({ seed, status: execution.AutomationExecutionStatus }).toEqual({ seed, status: 'Failed' });
        expect({ seed, published }).toEqual({
          seed,
          published: [{ outcome: 'FAILED', changes: remediated ? changes : [] }],
        });
      }
    }
    expectBothOutcomes(runs);
  }, 180_000);

  it('EnforceGlueConnectionSsl rewrites each connection whole or not at all and publishes exactly the ones it changed', async () => {
    const runs = await underFaults(
      [41, 42, 43, 44],
      'EnforceGlueConnectionSsl',
      async () => {
        await createConnection(emulator, jdbcInput('orders'));
        await createConnection(emulator, {
          ...jdbcInput('ledger', { JDBC_ENFORCE_SSL: 'false' }),
          ConnectionProperties: {
            JDBC_CONNECTION_URL: 'jdbc:mysql://ledger.internal:3306/ledger',
            SECRET_ID: 'prod/ledger',
            JDBC_ENFORCE_SSL: 'false',
          },
        });
        await createConnection(emulator, jdbcInput('secure', { JDBC_ENFORCE_SSL: 'true' }));
        const { ConnectionProperties: _url, ...oracle } = jdbcInput('payments');
        await createConnection(emulator, {
          ...oracle,
          ConnectionType: 'ORACLE' as never,
          ConnectionProperties: {
            HOST: 'payments.internal',
            PORT: '1521',
            DATABASE: 'pay',
            SECRET_ID: 'prod/pay',
          },
        });
        return { CatalogId: emulator.accountId };
      },
      readConnections,
    );
    for (const { seed, execution, before, after, published } of runs) {
      // Each connection (password included) is as it was, or as it was with its SSL property true
      const changed: string[] = [];
      for (const name of CONNECTIONS) {
        const prop = SSL_TARGETS[name as keyof typeof SSL_TARGETS];
        const was = before[name]!;
        const fixed = prop
          ? { ...was, ConnectionProperties: { ...was.ConnectionProperties, [prop]: 'true' } }
          : was;
        const now = JSON.stringify(after[name]);
        const whole = now === JSON.stringify(was) || now === JSON.stringify(fixed);
        expect({ seed, name, whole }).toEqual({ seed, name, whole: true });
        if (now !== JSON.stringify(was)) changed.push(name);
      }
      expect({ seed, messages: published.length }).toEqual({ seed, messages: 1 });
      const reported = (published[0]?.changes ?? []).map((c) => c.field.split('/')[1]?.split('.')[0]).sort();
      expect({ seed, reported }).toEqual({ seed, reported: changed });
      if (execution.AutomationExecutionStatus === 'Success') {
        expect({ seed, changed, outcome: published[0]?.outcome }).toEqual({
          seed,
          changed: ['ledger', 'orders', 'payments'],
          outcome: 'REMEDIATED',
        });
      } else {
        expect({ seed, status: execution.AutomationExecutionStatus }).toEqual({ seed, status: 'Failed' });
        // FAILED (nothing could be changed, or verification failed) or PARTIAL (some could not be)
        expect({ seed, outcome: published[0]?.outcome }).toEqual({
          seed,
          outcome:
            changed.length === 0 || changed.length === 3
              ? 'FAILED'
              : expect.stringMatching(/^(PARTIAL|FAILED)$/),
        });
      }
    }
    expectBothOutcomes(runs);
  }, 240_000);
});

/** Another writer's change to the job, straight to the emulator: MaxRetries 1 → 3. */
async function concurrentChange(): Promise<void> {
  const job = (await glue(emulator).send(new GetJobCommand({ JobName: 'load' }))).Job!;
  await glue(emulator).send(
    new UpdateJobCommand({
      JobName: 'load',
      JobUpdate: {
        Role: job.Role,
        Command: job.Command,
        DefaultArguments: job.DefaultArguments,
        NonOverridableArguments: job.NonOverridableArguments,
        Connections: job.Connections,
        ExecutionProperty: job.ExecutionProperty,
        Timeout: job.Timeout,
        GlueVersion: job.GlueVersion,
        WorkerType: job.WorkerType,
        NumberOfWorkers: job.NumberOfWorkers,
        NotificationProperty: job.NotificationProperty,
        ExecutionClass: job.ExecutionClass,
        Description: job.Description,
        SecurityConfiguration: job.SecurityConfiguration,
        MaxRetries: 3,
      },
    }),
  );
}

/** A hook that applies the concurrent change once, at the `nth` request matching `operation`. */
function changeAt(operation: string, when: 'before' | 'after', nth = 1) {
  let count = 0;
  return async (request: ProxiedRequest, moment: 'before' | 'after') => {
    if (request.service !== 'glue' || request.operation !== operation || moment !== when) return;
    count++;
    if (count === nth) await concurrentChange();
  };
}

describe('Reliability: a job changed by someone else during UpdateJob', () => {
  it('changed after the document read it: nothing is written over it, and FAILED names the CONFLICT', async () => {
    // Prepare
    const inbox = await resultInbox(emulator);
    await createJob(emulator, sparkJob('load'));
    const hooked = await proxy({ seed: 1, rate: 0, hook: changeAt('GetJob', 'after', 1) });
    // Act
    const execution = await run(hooked.endpoint, 'EnableGlueJobContinuousLogging', inbox, {
      JobName: 'load',
    });
    const after = await readJob(emulator, 'load');
    const published = (await inbox.drain()).map((n) => JSON.parse(n.message) as RemediationResult);
    // Assess: the other writer's change survives; the run fails with nothing changed
    expect(after.MaxRetries).toBe(3);
    expect(after.DefaultArguments?.['--enable-continuous-cloudwatch-log']).toBeUndefined();
    expect(execution.AutomationExecutionStatus).toBe('Failed');
    expect(failureOf(execution)).toMatch(
      /CONFLICT: job load was changed by someone else .*\(MaxRetries\); nothing was written/,
    );
    expect(published.map((p) => [p.outcome, p.changes])).toEqual([['FAILED', []]]);
  }, 60_000);

  it('changed while the UpdateJob was in flight: the run fails with CONFLICT and publishes the changes it made', async () => {
    // Prepare
    const inbox = await resultInbox(emulator);
    await createSecurityConfiguration(emulator, 'secure', await createKey(emulator));
    await createJob(emulator, sparkJob('load'));
    const hooked = await proxy({ seed: 1, rate: 0, hook: changeAt('UpdateJob', 'after') });
    // Act
    const execution = await run(hooked.endpoint, 'AttachGlueJobSecurityConfiguration', inbox, {
      JobName: 'load',
      SecurityConfigurationName: 'secure',
    });
    const published = (await inbox.drain()).map((n) => JSON.parse(n.message) as RemediationResult);
    // Assess
    expect(execution.AutomationExecutionStatus).toBe('Failed');
    expect(failureOf(execution)).toMatch(/CONFLICT: job load changed after this run wrote it/);
    expect(published.map((p) => [p.outcome, p.changes])).toEqual([
      ['FAILED', [{ field: 'SecurityConfiguration', before: null, after: 'secure' }]],
    ]);
    expect((await readJob(emulator, 'load')).MaxRetries).toBe(3);
  }, 60_000);
});
