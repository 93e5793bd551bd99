import { CreateJobCommand, GlueClient } from '@aws-sdk/client-glue';
import {
  CreateAccountCommand,
  CreateOrganizationCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { progressReporter } from '../../cli/commands/scan';
import { mapLimit } from '../../cli/concurrency';
import { main } from '../../cli/main';
import { type Credentials, enabledRegions, reportExitCode, scanScope } from '../../cli/scan-scope';
import { rules as registry } from '../../functions/rules/index';
import { type AwsContext, createAwsContext, httpTimeouts } from '../../functions/runtime/aws';
import { useEmulator } from '../emulator/context';
import { emulatorAws } from '../support/aws';
import { type RecordedCall, recordCalls } from '../support/call-recorder';
import { captureConsole } from '../support/console';

const emulator = useEmulator();
const ROLE = 'GlueGuardrailsScan';
const A = '111111111111';
const B = '222222222222';
const REGIONS = ['us-east-1', 'eu-west-1'];
const JOB_RULES = [
  'glue-job-security-configuration-encrypted',
  'glue-job-tagged',
  'glue-job-logging-enabled',
  'glue-job-supported-version',
];
const jobRules = registry.filter((r) => JOB_RULES.includes(r.id));

const io = captureConsole({ testCredentials: true });

/** A context in `region` with the given credentials (an assumed role's: that account's resources). */
function context(region: string, credentials?: Credentials, endpoint = emulator.endpoint): AwsContext {
  return createAwsContext({
    region,
    endpoint,
    credentials: credentials ?? emulator.clientConfig.credentials,
    maxAttempts: 1,
    requestHandler: { ...httpTimeouts(), requestTimeout: 60_000, socketTimeout: 60_000 },
  });
}

async function assume(account: string): Promise<Credentials> {
  const out = await emulatorAws(emulator)
    .client(STSClient)
    .send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/${ROLE}`, RoleSessionName: 'seed' }),
    );
  const c = out.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}

/** One unencrypted, untagged job per account-region, named after where it lives. */
async function seedJobs(accounts: readonly string[], regions: readonly string[]): Promise<void> {
  for (const account of accounts) {
    const credentials = await assume(account);
    for (const region of regions) {
      await context(region, credentials)
        .client(GlueClient)
        .send(
          new CreateJobCommand({
            Name: `etl-${account}-${region}`,
            Role: `arn:aws:iam::${account}:role/GlueEtl`,
            Command: { Name: 'glueetl', ScriptLocation: 's3://scripts/etl.py' },
            GlueVersion: '4.0',
          }),
        );
    }
  }
}

describe('scanScope: two accounts (assumed roles) x two regions', () => {
  it('scans every pair, lands each verdict in its account and region, and lists jobs once per pair', async () => {
    // Prepare
    await seedJobs([A, B], REGIONS);
    const calls = new Map<string, RecordedCall[]>();
    // Act
    const report = await scanScope(emulatorAws(emulator), {
      accounts: [A, B],
      roleName: ROLE,
      regions: REGIONS,
      rules: jobRules,
      contextFor: ({ account, region, credentials }) => {
        const aws = context(region, credentials);
        calls.set(`${account}|${region}`, recordCalls(aws, GlueClient));
        return aws;
      },
    });
    // Assess: four pairs, each seeing only its own job
    expect([...calls.keys()].sort()).toEqual([
      `${A}|eu-west-1`,
      `${A}|us-east-1`,
      `${B}|eu-west-1`,
      `${B}|us-east-1`,
    ]);
    for (const [key, recorded] of calls) {
      expect(
        recorded.filter((c) => c.command === 'GetJobsCommand'),
        key,
      ).toHaveLength(1);
    }
    expect(report.evaluations.filter((e) => e.compliance === 'ERROR')).toEqual([]);
    for (const account of [A, B]) {
      for (const region of REGIONS) {
        const here = report.evaluations.filter((e) => e.account === account && e.region === region);
        expect(here.map((e) => e.resourceId)).toEqual(JOB_RULES.map(() => `etl-${account}-${region}`));
      }
    }
    expect(report.evaluations).toContainEqual({
      account: B,
      region: 'eu-west-1',
      rule: 'glue-job-security-configuration-encrypted',
      severity: 'HIGH',
      control: expect.stringMatching(/\S/),
      resourceType: 'AWS::Glue::Job',
      resourceId: `etl-${B}-eu-west-1`,
      compliance: 'NON_COMPLIANT',
      annotation: expect.stringMatching(/security configuration/i),
      evaluatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      remediation: expect.stringMatching(/\S/),
    });
    expect(report.metadata).toMatchObject({
      tool: { name: 'glue-guardrails', version: expect.stringMatching(/^\d+\.\d+\.\d+/) },
      caller: { account: emulator.accountId, arn: expect.stringContaining(emulator.accountId) },
      source: 'scan',
      accounts: [A, B],
      regions: ['eu-west-1', 'us-east-1'],
      rules: JOB_RULES.filter((id) => jobRules.some((r) => r.id === id)).sort(
        (x, y) => jobRules.findIndex((r) => r.id === x) - jobRules.findIndex((r) => r.id === y),
      ),
    });
    expect(reportExitCode(report)).toBe(1);
  });

  it('reports a failing region and an account whose role cannot be assumed as ERROR, and scans the rest', async () => {
    // Prepare: account B's role cannot be assumed (AccessDenied), eu-west-1 points at a closed port
    await seedJobs([A], ['us-east-1']);
    const base = emulatorAws(emulator);
    const stack = base.client(STSClient).middlewareStack as unknown as {
      add: (m: unknown, o: unknown) => void;
    };
    stack.add(
      (next: (args: unknown) => Promise<unknown>) => async (args: unknown) => {
        const input = (args as { input: { RoleArn?: string } }).input;
        if (input.RoleArn?.includes(`::${B}:`)) {
          throw Object.assign(
            new Error(`User is not authorized to perform: sts:AssumeRole on ${input.RoleArn}`),
            {
              name: 'AccessDenied',
            },
          );
        }
        return next(args);
      },
      { step: 'initialize', name: 'denyAccountB' },
    );
    const progress: Array<{ done: number; total: number }> = [];
    // Act
    const report = await scanScope(base, {
      accounts: [A, B],
      roleName: ROLE,
      regions: REGIONS,
      rules: jobRules,
      concurrency: 2,
      onProgress: (p) => progress.push(p),
      contextFor: ({ region, credentials }) =>
        context(region, credentials, region === 'eu-west-1' ? 'http://127.0.0.1:9' : emulator.endpoint),
    });
    // Assess: A us-east-1 evaluated; A eu-west-1 and all of B are ERRORs, per rule
    const at = (account: string, region: string) =>
      report.evaluations.filter((e) => e.account === account && e.region === region);
    expect(at(A, 'us-east-1').map((e) => e.compliance)).not.toContain('ERROR');
    expect(at(A, 'us-east-1')).toHaveLength(jobRules.length);
    for (const [account, region] of [
      [A, 'eu-west-1'],
      [B, 'us-east-1'],
      [B, 'eu-west-1'],
    ] as const) {
      const errors = at(account, region);
      expect(errors.map((e) => e.rule).sort()).toEqual(jobRules.map((r) => r.id).sort());
      expect(errors.every((e) => e.compliance === 'ERROR' && e.error === e.annotation)).toBe(true);
    }
    expect(at(B, 'us-east-1')[0]?.annotation).toContain(`Could not assume arn:aws:iam::${B}:role/${ROLE}`);
    expect(at(A, 'eu-west-1')[0]?.annotation).toMatch(/ECONNREFUSED|connect/i);
    expect(reportExitCode(report)).toBe(2);
    expect(progress.at(-1)).toEqual({ done: 4 * jobRules.length, total: 4 * jobRules.length });
  });

  it('finds the ACTIVE accounts of the organization and scans each through the role', async () => {
    // Prepare
    const orgs = emulatorAws(emulator).client(OrganizationsClient);
    await orgs.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    const created: string[] = [];
    for (const name of ['payments', 'cards']) {
      const out = await orgs.send(
        new CreateAccountCommand({ AccountName: name, Email: `${name}@example.com` }),
      );
      created.push(out.CreateAccountStatus!.AccountId!);
    }
    await seedJobs(created, ['us-east-1']);
    // Act: through the CLI
    const code = await main([
      'scan',
      '--endpoint',
      emulator.endpoint,
      '--region',
      'us-east-1',
      '--organization',
      '--role-name',
      ROLE,
      '--rules',
      'glue-job-tagged,glue-connection-ssl-enforced',
      '--format',
      'json',
    ]);
    // Assess: the management account (with the caller's own credentials) and both members (through
    // the role); the account-level rule gives every account an evaluation
    const evaluations = JSON.parse(io.stdout.join('\n')) as Array<{
      account: string;
      resourceId: string;
      compliance: string;
    }>;
    expect(code).toBe(1);
    expect(new Set(evaluations.map((e) => e.account))).toEqual(new Set([emulator.accountId, ...created]));
    for (const id of created) {
      expect(evaluations).toContainEqual(
        expect.objectContaining({
          account: id,
          resourceId: `etl-${id}-us-east-1`,
          compliance: 'NON_COMPLIANT',
        }),
      );
    }
  });
});

describe('CLI: scan scope options', () => {
  it('prints one JSON array of ERROR objects, one per account x region x rule, when the caller cannot be identified', async () => {
    // Act: nothing listens on the endpoint
    const code = await main([
      'scan',
      '--endpoint',
      'http://127.0.0.1:9',
      '--region',
      'us-east-1',
      '--regions',
      'us-east-1,eu-west-1',
      '--accounts',
      `${A},${B}`,
      '--role-name',
      ROLE,
      '--rules',
      'glue-job-tagged',
      '--format',
      'json',
    ]);
    // Assess: the caller could not be identified; every account x region is an ERROR, none COMPLIANT
    expect(code).toBe(2);
    const evaluations = JSON.parse(io.stdout.join('\n')) as Array<Record<string, string>>;
    expect(evaluations).toHaveLength(4);
    expect(
      evaluations.every((e) => e.compliance === 'ERROR' && /GetCallerIdentity/.test(e.annotation ?? '')),
    ).toBe(true);
    expect(evaluations.map((e) => `${e.account}|${e.region}`).sort()).toEqual([
      `${A}|eu-west-1`,
      `${A}|us-east-1`,
      `${B}|eu-west-1`,
      `${B}|us-east-1`,
    ]);
  });

  it('exits 0 with one table spanning both regions when nothing is non-compliant', async () => {
    const code = await main([
      'scan',
      '--endpoint',
      emulator.endpoint,
      '--region',
      'us-east-1',
      '--regions',
      'us-east-1,eu-west-1',
      '--rules',
      'glue-connection-ssl-enforced',
    ]);
    expect(code).toBe(0);
    const out = io.stdout.join('\n');
    expect(out).toContain('| regions eu-west-1,us-east-1 |');
    // Each region's row: the ACCOUNT/REGION cell wraps the region under the account id.
    for (const region of ['us-east-1', 'eu-west-1'])
      expect(out).toMatch(
        new RegExp(`NOT_APPLICABLE\\s+123456789012\\s+glue-connection-[^\\n]*\\n\\s+${region}\\s`),
      );
    expect(io.stderr.join('\n')).not.toMatch(/evaluated, .*elapsed/);
  });

  it.each([
    [['--regions', 'eu-west-1,not a region'], '--regions expects region names'],
    [['--accounts', '1234'], '--accounts expects 12-digit account ids'],
    [['--accounts', A], '--accounts and --organization need --role-name'],
    [['--organization'], '--accounts and --organization need --role-name'],
    [['--organization', '--accounts', A, '--role-name', ROLE], 'cannot be used together'],
    [['--external-id', 'x'], '--external-id needs --role-name'],
    [['--concurrency', '0'], '--concurrency must be a whole number from 1 to 64'],
    [['--concurrency', '2.5'], '--concurrency must be a whole number from 1 to 64'],
  ])('exits 2 with a usage error for %j', async (args, message) => {
    const code = await main(['scan', '--endpoint', emulator.endpoint, '--region', 'us-east-1', ...args]);
    expect(code).toBe(2);
    expect(io.stderr.join('\n')).toContain(message);
    expect(io.stdout).toEqual([]);
  });
});

describe('scanScope: --regions all', () => {
  it('scans every region the account has enabled and names them in the metadata', async () => {
    // Prepare
    await seedJobs([A], ['ap-southeast-2']);
    const enabled = await enabledRegions(context('us-east-1', await assume(A)));
    // Act
    const report = await scanScope(emulatorAws(emulator), {
      accounts: [A],
      roleName: ROLE,
      regions: 'all',
      rules: registry.filter((r) => r.id === 'glue-job-tagged'),
      concurrency: 8,
    });
    // Assess
    expect(report.metadata.regions).toEqual(enabled);
    expect(report.evaluations.filter((e) => e.compliance === 'ERROR')).toEqual([]);
    expect(report.evaluations).toEqual([
      expect.objectContaining({
        account: A,
        region: 'ap-southeast-2',
        resourceId: `etl-${A}-ap-southeast-2`,
      }),
    ]);
  });
});

describe('scope helpers', () => {
  it('lists the enabled regions from EC2 DescribeRegions', async () => {
    const regions = await enabledRegions(emulatorAws(emulator));
    expect(regions).toContain('us-east-1');
    expect(regions).toContain('eu-west-1');
    expect(regions).toEqual([...regions].sort());
  });

  it('mapLimit never runs more than the limit at once and keeps the order', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimit([5, 1, 4, 2, 3, 0, 6], 3, async (n) => {
      running += 1;
      peak = Math.max(peak, running);
      for (let i = 0; i < n; i++) await Promise.resolve();
      running -= 1;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30, 0, 60]);
    expect(peak).toBe(3);
  });

  it('progress goes to a terminal io.stderr as done/total, and nowhere when io.stderr is not a terminal', () => {
    const written: string[] = [];
    const stream = (isTTY: boolean) =>
      ({ isTTY, write: (t: string) => void written.push(t) }) as unknown as NodeJS.WriteStream;
    // Not a terminal: no callback, nothing written
    const quiet = progressReporter(stream(false));
    expect(quiet.onProgress).toBeUndefined();
    quiet.finish();
    expect(written).toEqual([]);
    // A terminal: one line rewritten in place, ended by a newline
    const tty = progressReporter(stream(true));
    tty.onProgress?.({ done: 3, total: 8 });
    tty.onProgress?.({ done: 8, total: 8 });
    tty.finish();
    expect(written[0]).toMatch(/^\r3\/8 account x region x rule evaluated, \d+\.\ds elapsed$/);
    expect(written[1]).toMatch(/^\r8\/8 /);
    expect(written.at(-1)).toBe('\n');
  });
});
