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

  it('replaces only the key of SSE-KMS-WITH-SERVICE-ROLE, keeping the mode and its role', async () => {
    // Prepare (metadata encrypted with a key outside ApprovedKmsKeyArns)
    const key = await createKey(emulator);
    const other = await createKey(emulator);
    const role = 'arn:aws:iam::123456789012:role/CatalogKms';
    await put(
      {
        CatalogEncryptionMode: 'SSE-KMS-WITH-SERVICE-ROLE',
        SseAwsKmsKeyId: other,
        CatalogEncryptionServiceRole: role,
      },
      { ReturnConnectionPasswordEncrypted: true, AwsKmsKeyId: key },
    );

    // Act
    const run = await runHandler(
      emulator,
      SCRIPT,
      'handler',
      payload(key, { Blocks: 'ENCRYPTION_AT_REST', ApprovedKmsKeyArns: key, ReplaceExistingKey: 'true' }),
    );

    // Assess
    expect(resultOf(run).changes).toEqual([
      { field: 'EncryptionAtRest.SseAwsKmsKeyId', before: other, after: key },
    ]);
    expect(await settings()).toEqual({
      EncryptionAtRest: {
        CatalogEncryptionMode: 'SSE-KMS-WITH-SERVICE-ROLE',
        SseAwsKmsKeyId: key,
        CatalogEncryptionServiceRole: role,
      },
      ConnectionPasswordEncryption: { ReturnConnectionPasswordEncrypted: true, AwsKmsKeyId: key },
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
    const replace = { ReplaceExistingKey: true, ApprovedKmsKeyArns: [approved, key] };

    // Act
    const replaced = resultOf(await runHandler(emulator, SCRIPT, 'handler', payload(key, replace)));
    const verified = await runHandler(emulator, SCRIPT, 'verify', payload(key, replace));

    // Assess
    expect(replaced.changes).toEqual([
      { field: 'EncryptionAtRest.SseAwsKmsKeyId', before: unapproved, after: key },
    ]);
    expect(await settings()).toEqual({
      EncryptionAtRest: { CatalogEncryptionMode: 'SSE-KMS', SseAwsKmsKeyId: key },
      ConnectionPasswordEncryption: { ReturnConnectionPasswordEncrypted: true, AwsKmsKeyId: approved },
    });
    expect(verified.ok).toBe(true);
  });

  it('keeps any KMS key in place when no key is approved and ReplaceExistingKey is false', async () => {
    // Prepare
    const key = await createKey(emulator);
    const other = await createKey(emulator);
    await put(
      { CatalogEncryptionMode: 'SSE-KMS', SseAwsKmsKeyId: other },
      { ReturnConnectionPasswordEncrypted: true, AwsKmsKeyId: other },
    );

    // Act
    const result = resultOf(await runHandler(emulator, SCRIPT, 'handler', payload(key)));
    const verified = await runHandler(emulator, SCRIPT, 'verify', payload(key));

    // Assess
    expect(result).toMatchObject({ outcome: 'NO_CHANGE', changes: [] });
    expect(verified.ok).toBe(true);
  });

  it('fails, writing nothing, when a key in use is not approved and ReplaceExistingKey is false', async () => {
    // Prepare: the rule (kmsKeyArns) judges the catalog NON_COMPLIANT; NO_CHANGE would hide that
    const key = await createKey(emulator);
    const unapproved = await createKey(emulator);
    await put(
      { CatalogEncryptionMode: 'SSE-KMS', SseAwsKmsKeyId: unapproved },
      { ReturnConnectionPasswordEncrypted: false },
    );
    const before = await settings();

    // Act
    const run = await runHandler(emulator, SCRIPT, 'handler', payload(key, { ApprovedKmsKeyArns: [key] }));
    const verified = await runHandler(
      emulator,
      SCRIPT,
      'verify',
      payload(key, { ApprovedKmsKeyArns: [key] }),
    );

    // Assess
    expect(run.ok).toBe(false);
    expect(run.error).toContain(
      `EncryptionAtRest is encrypted with ${unapproved}, which is not in ApprovedKmsKeyArns: set ReplaceExistingKey to true to replace it`,
    );
    expect(await settings()).toEqual(before);
    expect(verified.error).toContain('metadata is encrypted with a key that is not approved');
  });

  it('keeps an approved key other than KmsKeyId', async () => {
    // Prepare
    const key = await createKey(emulator);
    const approved = await createKey(emulator);
    await put(
      { CatalogEncryptionMode: 'SSE-KMS', SseAwsKmsKeyId: approved },
      { ReturnConnectionPasswordEncrypted: true, AwsKmsKeyId: approved },
    );
    const extra = { ApprovedKmsKeyArns: [key, approved], ReplaceExistingKey: 'true' };

    // Act
    const result = resultOf(await runHandler(emulator, SCRIPT, 'handler', payload(key, extra)));

    // Assess
    expect(result).toMatchObject({ outcome: 'NO_CHANGE', changes: [] });
  });

  it('refuses a KmsKeyId that is not itself approved', async () => {
    // Prepare
    const key = await createKey(emulator);
    const approved = await createKey(emulator);

    // Act
    const run = await runHandler(
      emulator,
      SCRIPT,
      'handler',
      payload(key, { ApprovedKmsKeyArns: [approved] }),
    );

    // Assess
    expect(run.ok).toBe(false);
    expect(run.error).toContain(`KmsKeyId ${key} is not in ApprovedKmsKeyArns`);
    expect((await settings())?.EncryptionAtRest?.CatalogEncryptionMode).toBe('DISABLED');
  });

  it('changes only connection password encryption when Blocks is CONNECTION_PASSWORDS', async () => {
    // Prepare
    const key = await createKey(emulator);
    const blocks = { Blocks: 'CONNECTION_PASSWORDS' };

    // Act
    const result = resultOf(await runHandler(emulator, SCRIPT, 'handler', payload(key, blocks)));
    const verified = await runHandler(emulator, SCRIPT, 'verify', payload(key, blocks));
    const again = resultOf(await runHandler(emulator, SCRIPT, 'handler', payload(key, blocks)));

    // Assess
    expect(result.changes.map((c) => c.field)).toEqual([
      'ConnectionPasswordEncryption.AwsKmsKeyId',
      'ConnectionPasswordEncryption.ReturnConnectionPasswordEncrypted',
    ]);
    expect(await settings()).toEqual({
      EncryptionAtRest: { CatalogEncryptionMode: 'DISABLED' },
      ConnectionPasswordEncryption: { ReturnConnectionPasswordEncrypted: true, AwsKmsKeyId: key },
    });
    expect(verified.ok).toBe(true);
    expect(again).toMatchObject({ outcome: 'NO_CHANGE', changes: [] });
  });

  it('changes only metadata encryption when Blocks is ENCRYPTION_AT_REST, ignoring the other block’s key', async () => {
    // Prepare: password encryption uses a key that is not approved; this run is not about it
    const key = await createKey(emulator);
    const other = await createKey(emulator);
    await put(
      { CatalogEncryptionMode: 'DISABLED' },
      { ReturnConnectionPasswordEncrypted: true, AwsKmsKeyId: other },
    );
    const extra = { Blocks: 'ENCRYPTION_AT_REST', ApprovedKmsKeyArns: [key] };

    // Act
    const result = resultOf(await runHandler(emulator, SCRIPT, 'handler', payload(key, extra)));
    const verified = await runHandler(emulator, SCRIPT, 'verify', payload(key, extra));

    // Assess
    expect(result.changes.map((c) => c.field)).toEqual([
      'EncryptionAtRest.CatalogEncryptionMode',
      'EncryptionAtRest.SseAwsKmsKeyId',
    ]);
    expect(await settings()).toEqual({
      EncryptionAtRest: { CatalogEncryptionMode: 'SSE-KMS', SseAwsKmsKeyId: key },
      ConnectionPasswordEncryption: { ReturnConnectionPasswordEncrypted: true, AwsKmsKeyId: other },
    });
    expect(verified.ok).toBe(true);
  });

  it('refuses an unknown Blocks value', async () => {
    // Prepare
    const key = await createKey(emulator);

    // Act
    const run = await runHandler(emulator, SCRIPT, 'handler', payload(key, { Blocks: 'METADATA' }));

    // Assess
    expect(run.ok).toBe(false);
    expect(run.error).toContain(
      "Blocks must be ENCRYPTION_AT_REST, CONNECTION_PASSWORDS or BOTH, got 'METADATA'",
    );
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
