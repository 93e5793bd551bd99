import type { Crawler, SecurityConfiguration } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { rule } from '../../functions/rules/glue-crawler-security-configuration-encrypted';
import { evaluateAccount } from '../support/rule-context';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1111aaaa-2222-bbbb-3333-cccc4444dddd';

function sc(name: string, s3 = 'SSE-KMS', cw = 'SSE-KMS'): SecurityConfiguration {
  return {
    Name: name,
    EncryptionConfiguration: {
      S3Encryption: [{ S3EncryptionMode: s3 as never, ...(s3 === 'SSE-KMS' ? { KmsKeyArn: KEY } : {}) }],
      CloudWatchEncryption: {
        CloudWatchEncryptionMode: cw as never,
        ...(cw === 'SSE-KMS' ? { KmsKeyArn: KEY } : {}),
      },
      // Crawlers keep no bookmarks: the rule must not ask for bookmark encryption.
      JobBookmarksEncryption: { JobBookmarksEncryptionMode: 'DISABLED' },
    },
  };
}
const crawler = (name: string, configuration?: string): Crawler => ({
  Name: name,
  Role: 'arn:aws:iam::123456789012:role/GlueCrawler',
  ...(configuration ? { CrawlerSecurityConfiguration: configuration } : {}),
});
function lookups(crawlers: Crawler[], configurations: SecurityConfiguration[]) {
  return {
    crawlers: async () => crawlers,
    securityConfigurations: async () => new Map(configurations.map((c) => [c.Name!, c])),
  };
}

describe('Rule: glue-crawler-security-configuration-encrypted', () => {
  it('1. no crawlers -> NOT_APPLICABLE', async () => {
    // Act
    const v = await evaluateAccount(rule, lookups([], [sc('kms')]));

    // Assess
    expect(v).toEqual({ compliance: 'NOT_APPLICABLE', annotation: 'No crawlers in this account and region' });
  });

  it('2. a crawler without a security configuration -> NON_COMPLIANT, named', async () => {
    // Act
    const v = await evaluateAccount(rule, lookups([crawler('raw-zone'), crawler('ok', 'kms')], [sc('kms')]));

    // Assess
    expect(v.annotation).toBe(
      '1 of 2 crawlers not encrypted by their security configuration: raw-zone (no security configuration)',
    );
  });

  it('3. a crawler naming a security configuration that does not exist -> NON_COMPLIANT, named', async () => {
    // Act
    const v = await evaluateAccount(rule, lookups([crawler('raw-zone', 'deleted')], [sc('kms')]));

    // Assess
    expect(v.offenders).toEqual(["raw-zone (security configuration 'deleted' does not exist)"]);
  });

  it('4. a crawler whose configuration leaves CloudWatch logs unencrypted -> NON_COMPLIANT, named', async () => {
    // Act
    const v = await evaluateAccount(
      rule,
      lookups([crawler('raw-zone', 'no-logs')], [sc('no-logs', 'SSE-KMS', 'DISABLED')]),
    );

    // Assess
    expect(v.offenders).toEqual(["raw-zone ('no-logs': CloudWatch logs encryption disabled)"]);
  });

  it('5. S3 with SSE-S3: non-compliant unless allowSseS3 is true', async () => {
    // Prepare
    const fakes = lookups([crawler('raw-zone', 's3-managed')], [sc('s3-managed', 'SSE-S3')]);

    // Act
    const strict = await evaluateAccount(rule, fakes);
    const lenient = await evaluateAccount(rule, fakes, { allowSseS3: 'true' });

    // Assess
    expect(strict.offenders).toEqual(["raw-zone ('s3-managed': S3 uses SSE-S3, not SSE-KMS)"]);
    expect(lenient.compliance).toBe('COMPLIANT');
  });

  it('6. every crawler: S3 SSE-KMS and CloudWatch SSE-KMS -> COMPLIANT', async () => {
    // Act
    const v = await evaluateAccount(rule, lookups([crawler('a', 'kms'), crawler('b', 'kms')], [sc('kms')]));

    // Assess
    expect(v).toEqual({
      compliance: 'COMPLIANT',
      annotation: 'All 2 crawlers encrypt S3 data and CloudWatch logs',
    });
  });

  it('7. many offenders -> annotation truncated, all in offenders', async () => {
    // Prepare
    const many = Array.from({ length: 30 }, (_, i) => crawler(`landing-zone-crawler-${i}`));

    // Act
    const v = await evaluateAccount(rule, lookups(many, []));

    // Assess
    expect(v.annotation.length).toBeLessThanOrEqual(256);
    expect(v.offenders).toHaveLength(30);
  });
});
