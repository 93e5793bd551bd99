import {
  CreateConnectionCommand,
  DeleteConnectionCommand,
  GetConnectionCommand,
  GetConnectionsCommand,
  GetTagsCommand,
  GlueClient,
  UpdateConnectionCommand,
} from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { useEmulator } from './context';

const emulator = useEmulator();
const glue = new GlueClient(emulator.clientConfig);
const arn = (name: string): string =>
  `arn:aws:glue:${emulator.region}:${emulator.accountId}:connection/${name}`;

async function createJdbcConnection(name: string): Promise<void> {
  await glue.send(
    new CreateConnectionCommand({
      ConnectionInput: {
        Name: name,
        ConnectionType: 'JDBC',
        Description: 'warehouse',
        MatchCriteria: ['finance'],
        ConnectionProperties: {
          JDBC_CONNECTION_URL: 'jdbc:postgresql://db:5432/x',
          USERNAME: 'etl',
          PASSWORD: 'plain-secret',
          ENCRYPTED_PASSWORD: 'cipher-text',
          JDBC_ENFORCE_SSL: 'true',
        },
        PhysicalConnectionRequirements: { SubnetId: 'subnet-1', SecurityGroupIdList: ['sg-1'] },
      },
      Tags: { owner: 'data' },
    }),
  );
}

describe('Glue GetConnection / GetConnections', () => {
  it('omits the password properties with HidePassword and returns the stored fields', async () => {
    // Prepare
    await createJdbcConnection('warehouse');

    // Act
    const { Connection } = await glue.send(
      new GetConnectionCommand({ Name: 'warehouse', HidePassword: true }),
    );

    // Assess
    expect(Connection).toMatchObject({
      Name: 'warehouse',
      ConnectionType: 'JDBC',
      Description: 'warehouse',
      MatchCriteria: ['finance'],
      PhysicalConnectionRequirements: { SubnetId: 'subnet-1', SecurityGroupIdList: ['sg-1'] },
      ConnectionProperties: { USERNAME: 'etl', JDBC_ENFORCE_SSL: 'true' },
    });
    expect(Connection?.ConnectionProperties).not.toHaveProperty('PASSWORD');
    expect(Connection?.ConnectionProperties).not.toHaveProperty('ENCRYPTED_PASSWORD');
    expect(Connection?.CreationTime).toBeInstanceOf(Date);
    expect(Connection?.LastUpdatedTime).toBeInstanceOf(Date);
  });

  it('returns the password when HidePassword is not set', async () => {
    // Prepare
    await createJdbcConnection('warehouse');

    // Act
    const { Connection } = await glue.send(new GetConnectionCommand({ Name: 'warehouse' }));

    // Assess
    expect(Connection?.ConnectionProperties?.PASSWORD).toBe('plain-secret');
  });

  it('hides passwords in GetConnections and filters by ConnectionType', async () => {
    // Prepare
    await createJdbcConnection('warehouse');
    await glue.send(
      new CreateConnectionCommand({
        ConnectionInput: { Name: 'net', ConnectionType: 'NETWORK', ConnectionProperties: {} },
      }),
    );

    // Act
    const { ConnectionList } = await glue.send(
      new GetConnectionsCommand({ HidePassword: true, Filter: { ConnectionType: 'JDBC' } }),
    );

    // Assess
    expect(ConnectionList?.map((connection) => connection.Name)).toEqual(['warehouse']);
    expect(ConnectionList?.[0]?.ConnectionType).toBe('JDBC');
    expect(ConnectionList?.[0]?.ConnectionProperties).not.toHaveProperty('PASSWORD');
  });
});

describe('Glue UpdateConnection / DeleteConnection', () => {
  it('replaces the whole definition: omitted fields are gone, tags survive', async () => {
    // Prepare
    await createJdbcConnection('warehouse');

    // Act
    await glue.send(
      new UpdateConnectionCommand({
        Name: 'warehouse',
        ConnectionInput: {
          Name: 'warehouse',
          ConnectionType: 'JDBC',
          ConnectionProperties: { JDBC_CONNECTION_URL: 'jdbc:postgresql://db:5432/y' },
        },
      }),
    );
    const { Connection } = await glue.send(new GetConnectionCommand({ Name: 'warehouse' }));
    const { Tags } = await glue.send(new GetTagsCommand({ ResourceArn: arn('warehouse') }));

    // Assess
    expect(Connection?.ConnectionProperties).toEqual({ JDBC_CONNECTION_URL: 'jdbc:postgresql://db:5432/y' });
    expect(Connection?.Description).toBeUndefined();
    expect(Connection?.MatchCriteria).toBeUndefined();
    expect(Connection?.PhysicalConnectionRequirements).toBeUndefined();
    expect(Tags).toEqual({ owner: 'data' });
  });

  it('rejects a ConnectionInput without its required members', async () => {
    // Prepare
    await createJdbcConnection('warehouse');

    // Act
    const update = glue.send(
      new UpdateConnectionCommand({
        Name: 'warehouse',
        ConnectionInput: { Name: 'warehouse', ConnectionProperties: {} } as never,
      }),
    );

    // Assess
    await expect(update).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('answers EntityNotFoundException for an unknown connection', async () => {
    // Act
    const update = await glue
      .send(
        new UpdateConnectionCommand({
          Name: 'missing',
          ConnectionInput: { Name: 'missing', ConnectionType: 'JDBC', ConnectionProperties: {} },
        }),
      )
      .catch((error: unknown) => error);
    const remove = await glue
      .send(new DeleteConnectionCommand({ ConnectionName: 'missing' }))
      .catch((error: unknown) => error);

    // Assess
    expect(update).toMatchObject({ name: 'EntityNotFoundException' });
    expect(remove).toMatchObject({ name: 'EntityNotFoundException' });
  });

  it('deletes a connection', async () => {
    // Prepare
    await createJdbcConnection('warehouse');

    // Act
    await glue.send(new DeleteConnectionCommand({ ConnectionName: 'warehouse' }));

    // Assess
    await expect(glue.send(new GetConnectionCommand({ Name: 'warehouse' }))).rejects.toMatchObject({
      name: 'EntityNotFoundException',
    });
  });
});
