import {
  CreateCrawlerCommand,
  CreateSecurityConfigurationCommand,
  type EncryptionConfiguration,
  GlueClient,
  type SecurityConfiguration,
} from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { rule } from '../../../functions/rules/glue-crawler-security-configuration-encrypted';
import { toHandler } from '../../../functions/runtime/handler';
import { mintResultToken, readStoredEvaluations } from '../../emulator/config-service';
import { useEmulator } from '../../emulator/context';
import { emulatorAws } from '../../support/aws';
import { recordCalls } from '../../support/call-recorder';
import { fixture, scheduledEvent } from '../../support/config-events';

const emulator = useEmulator();

/** The KMS-everywhere configuration of the fixture, with some targets switched off. */
function kmsEncryption(off: { logs?: boolean; bookmarks?: boolean } = {}): EncryptionConfiguration {
  const base = fixture<SecurityConfiguration>('glue-security-configuration-encrypted-kms.json')
    .EncryptionConfiguration!;
  return {
    ...base,
    ...(off.logs ? { CloudWatchEncryption: { CloudWatchEncryptionMode: 'DISABLED' } } : {}),
    ...(off.bookmarks ? { JobBookmarksEncryption: { JobBookmarksEncryptionMode: 'DISABLED' } } : {}),
  };
}
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

async function run() {
  const aws = emulatorAws(emulator);
  const calls = recordCalls(aws, GlueClient);
  await toHandler(rule, { aws })(
    scheduledEvent({ configRuleName: rule.id, resultToken: mintResultToken(rule.id) }),
  );
  return { calls, stored: await readStoredEvaluations(emulator.endpoint, rule.id) };
}

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
