import type { DataCatalogEncryptionSettings } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { rule } from '../../functions/rules/glue-catalog-metadata-encrypted';
import { evaluateAccount } from '../support/rule-context';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1111aaaa-2222-bbbb-3333-cccc4444dddd';
const OTHER = 'arn:aws:kms:us-east-1:123456789012:key/9999ffff-2222-bbbb-3333-cccc4444dddd';
const settings = (s: DataCatalogEncryptionSettings) => ({ catalogEncryption: async () => s });

describe('Rule: glue-catalog-metadata-encrypted', () => {
  it('1. no settings or DISABLED -> NON_COMPLIANT', async () => {
    // Act
    const none = await evaluateAccount(rule, settings({}));
    const disabled = await evaluateAccount(
      rule,
      settings({ EncryptionAtRest: { CatalogEncryptionMode: 'DISABLED' } }),
    );
    // Assess
    expect(none).toMatchObject({
      compliance: 'NON_COMPLIANT',
      annotation: 'Data Catalog metadata encryption is DISABLED',
    });
    expect(disabled.compliance).toBe('NON_COMPLIANT');
  });

  it('2. SSE-KMS -> COMPLIANT', async () => {
    // Act
    const v = await evaluateAccount(
      rule,
      settings({ EncryptionAtRest: { CatalogEncryptionMode: 'SSE-KMS', SseAwsKmsKeyId: KEY } }),
    );
    // Assess
    expect(v).toMatchObject({ compliance: 'COMPLIANT' });
    expect(v.annotation).toContain(KEY);
  });

  it('3. SSE-KMS-WITH-SERVICE-ROLE is KMS encryption too -> COMPLIANT', async () => {
    // Act
    const v = await evaluateAccount(
      rule,
      settings({
        EncryptionAtRest: {
          CatalogEncryptionMode: 'SSE-KMS-WITH-SERVICE-ROLE',
          SseAwsKmsKeyId: KEY,
          CatalogEncryptionServiceRole: 'arn:aws:iam::123456789012:role/GlueCatalogKms',
        },
      }),
    );
    // Assess
    expect(v.compliance).toBe('COMPLIANT');
  });

  it('4. kmsKeyArns given, another key or the AWS managed key -> NON_COMPLIANT', async () => {
    // Act
    const other = await evaluateAccount(
      rule,
      settings({ EncryptionAtRest: { CatalogEncryptionMode: 'SSE-KMS', SseAwsKmsKeyId: OTHER } }),
      { kmsKeyArns: KEY },
    );
    const managed = await evaluateAccount(
      rule,
      settings({ EncryptionAtRest: { CatalogEncryptionMode: 'SSE-KMS' } }),
      {
        kmsKeyArns: KEY,
      },
    );
    // Assess
    expect(other).toMatchObject({ compliance: 'NON_COMPLIANT' });
    expect(other.annotation).toContain('not an approved key');
    expect(managed.annotation).toContain('AWS managed key');
  });

  it('5. kmsKeyArns given, the catalog uses one of them -> COMPLIANT', async () => {
    // Act
    const v = await evaluateAccount(
      rule,
      settings({ EncryptionAtRest: { CatalogEncryptionMode: 'SSE-KMS', SseAwsKmsKeyId: KEY } }),
      { kmsKeyArns: `${OTHER},${KEY}` },
    );
    // Assess
    expect(v.compliance).toBe('COMPLIANT');
  });

  it('rejects a key alias in kmsKeyArns (aliases resolve per account)', async () => {
    // Act / Assess
    await expect(evaluateAccount(rule, settings({}), { kmsKeyArns: 'alias/glue' })).rejects.toThrow(
      "Invalid rule parameter 'kmsKeyArns'",
    );
  });
});
