import type { DevEndpoint, SecurityConfiguration } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { rule } from '../../functions/rules/glue-dev-endpoint-security-configuration-encrypted';
import { evaluateAccount } from '../support/rule-context';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1111aaaa-2222-bbbb-3333-cccc4444dddd';

function sc(name: string, modes: { s3?: string; jb?: string } = {}): SecurityConfiguration {
  return {
    Name: name,
    EncryptionConfiguration: {
      S3Encryption: [{ S3EncryptionMode: (modes.s3 ?? 'SSE-KMS') as never, KmsKeyArn: KEY }],
      CloudWatchEncryption: { CloudWatchEncryptionMode: 'SSE-KMS', KmsKeyArn: KEY },
      JobBookmarksEncryption: {
        JobBookmarksEncryptionMode: (modes.jb ?? 'CSE-KMS') as never,
        KmsKeyArn: KEY,
      },
    },
  };
}
const endpoint = (name: string, configuration?: string): DevEndpoint => ({
  EndpointName: name,
  RoleArn: 'arn:aws:iam::123456789012:role/GlueDev',
  ...(configuration ? { SecurityConfiguration: configuration } : {}),
});
function lookups(endpoints: DevEndpoint[], configurations: SecurityConfiguration[]) {
  return {
    devEndpoints: async () => endpoints,
    securityConfigurations: async () => new Map(configurations.map((c) => [c.Name!, c])),
  };
}

describe('Rule: glue-dev-endpoint-security-configuration-encrypted', () => {
  it('1. no development endpoints -> NOT_APPLICABLE', async () => {
    // Act
    const v = await evaluateAccount(rule, lookups([], []));

    // Assess
    expect(v.compliance).toBe('NOT_APPLICABLE');
  });

  it('2. an endpoint without a security configuration -> NON_COMPLIANT, named', async () => {
    // Act
    const v = await evaluateAccount(
      rule,
      lookups([endpoint('notebook'), endpoint('ok', 'kms')], [sc('kms')]),
    );

    // Assess
    expect(v.annotation).toBe(
      '1 of 2 dev endpoints not encrypted by their security configuration: notebook (no security configuration)',
    );
  });

  it('3. an endpoint naming a security configuration that does not exist -> NON_COMPLIANT, named', async () => {
    // Act
    const v = await evaluateAccount(rule, lookups([endpoint('notebook', 'gone')], []));

    // Assess
    expect(v.offenders).toEqual(["notebook (security configuration 'gone' does not exist)"]);
  });

  it('4. an endpoint whose configuration leaves job bookmarks unencrypted -> NON_COMPLIANT, named', async () => {
    // Act
    const v = await evaluateAccount(
      rule,
      lookups([endpoint('notebook', 'no-jb')], [sc('no-jb', { jb: 'DISABLED' })]),
    );

    // Assess
    expect(v.offenders).toEqual(["notebook ('no-jb': job bookmark encryption disabled)"]);
  });

  it('5. S3 with SSE-S3: non-compliant unless allowSseS3 is true', async () => {
    // Prepare
    const fakes = lookups([endpoint('notebook', 's3-managed')], [sc('s3-managed', { s3: 'SSE-S3' })]);

    // Act
    const strict = await evaluateAccount(rule, fakes);
    const lenient = await evaluateAccount(rule, fakes, { allowSseS3: 'true' });

    // Assess
    expect(strict.compliance).toBe('NON_COMPLIANT');
    expect(lenient.compliance).toBe('COMPLIANT');
  });

  it('6. every endpoint: S3 SSE-KMS, CloudWatch SSE-KMS, bookmarks CSE-KMS -> COMPLIANT', async () => {
    // Act
    const v = await evaluateAccount(rule, lookups([endpoint('notebook', 'kms')], [sc('kms')]));

    // Assess
    expect(v).toEqual({
      compliance: 'COMPLIANT',
      annotation: 'All 1 dev endpoints encrypt S3 data, CloudWatch logs and job bookmarks',
    });
  });

  it('7. many offenders -> annotation truncated, all in offenders', async () => {
    // Prepare
    const many = Array.from({ length: 30 }, (_, i) => endpoint(`analyst-notebook-endpoint-${i}`));

    // Act
    const v = await evaluateAccount(rule, lookups(many, []));

    // Assess
    expect(v.annotation.length).toBeLessThanOrEqual(256);
    expect(v.offenders).toHaveLength(30);
  });

  it('rejects an allowSseS3 that is not a boolean', async () => {
    // Act / Assess
    await expect(evaluateAccount(rule, lookups([], []), { allowSseS3: 'yes' })).rejects.toThrow(/allowSseS3/);
  });
});
