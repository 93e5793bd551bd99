// The four rules that judge S3 encryption through a security configuration share encryptionGaps:
// a configuration without an S3Encryption list, or with an empty one, encrypts nothing in S3.
import type { SecurityConfiguration } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { rule as crawlerRule } from '../../../functions/rules/glue-crawler-security-configuration-encrypted';
import { rule as devEndpointRule } from '../../../functions/rules/glue-dev-endpoint-security-configuration-encrypted';
import { rule as jobRule } from '../../../functions/rules/glue-job-security-configuration-encrypted';
import { rule as configurationRule } from '../../../functions/rules/glue-security-configuration-encrypted';
import { encryptionGaps } from '../../../functions/rules/lib/security-configuration';
import { evaluateAccount, evaluateResource } from '../../support/rule-context';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1111aaaa-2222-bbbb-3333-cccc4444dddd';

/** Logs and bookmarks encrypted with KMS; S3 as the case says. */
function sc(s3: 'missing' | 'empty' | 'kms'): SecurityConfiguration {
  return {
    Name: 'cfg',
    EncryptionConfiguration: {
      ...(s3 === 'missing'
        ? {}
        : { S3Encryption: s3 === 'empty' ? [] : [{ S3EncryptionMode: 'SSE-KMS', KmsKeyArn: KEY }] }),
      CloudWatchEncryption: { CloudWatchEncryptionMode: 'SSE-KMS', KmsKeyArn: KEY },
      JobBookmarksEncryption: { JobBookmarksEncryptionMode: 'CSE-KMS', KmsKeyArn: KEY },
    },
  };
}
const configurations = (c: SecurityConfiguration) => async () => new Map([['cfg', c]]);

/** [compliance, annotation] of each of the four rules for a resource using the configuration. */
async function verdicts(c: SecurityConfiguration) {
  const job = await evaluateResource(
    jobRule,
    {
      Name: 'etl',
      Role: 'arn:aws:iam::123456789012:role/Etl',
      Command: { Name: 'glueetl', ScriptLocation: 's3://bucket/etl.py' },
      SecurityConfiguration: 'cfg',
    },
    { securityConfigurations: configurations(c) },
  );
  const crawler = await evaluateAccount(crawlerRule, {
    crawlers: async () => [
      { Name: 'raw', Role: 'arn:aws:iam::123456789012:role/Crawler', CrawlerSecurityConfiguration: 'cfg' },
    ],
    securityConfigurations: configurations(c),
  });
  const devEndpoint = await evaluateAccount(devEndpointRule, {
    devEndpoints: async () => [
      { EndpointName: 'nb', RoleArn: 'arn:aws:iam::123456789012:role/Dev', SecurityConfiguration: 'cfg' },
    ],
    securityConfigurations: configurations(c),
  });
  const configuration = await evaluateAccount(configurationRule, {
    securityConfigurations: configurations(c),
  });
  return { job, crawler, devEndpoint, configuration };
}

describe('security configurations: S3 encryption list missing or empty', () => {
  it.each(['missing', 'empty'] as const)('S3Encryption %s: S3 encryption disabled', (s3) => {
    // Act / Assess
    expect(encryptionGaps(sc(s3), { s3: true, cloudWatch: true, jobBookmarks: true })).toEqual([
      'S3 encryption disabled',
    ]);
  });

  it.each(['missing', 'empty'] as const)(
    'S3Encryption %s: NON_COMPLIANT under all four rules',
    async (s3) => {
      // Act
      const v = await verdicts(sc(s3));
      // Assess
      expect(Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x.compliance]))).toEqual({
        job: 'NON_COMPLIANT',
        crawler: 'NON_COMPLIANT',
        devEndpoint: 'NON_COMPLIANT',
        configuration: 'NON_COMPLIANT',
      });
      for (const x of Object.values(v)) expect(x.annotation).toContain('S3 encryption disabled');
    },
  );

  it('S3Encryption with SSE-KMS: COMPLIANT under all four rules (the fixture is otherwise good)', async () => {
    // Act
    const v = await verdicts(sc('kms'));
    // Assess
    expect(Object.values(v).map((x) => x.compliance)).toEqual([
      'COMPLIANT',
      'COMPLIANT',
      'COMPLIANT',
      'COMPLIANT',
    ]);
  });
});
