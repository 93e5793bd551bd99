import {
  CreateJobCommand,
  CreateSecurityConfigurationCommand,
  DeleteJobCommand,
  GlueClient,
  UpdateJobCommand,
} from '@aws-sdk/client-glue';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { type AwsSecurityFinding, GetFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { securityHubClients } from '../../cli/commands/scan';
import { main } from '../../cli/main';
import type { Credentials } from '../../cli/scan-scope';
import { type AwsContext, createAwsContext, httpTimeouts } from '../../functions/runtime/aws';
import { useEmulator } from '../emulator/context';
import { emulatorAws } from '../support/aws';
import { captureConsole } from '../support/console';

// `scan --accounts A,B --role-name R --regions r1,r2 --to-security-hub`: each account's findings
// are imported into that account's Security Hub (through the role assumed in it), in the region
// of the evaluation, and resolved there on a rescan (issue 8 §3).

const emulator = useEmulator();
const io = captureConsole({ testCredentials: true });

const ROLE = 'GlueGuardrailsScan';
const A = '111111111111';
const B = '222222222222';
const REGIONS = ['us-east-1', 'eu-west-1'] as const;
const RULE = 'glue-job-security-configuration-encrypted';

async function assume(account: string): Promise<Credentials> {
  const out = await emulatorAws(emulator)
    .client(STSClient)
    .send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/${ROLE}`, RoleSessionName: 'test' }),
    );
  const c = out.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}

function context(region: string, credentials: Credentials): AwsContext {
  return createAwsContext({
    region,
    endpoint: emulator.endpoint,
    credentials,
    maxAttempts: 1,
    requestHandler: { ...httpTimeouts(), requestTimeout: 60_000, socketTimeout: 60_000 },
  });
}

const jobName = (account: string, region: string): string => `etl-${account}-${region}`;

const scan = (): Promise<number> =>
  main([
    'scan',
    '--endpoint',
    emulator.endpoint,
    '--region',
    'us-east-1',
    '--accounts',
    `${A},${B}`,
    '--role-name',
    ROLE,
    '--regions',
    REGIONS.join(','),
    '--rules',
    RULE,
    '--format',
    'json',
    '--to-security-hub',
  ]);

/** This tool's findings in one account-region, read with that account's credentials. */
async function findings(
  credentials: Credentials | { accessKeyId: string; secretAccessKey: string },
  region: string,
): Promise<AwsSecurityFinding[]> {
  const out = await context(region, credentials)
    .client(SecurityHubClient)
    .send(new GetFindingsCommand({ MaxResults: 100 }));
  return (out.Findings ?? []).filter((f) => f.GeneratorId === `glue-guardrails/${RULE}`);
}

describe('scan --to-security-hub with assumed-role accounts (emulator, two scans)', () => {
  it("imports each account's findings into its own Security Hub per region, and resolves them there", async () => {
    // Prepare: one job without a security configuration in every account-region
    const creds: Record<string, Credentials> = { [A]: await assume(A), [B]: await assume(B) };
    for (const account of [A, B])
      for (const region of REGIONS)
        await context(region, creds[account]!)
          .client(GlueClient)
          .send(
            new CreateJobCommand({
              Name: jobName(account, region),
              Role: `arn:aws:iam::${account}:role/GlueEtl`,
              Command: { Name: 'glueetl', ScriptLocation: 's3://scripts/etl.py' },
              GlueVersion: '4.0',
            }),
          );

    // Act 1
    expect(await scan()).toBe(1);
    // Assess 1: each account-region holds exactly its own finding, under its own product ARN
    expect(io.stderr.join('\n')).toContain('Security Hub: 4 finding(s) imported, 0 resolved');
    const firstIds = new Map<string, string>();
    for (const account of [A, B])
      for (const region of REGIONS) {
        const here = await findings(creds[account]!, region);
        expect(here, `${account} ${region}`).toHaveLength(1);
        expect(here[0]).toMatchObject({
          AwsAccountId: account,
          Region: region,
          ProductArn: `arn:aws:securityhub:${region}:${account}:product/${account}/default`,
          RecordState: 'ACTIVE',
          Compliance: { Status: 'FAILED' },
          Resources: [{ Id: `arn:aws:glue:${region}:${account}:job/${jobName(account, region)}` }],
        });
        firstIds.set(`${account}|${region}`, here[0]?.Id ?? '');
      }
    // Nothing landed in the caller's own account.
    for (const region of REGIONS)
      expect(await findings(emulator.clientConfig.credentials, region)).toEqual([]);

    // Act 2: fix A's job in us-east-1, delete B's job in eu-west-1, rescan
    const a = context('us-east-1', creds[A]!);
    const key = await a.client(KMSClient).send(new CreateKeyCommand({}));
    const kmsKeyArn = key.KeyMetadata?.Arn ?? '';
    await a.client(GlueClient).send(
      new CreateSecurityConfigurationCommand({
        Name: 'kms',
        EncryptionConfiguration: {
          S3Encryption: [{ S3EncryptionMode: 'SSE-KMS', KmsKeyArn: kmsKeyArn }],
          CloudWatchEncryption: { CloudWatchEncryptionMode: 'SSE-KMS', KmsKeyArn: kmsKeyArn },
          JobBookmarksEncryption: { JobBookmarksEncryptionMode: 'CSE-KMS', KmsKeyArn: kmsKeyArn },
        },
      }),
    );
    await a.client(GlueClient).send(
      new UpdateJobCommand({
        JobName: jobName(A, 'us-east-1'),
        JobUpdate: {
          Role: `arn:aws:iam::${A}:role/GlueEtl`,
          Command: { Name: 'glueetl', ScriptLocation: 's3://scripts/etl.py' },
          SecurityConfiguration: 'kms',
        },
      }),
    );
    await context('eu-west-1', creds[B]!)
      .client(GlueClient)
      .send(new DeleteJobCommand({ JobName: jobName(B, 'eu-west-1') }));
    io.stderr = [];
    expect(await scan()).toBe(1);

    // Assess 2: same ids (updated, not duplicated); the fixed and the gone one resolved where they live
    expect(io.stderr.join('\n')).toContain('Security Hub: 2 finding(s) imported, 2 resolved');
    const expected: Record<string, object> = {
      [`${A}|us-east-1`]: { RecordState: 'ARCHIVED', Compliance: { Status: 'PASSED' } },
      [`${A}|eu-west-1`]: { RecordState: 'ACTIVE', Compliance: { Status: 'FAILED' } },
      [`${B}|us-east-1`]: { RecordState: 'ACTIVE', Compliance: { Status: 'FAILED' } },
      [`${B}|eu-west-1`]: {
        RecordState: 'ARCHIVED',
        Compliance: { Status: 'PASSED' },
        ProductFields: expect.objectContaining({ 'glue-guardrails/compliance': 'GONE' }),
      },
    };
    for (const account of [A, B])
      for (const region of REGIONS) {
        const here = await findings(creds[account]!, region);
        expect(here, `${account} ${region}`).toHaveLength(1);
        expect(here[0]?.Id).toBe(firstIds.get(`${account}|${region}`));
        expect(here[0], `${account} ${region}`).toMatchObject(expected[`${account}|${region}`]!);
      }
  });
});

describe('securityHubClients', () => {
  it('refuses an account the scan holds no credentials for, naming it', () => {
    const aws = emulatorAws(emulator);
    const clientFor = securityHubClients(aws, emulator.accountId, new Map([[A, undefined]]));
    expect(() => clientFor(B, 'us-east-1')).toThrow(`findings of account ${B} can only be imported`);
    expect(() => clientFor(A, 'us-east-1')).toThrow(`findings of account ${A}`);
    expect(clientFor(emulator.accountId, 'eu-west-1')).toBeInstanceOf(SecurityHubClient);
  });
});
