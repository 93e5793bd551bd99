import {
  CreateSecurityConfigurationCommand,
  GetDataCatalogEncryptionSettingsCommand,
  GlueClient,
} from '@aws-sdk/client-glue';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatExecution, remediate, run } from '../../../cli/commands/remediate';
import { createInbox } from '../../../cli/demo/inbox';
import { UsageError } from '../../../cli/errors';
import { getRule } from '../../../functions/rules/index';
import { createAwsContext } from '../../../functions/runtime/aws';
import { useEmulator } from '../../emulator/context';
import { getJob, seedJob, topicWithQueue } from './support';

const emulator = useEmulator();
const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

async function seedSecurityConfiguration(): Promise<void> {
  await new GlueClient(emulator.clientConfig).send(
    new CreateSecurityConfigurationCommand({
      Name: 'encrypted',
      EncryptionConfiguration: {
        S3Encryption: [{ S3EncryptionMode: 'SSE-KMS', KmsKeyArn: KEY }],
        CloudWatchEncryption: { CloudWatchEncryptionMode: 'SSE-KMS', KmsKeyArn: KEY },
        JobBookmarksEncryption: { JobBookmarksEncryptionMode: 'CSE-KMS', KmsKeyArn: KEY },
      },
    }),
  );
}

const aws = () =>
  createAwsContext({
    region: emulator.region,
    endpoint: emulator.endpoint,
    credentials: emulator.clientConfig.credentials,
  });

