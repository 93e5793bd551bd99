import {
  GetDataCatalogEncryptionSettingsCommand,
  PutDataCatalogEncryptionSettingsCommand,
} from '@aws-sdk/client-glue';
import { DisableKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../../emulator/context';
import { automationFields, resultOf, runHandler } from './support/handler';
import { createKey, glue } from './support/seed';

const emulator = useEmulator();
const SCRIPT = 'EnableGlueCatalogEncryption';

async function settings() {
  const out = await glue(emulator).send(
    new GetDataCatalogEncryptionSettingsCommand({ CatalogId: emulator.accountId }),
  );
  return out.DataCatalogEncryptionSettings;
}

async function put(atRest: object, passwords: object): Promise<void> {
  await glue(emulator).send(
    new PutDataCatalogEncryptionSettingsCommand({
      CatalogId: emulator.accountId,
      DataCatalogEncryptionSettings: {
        EncryptionAtRest: atRest,
        ConnectionPasswordEncryption: passwords,
      } as never,
    }),
  );
}

function payload(key: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { CatalogId: emulator.accountId, KmsKeyId: key, ...automationFields(emulator), ...extra };
}

describe('Script: enable_glue_catalog_encryption.py', () => {
  it('encrypts metadata and connection passwords when both are off', async () => {
    // Prepare
    const key = await createKey(emulator);

    // Act
    const run = await runHandler(emulator, SCRIPT, 'handler', payload(key));
    const verified = await runHandler(emulator, SCRIPT, 'verify', payload(key));

    // Assess
    const result = resultOf(run);
    expect(result).toMatchObject({
      document: 'EnableGlueCatalogEncryption',
      executionId: 'exec-test-1',
      accountId: emulator.accountId,
      region: 'us-east-1',
      resource: emulator.accountId,
      outcome: 'REMEDIATED',
    });
    expect(result.changes).toContainEqual({
      field: 'EncryptionAtRest.CatalogEncryptionMode',
      before: 'DISABLED',
      after: 'SSE-KMS',
    });
    expect(await settings()).toEqual({
      EncryptionAtRest: { CatalogEncryptionMode: 'SSE-KMS', SseAwsKmsKeyId: key },
      ConnectionPasswordEncryption: { ReturnConnectionPasswordEncrypted: true, AwsKmsKeyId: key },
    });
    expect(verified.ok).toBe(true);
  });

  it('keeps the metadata block written back as it was when only passwords need encryption', async () => {
    // Prepare
    const key = await createKey(emulator);
    const other = await createKey(emulator);
    const role = 'arn:aws:iam::123456789012:role/CatalogKms';
    await put(
      {
        CatalogEncryptionMode: 'SSE-KMS-WITH-SERVICE-ROLE',
        SseAwsKmsKeyId: other,
        CatalogEncryptionServiceRole: role,
      },
      { ReturnConnectionPasswordEncrypted: false },
    );

    // Act
    const result = resultOf(await runHandler(emulator, SCRIPT, 'handler', payload(key)));

    // Assess
    expect(result.changes.map((c) => c.field)).toEqual([
      'ConnectionPasswordEncryption.AwsKmsKeyId',
      'ConnectionPasswordEncryption.ReturnConnectionPasswordEncrypted',
    ]);
    expect((await settings())?.EncryptionAtRest).toEqual({
      CatalogEncryptionMode: 'SSE-KMS-WITH-SERVICE-ROLE',
      SseAwsKmsKeyId: other,
      CatalogEncryptionServiceRole: role,
    });
  });

  it('keeps password encryption as it was when only metadata needs encryption', async () => {
    // Prepare
    const key = await createKey(emulator);
    const other = await createKey(emulator);
    await put(
      { CatalogEncryptionMode: 'DISABLED' },
      { ReturnConnectionPasswordEncrypted: true, AwsKmsKeyId: other },
    );

    // Act
    await runHandler(emulator, SCRIPT, 'handler', payload(key));

    // Assess
    expect(await settings()).toEqual({
      EncryptionAtRest: { CatalogEncryptionMode: 'SSE-KMS', SseAwsKmsKeyId: key },
      ConnectionPasswordEncryption: { ReturnConnectionPasswordEncrypted: true, AwsKmsKeyId: other },
    });
  });

  it('replaces an unapproved key only when ReplaceExistingKey is true, and never an approved one', async () => {
    // Prepare
    const key = await createKey(emulator);
    const approved = await createKey(emulator);
    const unapproved = await createKey(emulator);
    await put(
      { CatalogEncryptionMode: 'SSE-KMS', SseAwsKmsKeyId: unapproved },
      { ReturnConnectionPasswordEncrypted: true, AwsKmsKeyId: approved },
    );
    const replace = { ReplaceExistingKey: true, ApprovedKmsKeyArns: [approved] };

    // Act
    const untouched = resultOf(await runHandler(emulator, SCRIPT, 'handler', payload(key)));
    const replaced = resultOf(await runHandler(emulator, SCRIPT, 'handler', payload(key, replace)));

    // Assess
    expect(untouched.outcome).toBe('NO_CHANGE');
    expect(replaced.changes).toEqual([
      { field: 'EncryptionAtRest.SseAwsKmsKeyId', before: unapproved, after: key },
    ]);
    expect(await settings()).toEqual({
      EncryptionAtRest: { CatalogEncryptionMode: 'SSE-KMS', SseAwsKmsKeyId: key },
      ConnectionPasswordEncryption: { ReturnConnectionPasswordEncrypted: true, AwsKmsKeyId: approved },
    });
  });

  it('reports NO_CHANGE on a second run', async () => {
    // Prepare
    const key = await createKey(emulator);
    await runHandler(emulator, SCRIPT, 'handler', payload(key));

    // Act
    const result = resultOf(await runHandler(emulator, SCRIPT, 'handler', payload(key)));

    // Assess
    expect(result).toMatchObject({ outcome: 'NO_CHANGE', changes: [] });
  });

  it('refuses a disabled key and writes nothing', async () => {
    // Prepare
    const key = await createKey(emulator);
    await new KMSClient(emulator.clientConfig).send(new DisableKeyCommand({ KeyId: key.split('/')[1] }));

    // Act
    const run = await runHandler(emulator, SCRIPT, 'handler', payload(key));

    // Assess
    expect(run.ok).toBe(false);
    expect(run.error).toContain('is Disabled, not Enabled');
    expect((await settings())?.EncryptionAtRest?.CatalogEncryptionMode).toBe('DISABLED');
  });

  it('verification fails while metadata is not encrypted', async () => {
    // Prepare
    const key = await createKey(emulator);

    // Act
    const run = await runHandler(emulator, SCRIPT, 'verify', payload(key));

    // Assess
    expect(run.ok).toBe(false);
    expect(run.error).toContain('metadata encryption is DISABLED');
  });
});
