import { Logger } from '@aws-lambda-powertools/logger';
import { GlueClient, PutDataCatalogEncryptionSettingsCommand } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { readStoredEvaluations } from '../../../emulator/config-service';
import { rule as passwords } from '../../../functions/rules/glue-catalog-connection-passwords-encrypted';
import { rule as metadata } from '../../../functions/rules/glue-catalog-metadata-encrypted';
import { useEmulator } from '../../emulator/context';
import { sweepRule } from '../../support/sweep';

const emulator = useEmulator();
const _logger = new Logger({ logLevel: 'SILENT' });
const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1111aaaa-2222-bbbb-3333-cccc4444dddd';

const sweep = async (rule: typeof metadata | typeof passwords, ruleParameters?: Record<string, string>) =>
  (await sweepRule(emulator, rule, { ruleParameters })).stored;

describe('Rule: glue-catalog-metadata-encrypted / glue-catalog-connection-passwords-encrypted on the emulator', () => {
  it('reports an account whose catalog was never configured as non-compliant for both', async () => {
    // Act
    const m = await sweep(metadata);
    const p = await sweep(passwords);
    // Assess
    expect(m).toMatchObject([
      {
        ComplianceResourceType: 'AWS::::Account',
        ComplianceResourceId: '123456789012',
        ComplianceType: 'NON_COMPLIANT',
      },
    ]);
    expect(p).toMatchObject([{ ComplianceResourceType: 'AWS::::Account', ComplianceType: 'NON_COMPLIANT' }]);
  });

  it('reports each block on its own and honours the key allow-list', async () => {
    // Prepare
    await new GlueClient(emulator.clientConfig).send(
      new PutDataCatalogEncryptionSettingsCommand({
        DataCatalogEncryptionSettings: {
          EncryptionAtRest: {
            CatalogEncryptionMode: 'SSE-KMS-WITH-SERVICE-ROLE',
            SseAwsKmsKeyId: KEY,
            CatalogEncryptionServiceRole: 'arn:aws:iam::123456789012:role/GlueCatalogKms',
          },
          ConnectionPasswordEncryption: { ReturnConnectionPasswordEncrypted: false },
        },
      }),
    );
    // Act
    const m = await sweep(metadata, { kmsKeyArns: KEY });
    const p = await sweep(passwords);
    // Assess
    expect(m[0]?.ComplianceType).toBe('COMPLIANT');
    expect(p[0]).toMatchObject({
      ComplianceType: 'NON_COMPLIANT',
      Annotation: 'Connection password encryption is disabled',
    });
  });

  it('fails with the parameter named, and reports nothing, for an alias in kmsKeyArns', async () => {
    // Act / Assess
    await expect(sweep(metadata, { kmsKeyArns: 'alias/aws/glue' })).rejects.toThrow(
      "Invalid rule parameter 'kmsKeyArns'",
    );
    expect(await readStoredEvaluations(emulator.endpoint, metadata.id)).toEqual([]);
  });
});
