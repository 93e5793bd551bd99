import type { DataCatalogEncryptionSettings } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { rule } from '../../functions/rules/glue-catalog-connection-passwords-encrypted';
import { evaluateAccount } from '../support/rule-context';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1111aaaa-2222-bbbb-3333-cccc4444dddd';
const OTHER = 'arn:aws:kms:us-east-1:123456789012:key/9999ffff-2222-bbbb-3333-cccc4444dddd';
const settings = (s: DataCatalogEncryptionSettings) => ({ catalogEncryption: async () => s });
const encrypted = (key: string) =>
  settings({ ConnectionPasswordEncryption: { ReturnConnectionPasswordEncrypted: true, AwsKmsKeyId: key } });

describe('Rule: glue-catalog-connection-passwords-encrypted', () => {
  it('1. no settings or ReturnConnectionPasswordEncrypted false -> NON_COMPLIANT', async () => {
    // Act
    const none = await evaluateAccount(rule, settings({}));
    const off = await evaluateAccount(
      rule,
      settings({
        EncryptionAtRest: { CatalogEncryptionMode: 'SSE-KMS', SseAwsKmsKeyId: KEY },
        ConnectionPasswordEncryption: { ReturnConnectionPasswordEncrypted: false },
      }),
    );
    // Assess
    expect(none).toMatchObject({
      compliance: 'NON_COMPLIANT',
      annotation: 'Connection password encryption is disabled',
    });
    expect(off.compliance).toBe('NON_COMPLIANT');
  });

  it('2. encrypted, no allow-list -> COMPLIANT', async () => {
    // Act / Assess
    expect((await evaluateAccount(rule, encrypted(KEY))).compliance).toBe('COMPLIANT');
  });

  it('3. kmsKeyArns given, another key -> NON_COMPLIANT', async () => {
    // Act
    const v = await evaluateAccount(rule, encrypted(OTHER), { kmsKeyArns: KEY });
    // Assess
    expect(v.compliance).toBe('NON_COMPLIANT');
    expect(v.annotation).toContain(OTHER);
  });

  it('4. kmsKeyArns given, one of them -> COMPLIANT', async () => {
    // Act / Assess
    expect((await evaluateAccount(rule, encrypted(KEY), { kmsKeyArns: KEY })).compliance).toBe('COMPLIANT');
  });
});
