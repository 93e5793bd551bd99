import { CreateCrawlerCommand, CreateSecurityConfigurationCommand, GlueClient } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { rule } from '../../../functions/rules/glue-crawler-security-configuration-encrypted';
import { useEmulator } from '../../emulator/context';
import { kmsEncryption } from '../../support/security-configurations';
import { sweepRule } from '../../support/sweep';

const emulator = useEmulator();

const ROLE = `arn:aws:iam::${emulator.accountId}:role/GlueCrawler`;

async function crawler(glue: GlueClient, Name: string, CrawlerSecurityConfiguration?: string): Promise<void> {
  await glue.send(
    new CreateCrawlerCommand({
      Name,
      Role: ROLE,
      Targets: { S3Targets: [{ Path: `s3://landing-zone/${Name}/` }] },
      ...(CrawlerSecurityConfiguration ? { CrawlerSecurityConfiguration } : {}),
    }),
  );
}

const run = () => sweepRule(emulator, rule, { record: [GlueClient] });

describe('Rule: glue-crawler-security-configuration-encrypted on the emulator', () => {
  it('is NOT_APPLICABLE without crawlers', async () => {
    // Act
    const { stored } = await run();

    // Assess
    expect(stored).toMatchObject([
      { ComplianceResourceType: 'AWS::::Account', ComplianceType: 'NOT_APPLICABLE' },
    ]);
  });

  it('names unencrypted crawlers with one listing of crawlers and one of configurations', async () => {
    // Prepare
    const glue = new GlueClient(emulator.clientConfig);
    await glue.send(
      new CreateSecurityConfigurationCommand({ Name: 'kms', EncryptionConfiguration: kmsEncryption() }),
    );
    await glue.send(
      new CreateSecurityConfigurationCommand({
        Name: 'no-logs',
        EncryptionConfiguration: kmsEncryption({ logs: true }),
      }),
    );
    await crawler(glue, 'trades', 'kms');
    await crawler(glue, 'positions', 'no-logs');
    await crawler(glue, 'raw');

    // Act
    const { stored, calls } = await run();

    // Assess
    expect(stored).toMatchObject([
      {
        ComplianceType: 'NON_COMPLIANT',
        Annotation:
          "2 of 3 crawlers not encrypted by their security configuration: positions ('no-logs': CloudWatch logs encryption disabled), raw (no security configuration)",
      },
    ]);
    expect(calls.map((c) => c.command).sort()).toEqual([
      'GetCrawlersCommand',
      'GetSecurityConfigurationsCommand',
    ]);
  });
});
