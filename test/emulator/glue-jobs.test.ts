import {
  CreateCrawlerCommand,
  CreateJobCommand,
  CreateSecurityConfigurationCommand,
  GetCrawlerCommand,
  GetJobCommand,
  GetJobsCommand,
  GetSecurityConfigurationsCommand,
  GetTagsCommand,
  GlueClient,
  StartCrawlerCommand,
  UpdateCrawlerCommand,
  UpdateJobCommand,
} from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { useEmulator } from './context';

const emulator = useEmulator();
const glue = new GlueClient(emulator.clientConfig);
const role = `arn:aws:iam::${emulator.accountId}:role/glue`;

async function createSparkJob(name: string): Promise<void> {
  await glue.send(
    new CreateJobCommand({
      Name: name,
      Role: role,
      Command: { Name: 'glueetl', ScriptLocation: 's3://scripts/etl.py' },
      DefaultArguments: { '--enable-metrics': 'true' },
      SecurityConfiguration: 'encrypted',
      GlueVersion: '4.0',
      Timeout: 60,
      Tags: { owner: 'data' },
    }),
  );
}

describe('Glue UpdateJob', () => {
  it('overwrites the definition: fields not in JobUpdate are reset, name and tags stay', async () => {
    // Prepare
    await createSparkJob('etl');
    const before = (await glue.send(new GetJobCommand({ JobName: 'etl' }))).Job;

    // Act
    const response = await glue.send(
      new UpdateJobCommand({
        JobName: 'etl',
        JobUpdate: { Role: role, Command: { Name: 'glueetl', ScriptLocation: 's3://scripts/etl.py' } },
      }),
    );
    const after = (await glue.send(new GetJobCommand({ JobName: 'etl' }))).Job;
    const { Tags } = await glue.send(
      new GetTagsCommand({ ResourceArn: `arn:aws:glue:${emulator.region}:${emulator.accountId}:job/etl` }),
    );

    // Assess
    expect(response.JobName).toBe('etl');
    expect(after).toMatchObject({ Name: 'etl', Role: role, Command: { Name: 'glueetl' } });
    // moto leaves server-side defaults unset, where AWS would report its own default values.
    expect(after?.Timeout).toBeUndefined();
    expect(after?.SecurityConfiguration).toBeUndefined();
    expect(after?.GlueVersion).toBeUndefined();
    expect(after?.DefaultArguments ?? {}).toEqual({});
    expect(after?.CreatedOn).toEqual(before?.CreatedOn);
    expect(Tags).toEqual({ owner: 'data' });
  });

  it('answers EntityNotFoundException for an unknown job', async () => {
    // Act
    const update = glue.send(new UpdateJobCommand({ JobName: 'missing', JobUpdate: { Role: role } }));

    // Assess
    await expect(update).rejects.toMatchObject({ name: 'EntityNotFoundException' });
  });

  it('reports the computed MaxCapacity of a worker-sized job and rejects it on a round trip', async () => {
    // Prepare
    await glue.send(
      new CreateJobCommand({
        Name: 'sized',
        Role: role,
        Command: { Name: 'glueetl' },
        GlueVersion: '4.0',
        WorkerType: 'G.2X',
        NumberOfWorkers: 5,
      }),
    );
    const { Job } = await glue.send(new GetJobCommand({ JobName: 'sized' }));

    // Act
    const roundTrip = glue.send(
      new UpdateJobCommand({
        JobName: 'sized',
        JobUpdate: {
          Role: Job?.Role,
          Command: Job?.Command,
          GlueVersion: Job?.GlueVersion,
          WorkerType: Job?.WorkerType,
          NumberOfWorkers: Job?.NumberOfWorkers,
          MaxCapacity: Job?.MaxCapacity,
        },
      }),
    );

    // Assess
    expect(Job?.MaxCapacity).toBe(10);
    await expect(roundTrip).rejects.toMatchObject({ name: 'InvalidInputException' });
  });
});

describe('Glue UpdateCrawler', () => {
  it('changes only the fields given', async () => {
    // Prepare
    await glue.send(
      new CreateCrawlerCommand({
        Name: 'crawl',
        Role: role,
        DatabaseName: 'raw',
        Targets: { S3Targets: [{ Path: 's3://lake/raw' }] },
        CrawlerSecurityConfiguration: 'old-config',
        Tags: { owner: 'data' },
      }),
    );

    // Act
    await glue.send(new UpdateCrawlerCommand({ Name: 'crawl', CrawlerSecurityConfiguration: 'new-config' }));
    const { Crawler } = await glue.send(new GetCrawlerCommand({ Name: 'crawl' }));

    // Assess
    expect(Crawler).toMatchObject({
      Name: 'crawl',
      Role: role,
      DatabaseName: 'raw',
      Targets: { S3Targets: [{ Path: 's3://lake/raw' }] },
      CrawlerSecurityConfiguration: 'new-config',
      Version: 2,
    });
  });

  it('refuses to update a running crawler and names unknown ones', async () => {
    // Prepare
    await glue.send(
      new CreateCrawlerCommand({ Name: 'busy', Role: role, Targets: { S3Targets: [{ Path: 's3://lake' }] } }),
    );
    await glue.send(new StartCrawlerCommand({ Name: 'busy' }));

    // Act
    const running = await glue
      .send(new UpdateCrawlerCommand({ Name: 'busy', Description: 'x' }))
      .catch((error: unknown) => error);
    const unknown = await glue
      .send(new UpdateCrawlerCommand({ Name: 'missing', Description: 'x' }))
      .catch((error: unknown) => error);

    // Assess
    expect(running).toMatchObject({ name: 'CrawlerRunningException' });
    expect(unknown).toMatchObject({ name: 'EntityNotFoundException' });
  });
});

describe('Glue paging', () => {
  it('pages GetSecurityConfigurations with MaxResults and NextToken', async () => {
    // Prepare
    for (const name of ['a', 'b', 'c']) {
      await glue.send(
        new CreateSecurityConfigurationCommand({
          Name: name,
          EncryptionConfiguration: { S3Encryption: [{ S3EncryptionMode: 'SSE-S3' }] },
        }),
      );
    }

    // Act
    const first = await glue.send(new GetSecurityConfigurationsCommand({ MaxResults: 2 }));
    const second = await glue.send(
      new GetSecurityConfigurationsCommand({ MaxResults: 2, NextToken: first.NextToken }),
    );

    // Assess
    expect(first.SecurityConfigurations?.map((item) => item.Name)).toEqual(['a', 'b']);
    expect(second.SecurityConfigurations?.map((item) => item.Name)).toEqual(['c']);
    expect(second.NextToken).toBeUndefined();
  });

  it('pages GetJobs with MaxResults and NextToken (moto already does)', async () => {
    // Prepare
    for (const name of ['j1', 'j2', 'j3']) await createSparkJob(name);

    // Act
    const first = await glue.send(new GetJobsCommand({ MaxResults: 2 }));
    const second = await glue.send(new GetJobsCommand({ MaxResults: 2, NextToken: first.NextToken }));

    // Assess
    expect(first.Jobs?.map((job) => job.Name)).toEqual(['j1', 'j2']);
    expect(second.Jobs?.map((job) => job.Name)).toEqual(['j3']);
    expect(second.NextToken).toBeUndefined();
  });
});
