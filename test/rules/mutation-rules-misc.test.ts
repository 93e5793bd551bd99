import type { DevEndpoint, SecurityConfiguration } from '@aws-sdk/client-glue';
import type { PrincipalPermissions } from '@aws-sdk/client-lakeformation';
import { describe, expect, it } from 'vitest';
import { getRuleMeta } from '../../functions/rules/catalog';
import { rule as catalogPolicy } from '../../functions/rules/glue-catalog-policy-restricted';
import { rule as devEndpoints } from '../../functions/rules/glue-dev-endpoint-security-configuration-encrypted';
import { rule as jobSecurity } from '../../functions/rules/glue-job-security-configuration-encrypted';
import { rule as lakeFormation } from '../../functions/rules/glue-lakeformation-permissions-enforced';
import { getRule } from '../../functions/rules/index';
import { evaluateAccount, evaluateResource } from '../support/rule-context';

// Smaller survivors of the mutation run over functions/rules (issue 11): unknown rule ids, the
// parts of a security configuration each rule requires, Lake Formation entries without a principal
// or permissions, and the catalog policy texts; literal expected values.

describe('unknown rule ids', () => {
  it('finds a known id (getRule and getRuleMeta)', () => {
    expect(getRule('glue-job-tagged').id).toBe('glue-job-tagged');
    expect(getRule('glue-s3-targets-ssl-only').id).toBe('glue-s3-targets-ssl-only');
    expect(getRuleMeta('glue-job-tagged').id).toBe('glue-job-tagged');
  });

  it.each([
    ['getRule', getRule],
    ['getRuleMeta', getRuleMeta],
  ])('%s lists every known id, comma-separated', (_, get) => {
    let message = '';
    try {
      get('glue-nope');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(
      message.startsWith("Unknown rule 'glue-nope'. Known rules: glue-catalog-metadata-encrypted, "),
    ).toBe(true);
    expect(message.endsWith(', glue-audit-trail-enabled, glue-s3-targets-ssl-only')).toBe(true);
  });
});

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1111aaaa-2222-bbbb-3333-cccc4444dddd';
const config = (name: string, s3: string, cw: string): SecurityConfiguration => ({
  Name: name,
  EncryptionConfiguration: {
    S3Encryption: [{ S3EncryptionMode: s3 as never, KmsKeyArn: KEY }],
    CloudWatchEncryption: { CloudWatchEncryptionMode: cw as never, KmsKeyArn: KEY },
    JobBookmarksEncryption: { JobBookmarksEncryptionMode: 'CSE-KMS', KmsKeyArn: KEY },
  },
});
const configs =
  (...list: SecurityConfiguration[]) =>
  async () =>
    new Map(list.map((c) => [c.Name as string, c]));

describe('security configurations: every part is required', () => {
  it('a dev endpoint whose configuration leaves S3 unencrypted is named', async () => {
    const endpoint: DevEndpoint = { EndpointName: 'dev', SecurityConfiguration: 'no-s3' };
    const v = await evaluateAccount(devEndpoints, {
      devEndpoints: async () => [endpoint],
      securityConfigurations: configs(config('no-s3', 'DISABLED', 'SSE-KMS')),
    });
    expect(v.compliance).toBe('NON_COMPLIANT');
    expect(v.offenders).toHaveLength(1);
    expect(v.offenders?.[0]?.startsWith('dev (')).toBe(true);
  });

  it('a dev endpoint whose configuration leaves CloudWatch logs unencrypted is named', async () => {
    const endpoint: DevEndpoint = { EndpointName: 'dev', SecurityConfiguration: 'no-cw' };
    const v = await evaluateAccount(devEndpoints, {
      devEndpoints: async () => [endpoint],
      securityConfigurations: configs(config('no-cw', 'SSE-KMS', 'DISABLED')),
    });
    expect(v.compliance).toBe('NON_COMPLIANT');
    expect(v.offenders).toHaveLength(1);
    expect(v.offenders?.[0]?.startsWith('dev (')).toBe(true);
  });

  it('a dev endpoint without a name is named "(unnamed)"; no endpoint is not applicable', async () => {
    const v = await evaluateAccount(devEndpoints, {
      devEndpoints: async () => [{}],
      securityConfigurations: configs(),
    });
    expect(v.offenders).toHaveLength(1);
    expect(v.offenders?.[0]?.startsWith('(unnamed) (')).toBe(true);
    expect(
      await evaluateAccount(devEndpoints, {
        devEndpoints: async () => [],
        securityConfigurations: configs(),
      }),
    ).toEqual({
      compliance: 'NOT_APPLICABLE',
      annotation: 'No development endpoints in this account and region',
    });
  });

  it('a job whose configuration leaves CloudWatch logs unencrypted is NON_COMPLIANT', async () => {
    const v = await evaluateResource(
      jobSecurity,
      { Name: 'etl', Command: { Name: 'glueetl' }, SecurityConfiguration: 'no-cw' },
      { securityConfigurations: configs(config('no-cw', 'SSE-KMS', 'DISABLED')) },
    );
    expect(v.compliance).toBe('NON_COMPLIANT');
    expect(v.annotation?.startsWith("Security configuration 'no-cw': ")).toBe(true);
  });
});

describe('glue-lakeformation-permissions-enforced: default permission entries', () => {
  const judge = (entries: PrincipalPermissions[]) =>
    evaluateAccount(lakeFormation, {
      dataLakeSettings: async () => ({
        CreateDatabaseDefaultPermissions: entries,
        CreateTableDefaultPermissions: [],
      }),
    });

  it('skips an entry without a principal and an IAM_ALLOWED_PRINCIPALS entry without permissions', async () => {
    const v = await judge([
      { Permissions: ['ALL'] },
      { Principal: { DataLakePrincipalIdentifier: 'IAM_ALLOWED_PRINCIPALS' } },
    ]);
    expect(v.compliance).toBe('COMPLIANT');
  });

  it('names every permission granted to IAM_ALLOWED_PRINCIPALS, comma-separated', async () => {
    const v = await judge([
      { Principal: { DataLakePrincipalIdentifier: 'IAM_ALLOWED_PRINCIPALS' }, Permissions: ['ALL', 'ALTER'] },
    ]);
    expect(v.offenders).toEqual([
      'CreateDatabaseDefaultPermissions (new databases: ALL, ALTER to IAM_ALLOWED_PRINCIPALS)',
    ]);
  });
});

describe('glue-catalog-policy-restricted: texts', () => {
  const judge = (statements: object[] | undefined) =>
    evaluateAccount(catalogPolicy, {
      catalogPolicy: async () =>
        statements === undefined
          ? undefined
          : JSON.stringify({ Version: '2012-10-17', Statement: statements }),
    });
  const open = (Sid: string) => ({ Sid, Effect: 'Allow', Principal: '*', Action: 'glue:*', Resource: '*' });

  it('says the catalog has no policy', async () => {
    expect(await judge(undefined)).toEqual({
      compliance: 'COMPLIANT',
      annotation: 'The Data Catalog has no resource policy',
    });
  });

  it('counts the open statements, singular and plural', async () => {
    expect(
      (await judge([open('A')])).annotation?.startsWith('1 Data Catalog policy statement too open'),
    ).toBe(true);
    expect(
      (await judge([open('A'), open('B')])).annotation?.startsWith(
        '2 Data Catalog policy statements too open',
      ),
    ).toBe(true);
  });

  it('counts the statements of a policy that grants no cross-account access', async () => {
    const own = (Sid: string) => ({
      Sid,
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::123456789012:root' },
      Action: 'glue:GetTable',
      Resource: '*',
    });
    expect(await judge([own('A'), own('B')])).toEqual({
      compliance: 'COMPLIANT',
      annotation: "The Data Catalog policy's 2 statements grant no unrestricted cross-account access",
    });
  });
});
