import type { Connection, Crawler, MLTransform } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { rule as databrew } from '../../functions/rules/databrew-job-output-encrypted';
import { rule as connectionPasswords } from '../../functions/rules/glue-catalog-connection-passwords-encrypted';
import { rule as catalogMetadata } from '../../functions/rules/glue-catalog-metadata-encrypted';
import { rule as connectionSsl } from '../../functions/rules/glue-connection-ssl-enforced';
import { rule as connectionTagged } from '../../functions/rules/glue-connection-tagged';
import { rule as crawlerSecurity } from '../../functions/rules/glue-crawler-security-configuration-encrypted';
import { rule as mlEncrypted } from '../../functions/rules/glue-ml-transform-encrypted';
import { evaluateAccount, evaluateResource } from '../support/rule-context';

// Offender names (sorted, "(unnamed)" for a resource without a name) and the key each encryption
// rule names (issue 11: survivors of the mutation run), with literal expected values.

describe('offenders are sorted, and a resource without a name is "(unnamed)"', () => {
  it('glue-connection-tagged', async () => {
    const v = await evaluateAccount(connectionTagged, {
      connections: async (): Promise<Connection[]> => [{ Name: 'zeta' }, {}, { Name: 'alpha' }],
      tags: async () => new Map(),
    });
    expect(v.offenders).toEqual(['(unnamed)', 'alpha', 'zeta']);
  });

  it('databrew-job-output-encrypted', async () => {
    const v = await evaluateAccount(databrew, {
      jobs: async () => [{ Name: 'zeta' }, { EncryptionMode: 'SSE-KMS', Name: 'ok' }, {}, { Name: 'alpha' }],
    });
    expect(v.offenders).toEqual(['(unnamed)', 'alpha', 'zeta']);
  });

  it('glue-crawler-security-configuration-encrypted', async () => {
    const v = await evaluateAccount(crawlerSecurity, {
      crawlers: async (): Promise<Crawler[]> => [{}],
      securityConfigurations: async () => new Map(),
    });
    expect(v.offenders).toHaveLength(1);
    expect(v.offenders?.[0]?.startsWith('(unnamed) (')).toBe(true);
  });

  it('glue-connection-ssl-enforced', async () => {
    const v = await evaluateAccount(connectionSsl, {
      connections: async (): Promise<Connection[]> => [
        { ConnectionType: 'JDBC', ConnectionProperties: { JDBC_ENFORCE_SSL: 'false' } },
      ],
    });
    expect(v.offenders).toEqual(['(unnamed) (JDBC_ENFORCE_SSL not true)']);
  });
});

describe('the key an encryption rule names', () => {
  const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1111aaaa-2222-bbbb-3333-cccc4444dddd';

  it('glue-catalog-connection-passwords-encrypted', async () => {
    const judge = (AwsKmsKeyId: string | undefined, params: Record<string, string> = {}) =>
      evaluateAccount(
        connectionPasswords,
        {
          catalogEncryption: async () => ({
            ConnectionPasswordEncryption: { ReturnConnectionPasswordEncrypted: true, AwsKmsKeyId },
          }),
        },
        params,
      );
    expect(await judge(KEY)).toEqual({
      compliance: 'COMPLIANT',
      annotation: `Connection passwords encrypted with ${KEY}`,
    });
    expect(await judge(undefined, { kmsKeyArns: KEY })).toEqual({
      compliance: 'NON_COMPLIANT',
      annotation: 'Connection passwords are encrypted with an unspecified key, not an approved key',
    });
  });

  it('glue-catalog-metadata-encrypted', async () => {
    const v = await evaluateAccount(catalogMetadata, {
      catalogEncryption: async () => ({ EncryptionAtRest: { CatalogEncryptionMode: 'SSE-KMS' } }),
    });
    expect(v).toEqual({
      compliance: 'COMPLIANT',
      annotation: 'Data Catalog metadata encrypted (SSE-KMS, AWS managed key)',
    });
  });

  it('glue-ml-transform-encrypted', async () => {
    const t: MLTransform = {
      TransformId: 'tfm-1',
      TransformEncryption: { MlUserDataEncryption: { MlUserDataEncryptionMode: 'SSE-KMS' } },
    };
    expect(await evaluateResource(mlEncrypted, t, {})).toEqual({
      compliance: 'COMPLIANT',
      annotation: 'ML user data encrypted with SSE-KMS (key not reported)',
    });
  });
});