describe('CLI: remediate', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('runs the linked document for each NON_COMPLIANT resource the rule finds', async () => {
    // Prepare
    await seedJob(emulator, 'etl-a');
    await seedJob(emulator, 'etl-b');
    await seedSecurityConfiguration();
    const topic = await topicWithQueue(emulator);
    // Act
    const executions = await remediate(aws(), {
      rule: getRule('glue-job-security-configuration-encrypted'),
      parameters: { SecurityConfigurationName: 'encrypted', NotificationTopicArn: topic.topicArn },
    });
    // Assess
    expect(executions.map((e) => [e.Parameters.JobName, e.AutomationExecutionStatus])).toEqual([
      [['etl-a'], 'Success'],
      [['etl-b'], 'Success'],
    ]);
    expect((await getJob(emulator, 'etl-a')).SecurityConfiguration).toBe('encrypted');
    expect(formatExecution(executions[0]!)).toMatch(
      /^AttachGlueJobSecurityConfiguration .*: Success {2}\(JobName=etl-a /,
    );
  });

  it('labels the published result with the rule it ran for, even where rules share a document', async () => {
    // Prepare (EnableGlueCatalogEncryption serves the metadata and the password rules)
    const key = await new KMSClient(emulator.clientConfig).send(new CreateKeyCommand({}));
    const inbox = await createInbox(aws());
    // Act
    const [execution] = await remediate(aws(), {
      rule: getRule('glue-catalog-connection-passwords-encrypted'),
      parameters: { KmsKeyId: key.KeyMetadata!.Arn!, NotificationTopicArn: inbox.topicArn },
    });
    // Assess
    expect(execution?.AutomationExecutionStatus).toBe('Success');
    expect(execution?.Parameters.RuleName).toEqual(['glue-catalog-connection-passwords-encrypted']);
    const [message] = await inbox.drain();
    expect(message?.attributes.rule).toBe('glue-catalog-connection-passwords-encrypted');
  });

  it('maps the rule’s parameters as the deployment does: the password rule changes only passwords', async () => {
    // Prepare
    const glue = new GlueClient(emulator.clientConfig);
    const key = (await new KMSClient(emulator.clientConfig).send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
    const inbox = await createInbox(aws());
    // Act
    const [execution] = await remediate(aws(), {
      rule: getRule('glue-catalog-connection-passwords-encrypted'),
      parameters: { KmsKeyId: key, NotificationTopicArn: inbox.topicArn },
      ruleParameters: { kmsKeyArns: key },
    });
    // Assess
    expect(execution?.AutomationExecutionStatus).toBe('Success');
    expect(execution?.Parameters).toMatchObject({
      Blocks: ['CONNECTION_PASSWORDS'],
      ApprovedKmsKeyArns: [key],
    });
    const settings = await glue.send(new GetDataCatalogEncryptionSettingsCommand({}));
    expect(settings.DataCatalogEncryptionSettings).toEqual({
      EncryptionAtRest: { CatalogEncryptionMode: 'DISABLED' },
      ConnectionPasswordEncryption: { ReturnConnectionPasswordEncrypted: true, AwsKmsKeyId: key },
    });
  });

  it('refuses a --param for a document parameter the rule fixes', async () => {
    // Act / Assess
    await expect(
      run([
        '--rule',
        'glue-catalog-metadata-encrypted',
        '--resource',
        emulator.accountId,
        '--param',
        `KmsKeyId=${KEY}`,
        '--param',
        'NotificationTopicArn=arn:aws:sns:us-east-1:123456789012:t',
        '--param',
        'Blocks=BOTH',
        '--endpoint',
        emulator.endpoint,
        '--region',
        'us-east-1',
      ]),
    ).rejects.toThrow(
      new UsageError(
        "Rule 'glue-catalog-metadata-encrypted' -> document 'EnableGlueCatalogEncryption': 'Blocks' is fixed by the rule (ENCRYPTION_AT_REST) and cannot be set",
      ),
    );
  });

  it('--dry-run says DRY RUN (never Success), shows field, before and after, and changes nothing', async () => {
    // Prepare
    await seedJob(emulator, 'etl-a');
    await seedSecurityConfiguration();
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const argv = ['--rule', 'glue-job-security-configuration-encrypted', '--resource', 'etl-a', '--dry-run'];
    const params = [
      '--param',
      'SecurityConfigurationName=encrypted',
      '--param',
      `NotificationTopicArn=arn:aws:sns:us-east-1:123456789012:t`,
    ];
    // Act
    const code = await withEmulatorEnv(() =>
      run([...argv, ...params, '--endpoint', emulator.endpoint, '--region', 'us-east-1']),
    );
    // Assess
    expect(code).toBe(0);
    const out = log.mock.calls.flat().join('\n');
    expect(out).toContain('DRY RUN: nothing was changed.');
    expect(out).toMatch(/^AttachGlueJobSecurityConfiguration \S+: DRY RUN {2}\(JobName=etl-a /m);
    expect(out).not.toContain('Success');
    expect(out).toContain(
      '  Would change:\n    SecurityConfiguration: (none) -> encrypted\n    calls withheld: glue:UpdateJob',
    );
    expect(out).toContain(
      'VerifySecurityConfiguration: aws:executeScript verify {"InputPayload":{"JobName":"etl-a","SecurityConfigurationName":"encrypted","Written":"{{ Remediate.Written }}"}',
    );
    expect((await getJob(emulator, 'etl-a')).SecurityConfiguration).toBeUndefined();
  });

  it('exits 1 when a remediation fails, with the execution records as JSON', async () => {
    // Prepare: the security configuration does not exist, so the document fails
    await seedJob(emulator, 'etl-a');
    const topic = await topicWithQueue(emulator);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const argv = [
      '--rule',
      'glue-job-security-configuration-encrypted',
      '--resource',
      'etl-a',
      '--format',
      'json',
    ];
    const params = [
      '--param',
      'SecurityConfigurationName=absent',
      '--param',
      `NotificationTopicArn=${topic.topicArn}`,
    ];
    // Act
    const code = await withEmulatorEnv(() =>
      run([...argv, ...params, '--endpoint', emulator.endpoint, '--region', 'us-east-1']),
    );
    // Assess
    expect(code).toBe(1);
    const [records] = log.mock.calls.map((c) => JSON.parse(String(c[0])));
    expect(records[0].AutomationExecutionStatus).toBe('Failed');
  });

  it('refuses a rule without a remediation, and a missing --rule', async () => {
    await expect(run(['--rule', 'glue-audit-trail-enabled'])).rejects.toThrow(
      new UsageError("Rule 'glue-audit-trail-enabled' has no remediation document"),
    );
    await expect(run([])).rejects.toThrow('--rule is required');
  });
});

/** The CLI reads credentials from the environment, as it would in a shell. */
async function withEmulatorEnv<T>(fn: () => Promise<T>): Promise<T> {
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
  process.env.AWS_ACCESS_KEY_ID = 'testing';
  process.env.AWS_SECRET_ACCESS_KEY = 'testing';
  try {
    return await fn();
  } finally {
    restore('AWS_ACCESS_KEY_ID', saved.id);
    restore('AWS_SECRET_ACCESS_KEY', saved.secret);
  }
}

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
