import { EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../../emulator/context';
import { automationFields, resultOf, runHandler } from './support/handler';
import {
  createConnection,
  createKey,
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

  it('leaves a connection unchanged when its encrypted password cannot be decrypted', async () => {
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
    expect(run.ok).toBe(false);
    expect(run.error).toMatch(/^ConnectionUpdateError: Updating connection orders failed/);
    expect(await readConnection(emulator, 'orders')).toEqual(before);
    for (const text of [JSON.stringify(run), run.stderr]) {
      expect(text).not.toContain(SECRET_PASSWORD);
      expect(text).not.toContain(encrypted);
    }
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
    expect(result.message).toContain('not JDBC, left alone: events');
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
    expect(result.message).toContain('All 3 JDBC connections already enforce SSL');
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

  it('verification names the JDBC connections that still do not enforce SSL', async () => {
    // Prepare
    await seedEstate();

    // Act
    const run = await runHandler(emulator, SCRIPT, 'verify', payload());

    // Assess
    expect(run.ok).toBe(false);
    expect(run.error).toContain('JDBC_ENFORCE_SSL=true: ledger, orders');
  });
});
