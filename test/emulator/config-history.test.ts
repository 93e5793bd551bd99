import { ConfigServiceClient, GetResourceConfigHistoryCommand } from '@aws-sdk/client-config-service';
import { describe, expect, it } from 'vitest';
import { seedConfigurationItem } from '../../emulator/config-service';
import { useEmulator } from './context';

const emulator = useEmulator();
const config = new ConfigServiceClient(emulator.clientConfig);

async function seedJob(captureTime: string, glueVersion: string): Promise<void> {
  await seedConfigurationItem(emulator.endpoint, {
    resourceType: 'AWS::Glue::Job',
    resourceId: 'etl',
    resourceName: 'etl',
    arn: `arn:aws:glue:${emulator.region}:${emulator.accountId}:job/etl`,
    configurationItemCaptureTime: captureTime,
    configuration: { Name: 'etl', Command: { Name: 'glueetl' }, GlueVersion: glueVersion },
    supplementaryConfiguration: { Tags: { owner: 'data' } },
  });
}

describe('Config GetResourceConfigHistory', () => {
  it('returns the seeded item at or before laterTime in the API shape', async () => {
    // Prepare
    await seedJob('2026-01-01T00:00:00Z', '3.0');
    await seedJob('2026-02-01T00:00:00Z', '4.0');

    // Act
    const { configurationItems } = await config.send(
      new GetResourceConfigHistoryCommand({
        resourceType: 'AWS::Glue::Job',
        resourceId: 'etl',
        laterTime: new Date('2026-01-15T00:00:00Z'),
        limit: 1,
      }),
    );

    // Assess
    expect(configurationItems).toHaveLength(1);
    const item = configurationItems?.[0];
    expect(item).toMatchObject({
      resourceType: 'AWS::Glue::Job',
      resourceId: 'etl',
      accountId: emulator.accountId,
      awsRegion: emulator.region,
      configurationItemStatus: 'OK',
      configurationItemCaptureTime: new Date('2026-01-01T00:00:00Z'),
    });
    expect(typeof item?.configuration).toBe('string');
    expect(JSON.parse(item?.configuration ?? '{}')).toMatchObject({ GlueVersion: '3.0' });
    expect(JSON.parse(item?.supplementaryConfiguration?.Tags ?? '{}')).toEqual({ owner: 'data' });
  });

  it('returns the newest item first by default', async () => {
    // Prepare
    await seedJob('2026-01-01T00:00:00Z', '3.0');
    await seedJob('2026-02-01T00:00:00Z', '4.0');

    // Act
    const { configurationItems } = await config.send(
      new GetResourceConfigHistoryCommand({ resourceType: 'AWS::Glue::Job', resourceId: 'etl' }),
    );

    // Assess
    expect(configurationItems?.map((item) => JSON.parse(item.configuration ?? '{}').GlueVersion)).toEqual([
      '4.0',
      '3.0',
    ]);
  });

  it('answers ResourceNotDiscoveredException for a resource Config never recorded', async () => {
    // Act
    const history = config.send(
      new GetResourceConfigHistoryCommand({ resourceType: 'AWS::Glue::Job', resourceId: 'ghost' }),
    );

    // Assess
    await expect(history).rejects.toMatchObject({ name: 'ResourceNotDiscoveredException' });
  });
});
