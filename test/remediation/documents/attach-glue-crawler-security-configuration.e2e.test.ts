import { CreateCrawlerCommand, GetCrawlerCommand } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { rule } from '../../../functions/rules/glue-crawler-security-configuration-encrypted';
import { useEmulator } from '../../emulator/context';
import { evaluateRule, expectTwoResults, outcomeOf, resultInbox, runDocument } from './support/e2e';
import { createKey, createSecurityConfiguration, glue, without } from './support/seed';

const emulator = useEmulator();
const DOCUMENT = 'AttachGlueCrawlerSecurityConfiguration';

async function createCrawler(name: string, securityConfiguration?: string): Promise<void> {
  await glue(emulator).send(
    new CreateCrawlerCommand({
      Name: name,
      Role: 'arn:aws:iam::123456789012:role/GlueCrawlerRole',
      DatabaseName: 'raw',
      Targets: { S3Targets: [{ Path: `s3://landing/${name}/` }] },
      Schedule: 'cron(0 2 * * ? *)',
      ...(securityConfiguration ? { CrawlerSecurityConfiguration: securityConfiguration } : {}),
    }),
  );
}

async function readCrawler(name: string) {
  return (await glue(emulator).send(new GetCrawlerCommand({ Name: name }))).Crawler!;
}

describe(`Document: ${DOCUMENT}`, () => {
  it('attaches the configuration to every unencrypted crawler, satisfies the rule, then reports no change', async () => {
    // Prepare
    const inbox = await resultInbox(emulator);
    const key = await createKey(emulator);
    await createSecurityConfiguration(emulator, 'encrypted', key);
    await createSecurityConfiguration(emulator, 's3-managed', key, 'SSE-S3');
    await createCrawler('bare');
    await createCrawler('weak', 's3-managed');
    await createCrawler('fine', 'encrypted');
    const before = await Promise.all(['bare', 'weak', 'fine'].map(readCrawler));
    expect((await evaluateRule(emulator, rule))[0]?.ComplianceType).toBe('NON_COMPLIANT');
    const parameters = { AccountId: emulator.accountId, SecurityConfigurationName: 'encrypted' };

    // Act
    const first = await runDocument(emulator, DOCUMENT, inbox, parameters);
    const after = await Promise.all(['bare', 'weak', 'fine'].map(readCrawler));
    const evaluations = await evaluateRule(emulator, rule);
    const second = await runDocument(emulator, DOCUMENT, inbox, parameters);

    // Assess
    expect([first.AutomationExecutionStatus, outcomeOf(first)]).toEqual(['Success', 'REMEDIATED']);
    expect(after.map((c) => c.CrawlerSecurityConfiguration)).toEqual(['encrypted', 'encrypted', 'encrypted']);
    const changed = ['CrawlerSecurityConfiguration', 'LastUpdated', 'Version'];
    expect(after.map((c) => without(c, ...changed))).toEqual(before.map((c) => without(c, ...changed)));
    expect(after[2]).toEqual(before[2]);
    expect(evaluations.map((e) => [e.ComplianceResourceId, e.ComplianceType])).toEqual([
      [emulator.accountId, 'COMPLIANT'],
    ]);
    expect([second.AutomationExecutionStatus, outcomeOf(second)]).toEqual(['Success', 'NO_CHANGE']);
    const [result] = await expectTwoResults(inbox, {
      rule: rule.id,
      resourceType: 'AWS::::Account',
      document: DOCUMENT,
      resource: emulator.accountId,
    });
    expect(result.changes.map((c) => c.field)).toEqual([
      'crawler/bare.CrawlerSecurityConfiguration',
      'crawler/weak.CrawlerSecurityConfiguration',
    ]);
  });
});
