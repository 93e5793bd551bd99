import { Logger } from '@aws-lambda-powertools/logger';
import { CreateMLTransformCommand, GlueClient, type TransformEncryption } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { mintResultToken, readStoredEvaluations } from '../../../emulator/config-service';
import { rule } from '../../../functions/rules/glue-ml-transform-encrypted';
import { toHandler } from '../../../functions/runtime/handler';
import type { ConfigurationItem } from '../../../functions/runtime/types';
import { useEmulator } from '../../emulator/context';
import { emulatorAws } from '../../support/aws';
import { recordCalls } from '../../support/call-recorder';
import { changeEvent, fixture, scheduledEvent } from '../../support/config-events';

const emulator = useEmulator();
const logger = new Logger({ logLevel: 'SILENT' });
const KEY = 'arn:aws:kms:us-east-1:123456789012:key/7f3e2d1c-0b9a-4c8d-9e7f-6a5b4c3d2e1f';

async function createTransform(
  glue: GlueClient,
  name: string,
  encryption?: TransformEncryption,
): Promise<string> {
  const out = await glue.send(
    new CreateMLTransformCommand({
      Name: name,
      Role: 'arn:aws:iam::123456789012:role/GlueFindMatches',
      GlueVersion: '2.0',
      WorkerType: 'G.1X',
      NumberOfWorkers: 5,
      InputRecordTables: [{ DatabaseName: 'customer_360', TableName: 'customers_raw' }],
      Parameters: {
        TransformType: 'FIND_MATCHES',
        FindMatchesParameters: { PrimaryKeyColumnName: 'customer_id' },
      },
      ...(encryption ? { TransformEncryption: encryption } : {}),
    }),
  );
  return out.TransformId ?? '';
}

describe('Rule: glue-ml-transform-encrypted on the emulator', () => {
  it('evaluates changed transforms from their CloudFormation-shaped configuration items', async () => {
    // Prepare
    const handler = toHandler(rule, { aws: emulatorAws(emulator), logger });
    const options = { configRuleName: rule.id, resultToken: mintResultToken(rule.id) };
    const encrypted = fixture<ConfigurationItem>('glue-mltransform-configuration-item.json');
    const plain = structuredClone(encrypted);
    plain.resourceId = 'tfm-00000000000000000000000000000000';
    delete (plain.configuration as { TransformEncryption?: unknown }).TransformEncryption;
    // Act
    await handler(changeEvent(encrypted, options));
    await handler(changeEvent(plain, options));
    // Assess
    expect(await readStoredEvaluations(emulator.endpoint, rule.id)).toMatchObject([
      {
        ComplianceResourceType: 'AWS::Glue::MLTransform',
        ComplianceResourceId: 'tfm-00000000000000000000000000000000',
        ComplianceType: 'NON_COMPLIANT',
        Annotation: 'ML user data encryption is not configured',
      },
      {
        ComplianceResourceId: 'tfm-5c0e6b8a1f2d4e3b9a7c6d5e4f3a2b1c',
        ComplianceType: 'COMPLIANT',
        Annotation: `ML user data encrypted with SSE-KMS (${KEY})`,
      },
    ]);
  });

  it('sweeps every transform with one paged GetMLTransforms, reported by transform id', async () => {
    // Prepare
    const glue = new GlueClient(emulator.clientConfig);
    const kms = await createTransform(glue, 'dedupe-customers', {
      MlUserDataEncryption: { MlUserDataEncryptionMode: 'SSE-KMS', KmsKeyId: KEY },
    });
    const disabled = await createTransform(glue, 'dedupe-merchants', {
      MlUserDataEncryption: { MlUserDataEncryptionMode: 'DISABLED' },
    });
    const none = await createTransform(glue, 'dedupe-accounts');
    const aws = emulatorAws(emulator);
    const calls = recordCalls(aws, GlueClient);
    // Act
    await toHandler(rule, { aws, logger })(
      scheduledEvent({ configRuleName: rule.id, resultToken: mintResultToken(rule.id) }),
    );
    // Assess
    const byId = new Map(
      (await readStoredEvaluations(emulator.endpoint, rule.id)).map((e) => [e.ComplianceResourceId, e]),
    );
    expect(byId.size).toBe(3);
    expect(byId.get(kms)).toMatchObject({
      ComplianceResourceType: 'AWS::Glue::MLTransform',
      ComplianceType: 'COMPLIANT',
    });
    expect(byId.get(disabled)?.Annotation).toBe('ML user data encryption is DISABLED');
    expect(byId.get(none)?.Annotation).toBe('ML user data encryption is not configured');
    expect(calls.map((c) => c.command)).toEqual(['GetMLTransformsCommand']);
  });
});
