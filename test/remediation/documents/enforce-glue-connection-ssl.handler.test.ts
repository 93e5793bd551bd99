import { type ConnectionInput, GetConnectionsCommand } from '@aws-sdk/client-glue';
import { EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import {
  DATABASE_CONNECTION_TYPES,
  enforcesSsl,
  sslProperty,
} from '../../../functions/rules/lib/connections';
import { useEmulator } from '../../emulator/context';
import { automationFields, resultOf, runHandler } from './support/handler';
import {
  createConnection,
  createKey,
  glue,
  jdbcInput,
  readConnection,
  SECRET_PASSWORD,
  without,
} from './support/seed';

const emulator = useEmulator();
const SCRIPT = 'EnforceGlueConnectionSsl';

function payload(names: string[] = []): Record<string, unknown> {
  return { CatalogId: emulator.accountId, ConnectionNames: names, ...automationFields(emulator) };
}

/** A typed connector defined by host, port and database, with a stored password and VPC placement. */
function typedInput(name: string, type: string, extra: Record<string, string> = {}): ConnectionInput {
  const { ConnectionProperties: _jdbc, ...rest } = jdbcInput(name);
  return {
    ...rest,
    ConnectionType: type as never,
    ConnectionProperties: {
      HOST: `${name}.internal`,
      PORT: '1521',
      DATABASE: name,
      USERNAME: 'etl_user',
      PASSWORD: SECRET_PASSWORD,
      ...extra,
    },
  };
}

async function seedEstate(): Promise<void> {
  await createConnection(emulator, jdbcInput('orders'));
  await createConnection(emulator, jdbcInput('ledger', { JDBC_ENFORCE_SSL: 'false' }));
  await createConnection(emulator, jdbcInput('secure', { JDBC_ENFORCE_SSL: 'true' }));
  await createConnection(emulator, {
    Name: 'events',
    ConnectionType: 'KAFKA',
    ConnectionProperties: { KAFKA_BOOTSTRAP_SERVERS: 'b-1.kafka.internal:9094' },
  });
}

describe('Script: enforce_glue_connection_ssl.py', () => {
  it('enforces SSL on every JDBC connection without it and keeps every other field, password included', async () => {
    // Prepare
    await seedEstate();
    const before = await readConnection(emulator, 'orders');

    // Act
    const run = await runHandler(emulator, SCRIPT, 'handler', payload());

    // Assess
    const result = resultOf(run);
    expect(result.outcome).toBe('REMEDIATED');
    expect(result.changes).toEqual([
      { field: 'connection/ledger.ConnectionProperties.JDBC_ENFORCE_SSL', before: 'false', after: 'true' },
      { field: 'connection/orders.ConnectionProperties.JDBC_ENFORCE_SSL', before: null, after: 'true' },
    ]);
    const after = await readConnection(emulator, 'orders');
    expect(after.ConnectionProperties).toEqual({ ...before.ConnectionProperties, JDBC_ENFORCE_SSL: 'true' });
    expect(after.ConnectionProperties?.PASSWORD).toBe(SECRET_PASSWORD);
    const ignored = ['ConnectionProperties', 'LastUpdatedTime'];
    expect(without(after, ...ignored)).toEqual(without(before, ...ignored));
    expect((await readConnection(emulator, 'events')).ConnectionProperties).toEqual({
      KAFKA_BOOTSTRAP_SERVERS: 'b-1.kafka.internal:9094',
    });
    expect(`${JSON.stringify(run)}`).not.toContain(SECRET_PASSWORD);
  });

  it('enforces SSL on typed database connections with the property the rule judges, every other field kept', async () => {
    // Prepare: MYSQL with a JDBC URL (JDBC_ENFORCE_SSL), ORACLE by host (ENFORCE_SSL), SNOWFLAKE (none)
    await createConnection(emulator, { ...jdbcInput('core-banking'), ConnectionType: 'MYSQL' as never });
    await createConnection(emulator, typedInput('payments', 'ORACLE', { ENFORCE_SSL: 'false' }));
    await createConnection(emulator, typedInput('warehouse', 'SNOWFLAKE'));
    const before = await Promise.all(
      ['core-banking', 'payments', 'warehouse'].map((n) => readConnection(emulator, n)),
    );

    // Act
    const run = await runHandler(emulator, SCRIPT, 'handler', payload());

    // Assess
    const result = resultOf(run);
    expect(result.changes).toEqual([
      { field: 'connection/core-banking.ConnectionProperties.JDBC_ENFORCE_SSL', before: null, after: 'true' },
      { field: 'connection/payments.ConnectionProperties.ENFORCE_SSL', before: 'false', after: 'true' },
    ]);
    expect(result.message).toBe(
      'SSL enforced on core-banking (JDBC_ENFORCE_SSL), payments (ENFORCE_SSL); no SSL property judged, left alone: warehouse',
    );
    const after = await Promise.all(
      ['core-banking', 'payments', 'warehouse'].map((n) => readConnection(emulator, n)),
    );
    expect(after[0]?.ConnectionProperties).toEqual({
      ...before[0]?.ConnectionProperties,
      JDBC_ENFORCE_SSL: 'true',
    });
    expect(after[1]?.ConnectionProperties).toEqual({
      ...before[1]?.ConnectionProperties,
      ENFORCE_SSL: 'true',
    });
    const ignored = ['ConnectionProperties', 'LastUpdatedTime'];
    for (const i of [0, 1]) expect(without(after[i]!, ...ignored)).toEqual(without(before[i]!, ...ignored));
    expect(after[2]).toEqual(before[2]);
    expect(JSON.stringify(run)).not.toContain(SECRET_PASSWORD);
  });

  it('fixes exactly the connections the rule flags, with the same property, on a connection of every type', async () => {
    // Prepare: every type defined by host and by JDBC URL, with the property each must get (literal:
    // AWS Glue connection properties, JDBC_ENFORCE_SSL for URL-defined database connections and JDBC,
    // ENFORCE_SSL for host-defined types whose TLS is optional; nothing for types no SSL rule judges)
    const J = 'JDBC_ENFORCE_SSL';
    const E = 'ENFORCE_SSL';
    const expected: Record<string, [host: string | undefined, url: string | undefined]> = {
      CLOUDERAHIVE: [E, J],
      CLOUDERAIMPALA: [E, J],
      DB2: [E, J],
      DB2AS400: [E, J],
      DOCUMENTDB: [E, J],
      MYSQL: [E, J],
      ORACLE: [E, J],
      POSTGRESQL: [E, J],
      REDSHIFT: [E, J],
      SAPHANA: [E, J],
      SQLSERVER: [E, J],
      TERADATA: [E, J],
      TERADATANOS: [E, J],
      VERTICA: [E, J],
      JDBC: [J, J],
      AZURESQL: [undefined, J],
      MONGODB: [undefined, J],
      SNOWFLAKE: [undefined, J],
      SYNAPSE: [undefined, J],
      KAFKA: [undefined, undefined],
      NETWORK: [undefined, undefined],
      SALESFORCE: [undefined, undefined],
      BIGQUERY: [undefined, undefined],
      DYNAMODB: [undefined, undefined],
    };
    expect(Object.keys(expected)).toEqual(expect.arrayContaining([...DATABASE_CONNECTION_TYPES]));
    const fields: string[] = [];
    for (const [type, [host, url]] of Object.entries(expected)) {
      const name = type.toLowerCase();
      await createConnection(emulator, typedInput(`${name}-host`, type));
      await createConnection(emulator, { ...jdbcInput(`${name}-url`), ConnectionType: type as never });
      if (host) fields.push(`connection/${name}-host.ConnectionProperties.${host}`);
      if (url) fields.push(`connection/${name}-url.ConnectionProperties.${url}`);
    }
    const listed = (await glue(emulator).send(new GetConnectionsCommand({ HidePassword: true })))
      .ConnectionList!;

    // Act
    const result = resultOf(await runHandler(emulator, SCRIPT, 'handler', payload()));
    const verified = await runHandler(emulator, SCRIPT, 'verify', payload());

    // Assess: the script and the rule each match the table
    expect(result.changes.map((c) => c.field).sort()).toEqual(fields.sort());
    expect(
      listed
        .filter((c) => sslProperty(c) !== undefined && !enforcesSsl(c))
        .map((c) => `connection/${c.Name}.ConnectionProperties.${sslProperty(c)}`)
        .sort(),
    ).toEqual(fields);
    expect(verified.ok).toBe(true);
  });

  it('sends back as PASSWORD a password Glue returns only encrypted, never exposing it', async () => {
    // Prepare
    const key = await createKey(emulator);
    const kms = new KMSClient(emulator.clientConfig);
    const blob = (await kms.send(new EncryptCommand({ KeyId: key, Plaintext: Buffer.from(SECRET_PASSWORD) })))
      .CiphertextBlob!;
    const encrypted = Buffer.from(blob).toString('base64');
    const input = jdbcInput('orders');
    const { PASSWORD: _plain, ...properties } = input.ConnectionProperties!;
    await createConnection(emulator, {
      ...input,
      ConnectionProperties: { ...properties, ENCRYPTED_PASSWORD: encrypted },
    });

    // Act
    const run = await runHandler(emulator, SCRIPT, 'handler', payload());

    // Assess
    expect(resultOf(run).outcome).toBe('REMEDIATED');
    expect((await readConnection(emulator, 'orders')).ConnectionProperties).toEqual({
      ...properties,
      PASSWORD: SECRET_PASSWORD,
      JDBC_ENFORCE_SSL: 'true',
    });
    expect(JSON.stringify(run)).not.toContain(SECRET_PASSWORD);
    expect(JSON.stringify(run)).not.toContain(encrypted);
  });

  it('leaves a connection unchanged when its encrypted password cannot be decrypted, reporting FAILED', async () => {
    // Prepare
    const input = jdbcInput('orders');
    const { PASSWORD: _plain, ...properties } = input.ConnectionProperties!;
    const encrypted = Buffer.from(`not a kms blob ${SECRET_PASSWORD}`).toString('base64');
    await createConnection(emulator, {
      ...input,
      ConnectionProperties: { ...properties, ENCRYPTED_PASSWORD: encrypted },
    });
    const before = await readConnection(emulator, 'orders');

    // Act
    const run = await runHandler(emulator, SCRIPT, 'handler', payload());

    // Assess
    expect(resultOf(run)).toMatchObject({
      outcome: 'FAILED',
      changes: [],
      failures: [{ resource: 'orders', error: expect.stringMatching(/^Updating connection orders failed/) }],
    });
    expect(await readConnection(emulator, 'orders')).toEqual(before);
    for (const text of [JSON.stringify(run), run.stderr]) {
      expect(text).not.toContain(SECRET_PASSWORD);
      expect(text).not.toContain(encrypted);
    }
  });

  it('keeps the Secrets Manager authentication (SecretArn) of a connection it writes back', async () => {
    // Prepare (credentials in Secrets Manager: no USERNAME or PASSWORD property)
    const secretArn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:warehouse-etl-AbCdEf';
    const { ConnectionProperties: _props, ...rest } = jdbcInput('vaulted');
    await createConnection(emulator, {
      ...rest,
      ConnectionProperties: { JDBC_CONNECTION_URL: 'jdbc:postgresql://db.internal:5432/vaulted' },
      AuthenticationConfiguration: { AuthenticationType: 'BASIC', SecretArn: secretArn },
    });

    // Act
    const result = resultOf(await runHandler(emulator, SCRIPT, 'handler', payload(['vaulted'])));

    // Assess
    expect(result.outcome).toBe('REMEDIATED');
    const after = await readConnection(emulator, 'vaulted');
    expect(after.AuthenticationConfiguration).toEqual({ AuthenticationType: 'BASIC', SecretArn: secretArn });
    expect(after.ConnectionProperties).toEqual({
      JDBC_CONNECTION_URL: 'jdbc:postgresql://db.internal:5432/vaulted',
      JDBC_ENFORCE_SSL: 'true',
    });
    expect(after.PhysicalConnectionRequirements).toEqual(rest.PhysicalConnectionRequirements);
  });

  it('changes only the named connections', async () => {
    // Prepare
    await seedEstate();

    // Act
    const result = resultOf(await runHandler(emulator, SCRIPT, 'handler', payload(['orders', 'events'])));

    // Assess
    expect(result.changes.map((c) => c.field)).toEqual([
      'connection/orders.ConnectionProperties.JDBC_ENFORCE_SSL',
    ]);
    expect(result.message).toContain('no SSL property judged, left alone: events');
    expect((await readConnection(emulator, 'ledger')).ConnectionProperties?.JDBC_ENFORCE_SSL).toBe('false');
  });

  it('reports NO_CHANGE on a second run', async () => {
    // Prepare
    await seedEstate();
    await runHandler(emulator, SCRIPT, 'handler', payload());

    // Act
    const result = resultOf(await runHandler(emulator, SCRIPT, 'handler', payload()));

    // Assess
    expect(result).toMatchObject({ outcome: 'NO_CHANGE', changes: [] });
    expect(result.message).toContain('All 3 database connections already enforce SSL');
  });

  it('fails clearly for a named connection that does not exist', async () => {
    // Prepare
    await seedEstate();

    // Act
    const run = await runHandler(emulator, SCRIPT, 'handler', payload(['missing']));

    // Assess
    expect(run.ok).toBe(false);
    expect(run.error).toContain(`Connection missing does not exist in catalog ${emulator.accountId}`);
  });

  it('verification names the database connections that still do not enforce SSL', async () => {
    // Prepare
    await seedEstate();

    // Act
    const run = await runHandler(emulator, SCRIPT, 'verify', payload());

    // Assess
    expect(run.ok).toBe(false);
    expect(run.error).toContain(
      'Database connections still without SSL enforced: ledger (JDBC_ENFORCE_SSL), orders (JDBC_ENFORCE_SSL)',
    );
  });
});
