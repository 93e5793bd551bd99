import { CreateCrawlerCommand, GetCrawlerCommand } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../../emulator/context';
import { automationFields, resultOf, runHandler } from './support/handler';
import { createKey, createSecurityConfiguration, glue, without } from './support/seed';

const emulator = useEmulator();
const SCRIPT = 'AttachGlueCrawlerSecurityConfiguration';

function payload(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    AccountId: emulator.accountId,
    ExecutingAccountId: emulator.accountId,
    SecurityConfigurationName: 'encrypted',
    CrawlerNames: [],
    ExecutionId: automationFields(emulator).ExecutionId,
    Region: emulator.region,
    ...extra,
  };
}

async function createCrawler(name: string, securityConfiguration?: string): Promise<void> {
  await glue(emulator).send(
    new CreateCrawlerCommand({
      Name: name,
      Role: 'arn:aws:iam::123456789012:role/GlueCrawlerRole',
      DatabaseName: 'raw',
      Description: `crawls ${name}`,
      Targets: { S3Targets: [{ Path: `s3://landing/${name}/` }] },
      Schedule: 'cron(0 2 * * ? *)',
      TablePrefix: `${name}_`,
      SchemaChangePolicy: { UpdateBehavior: 'LOG', DeleteBehavior: 'LOG' },
      ...(securityConfiguration ? { CrawlerSecurityConfiguration: securityConfiguration } : {}),
    }),
  );
}

async function readCrawler(name: string) {
  return (await glue(emulator).send(new GetCrawlerCommand({ Name: name }))).Crawler!;
}

async function seedEstate(): Promise<void> {
  const key = await createKey(emulator);
  await createSecurityConfiguration(emulator, 'encrypted', key);
  await createSecurityConfiguration(emulator, 'also-encrypted', key);
  await createSecurityConfiguration(emulator, 's3-managed', key, 'SSE-S3');
  await createCrawler('bare');
  await createCrawler('weak', 's3-managed');
  await createCrawler('dangling', 'deleted-config');
  await createCrawler('fine', 'also-encrypted');
}

describe('Script: attach_glue_crawler_security_configuration.py', () => {
  it('attaches the configuration to every crawler without an encrypting one, and only those', async () => {
    // Prepare
    await seedEstate();
    const before = await readCrawler('bare');

    // Act
    const result = resultOf(await runHandler(emulator, SCRIPT, 'handler', payload()));

    // Assess
    expect(result).toMatchObject({ outcome: 'REMEDIATED', resource: emulator.accountId });
    expect(result.changes).toEqual([
      { field: 'crawler/bare.CrawlerSecurityConfiguration', before: null, after: 'encrypted' },
      {
        field: 'crawler/dangling.CrawlerSecurityConfiguration',
        before: 'deleted-config',
        after: 'encrypted',
      },
      { field: 'crawler/weak.CrawlerSecurityConfiguration', before: 's3-managed', after: 'encrypted' },
    ]);
    expect((await readCrawler('fine')).CrawlerSecurityConfiguration).toBe('also-encrypted');
    const ignored = ['CrawlerSecurityConfiguration', 'LastUpdated', 'Version'];
    expect(without(await readCrawler('bare'), ...ignored)).toEqual(without(before, ...ignored));
    expect((await runHandler(emulator, SCRIPT, 'verify', payload())).ok).toBe(true);
  });

  it('attaches the configuration to the named crawlers only', async () => {
    // Prepare
    await seedEstate();

    // Act
    const result = resultOf(
      await runHandler(emulator, SCRIPT, 'handler', payload({ CrawlerNames: ['fine'] })),
    );

    // Assess
    expect(result.changes).toEqual([
      { field: 'crawler/fine.CrawlerSecurityConfiguration', before: 'also-encrypted', after: 'encrypted' },
    ]);
    expect((await readCrawler('bare')).CrawlerSecurityConfiguration).toBeUndefined();
  });

  it('reports NO_CHANGE on a second run', async () => {
    // Prepare
    await seedEstate();
    await runHandler(emulator, SCRIPT, 'handler', payload());

    // Act
    const result = resultOf(await runHandler(emulator, SCRIPT, 'handler', payload()));

    // Assess
    expect(result).toMatchObject({ outcome: 'NO_CHANGE', changes: [] });
  });

  it('refuses a security configuration that does not encrypt S3 data with SSE-KMS', async () => {
    // Prepare
    await seedEstate();

    // Act
    const run = await runHandler(
      emulator,
      SCRIPT,
      'handler',
      payload({ SecurityConfigurationName: 's3-managed' }),
    );

    // Assess
    expect(run.ok).toBe(false);
    expect(run.error).toContain('Security configuration s3-managed cannot fix crawlers');
    expect((await readCrawler('bare')).CrawlerSecurityConfiguration).toBeUndefined();
  });

  it('accepts SSE-S3 configurations when AllowSseS3 is true, as the rule parameter does', async () => {
    // Prepare
    await seedEstate();

    // Act
    const result = resultOf(await runHandler(emulator, SCRIPT, 'handler', payload({ AllowSseS3: 'true' })));

    // Assess
    expect(result.changes.map((c) => c.field)).toEqual([
      'crawler/bare.CrawlerSecurityConfiguration',
      'crawler/dangling.CrawlerSecurityConfiguration',
    ]);
    expect((await readCrawler('weak')).CrawlerSecurityConfiguration).toBe('s3-managed');
  });

  it('refuses to run for another account than the one it runs in', async () => {
    // Prepare
    await seedEstate();

    // Act
    const run = await runHandler(emulator, SCRIPT, 'handler', payload({ AccountId: '111122223333' }));

    // Assess
    expect(run.error).toContain('AccountId 111122223333 is not the account this automation runs in');
  });
});
