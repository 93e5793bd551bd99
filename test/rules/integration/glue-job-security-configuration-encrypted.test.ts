import { Logger } from '@aws-lambda-powertools/logger';
import { CreateJobCommand, CreateSecurityConfigurationCommand, GlueClient } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { mintResultToken, readStoredEvaluations } from '../../../emulator/config-service';
import { rule } from '../../../functions/rules/glue-job-security-configuration-encrypted';
import { toHandler } from '../../../functions/runtime/handler';
import { useEmulator } from '../../emulator/context';
import { emulatorAws } from '../../support/aws';
import { recordCalls } from '../../support/call-recorder';
import { changeEvent, fixture, glueJobItem, scheduledEvent } from '../../support/config-events';

const emulator = useEmulator();
const logger = new Logger({ logLevel: 'SILENT' });
const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1111aaaa-2222-bbbb-3333-cccc4444dddd';

async function seedConfigurations(glue: GlueClient): Promise<void> {
  await glue.send(
    new CreateSecurityConfigurationCommand({
      Name: 'ledger-kms',
      EncryptionConfiguration: {
        S3Encryption: [{ S3EncryptionMode: 'SSE-KMS', KmsKeyArn: KEY }],
        CloudWatchEncryption: { CloudWatchEncryptionMode: 'SSE-KMS', KmsKeyArn: KEY },
        JobBookmarksEncryption: { JobBookmarksEncryptionMode: 'CSE-KMS', KmsKeyArn: KEY },
      },
    }),
  );
  await glue.send(
    new CreateSecurityConfigurationCommand({
      Name: 'logs-only',
      EncryptionConfiguration: {
        S3Encryption: [{ S3EncryptionMode: 'DISABLED' }],
        CloudWatchEncryption: { CloudWatchEncryptionMode: 'SSE-KMS', KmsKeyArn: KEY },
      },
    }),
  );
}

describe('Rule: glue-job-security-configuration-encrypted on the emulator', () => {
  it('evaluates a changed job from its configuration item', async () => {
    // Prepare
    await seedConfigurations(new GlueClient(emulator.clientConfig));
    const item = fixture<ReturnType<typeof glueJobItem>>('glue-job-configuration-item.json');
    // Act
    await toHandler(rule, { aws: emulatorAws(emulator), logger })(
      changeEvent(item, { configRuleName: rule.id, resultToken: mintResultToken(rule.id) }),
    );
    // Assess
    expect(await readStoredEvaluations(emulator.endpoint, rule.id)).toMatchObject([
      {
        ComplianceResourceType: 'AWS::Glue::Job',
        ComplianceResourceId: 'nightly-ledger-etl',
        ComplianceType: 'COMPLIANT',
        OrderingTimestamp: new Date('2026-11-20T09:15:42.318Z'),
      },
    ]);
  });

  it('sweeps 120 jobs with one paged listing of jobs and of security configurations', async () => {
    // Prepare
    const glue = new GlueClient(emulator.clientConfig);
    await seedConfigurations(glue);
    const names = Array.from({ length: 120 }, (_, i) => `etl-${String(i).padStart(3, '0')}`);
    for (const [i, name] of names.entries()) {
      const sc = ['ledger-kms', 'logs-only', undefined, 'missing-config'][i % 4];
      await glue.send(
        new CreateJobCommand({
          Name: name,
          Role: 'arn:aws:iam::123456789012:role/GlueEtl',
          Command: { Name: 'glueetl', ScriptLocation: `s3://assets/${name}.py` },
          ...(sc ? { SecurityConfiguration: sc } : {}),
        }),
      );
    }
    const aws = emulatorAws(emulator);
    const calls = recordCalls(aws, GlueClient);
    // Act
    await toHandler(rule, { aws, logger })(
      scheduledEvent({ configRuleName: rule.id, resultToken: mintResultToken(rule.id) }),
    );
    // Assess
    const stored = await readStoredEvaluations(emulator.endpoint, rule.id);
    expect(stored).toHaveLength(120);
    const byId = new Map(stored.map((e) => [e.ComplianceResourceId, e]));
    expect(byId.get('etl-000')?.ComplianceType).toBe('COMPLIANT');
    expect(byId.get('etl-001')?.Annotation).toBe(
      "Security configuration 'logs-only': S3 encryption disabled; job bookmark encryption disabled",
    );
    expect(byId.get('etl-002')?.Annotation).toBe('Job has no security configuration');
    expect(byId.get('etl-003')?.Annotation).toContain("'missing-config', which does not exist");
    expect(calls.map((c) => c.command).sort()).toEqual([
      'GetJobsCommand',
      'GetSecurityConfigurationsCommand',
    ]);
  });

  it('reports a deleted job as NOT_APPLICABLE', async () => {
    // Act
    await toHandler(rule, { aws: emulatorAws(emulator), logger })(
      changeEvent(glueJobItem({ Name: 'retired-job' }, 'ResourceDeleted'), {
        configRuleName: rule.id,
        resultToken: mintResultToken(rule.id),
      }),
    );
    // Assess
    expect(await readStoredEvaluations(emulator.endpoint, rule.id)).toMatchObject([
      { ComplianceResourceId: 'retired-job', ComplianceType: 'NOT_APPLICABLE' },
    ]);
  });
});
