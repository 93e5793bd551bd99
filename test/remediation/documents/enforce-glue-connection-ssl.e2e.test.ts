import { describe, expect, it } from 'vitest';
import { rule } from '../../../functions/rules/glue-connection-ssl-enforced';
import { useEmulator } from '../../emulator/context';
import { evaluateRule, expectTwoResults, outcomeOf, resultInbox, runDocument } from './support/e2e';
import { createConnection, jdbcInput, readConnection, without } from './support/seed';

const emulator = useEmulator();
const DOCUMENT = 'EnforceGlueConnectionSsl';
const KAFKA = {
  Name: 'events',
  ConnectionType: 'KAFKA' as const,
  ConnectionProperties: { KAFKA_BOOTSTRAP_SERVERS: 'b-1.kafka.internal:9094' },
};

describe(`Document: ${DOCUMENT}`, () => {
  it('enforces SSL on every database connection the rule flags, keeps every other field, satisfies the rule, then reports no change', async () => {
    // Prepare
    const inbox = await resultInbox(emulator);
    await createConnection(emulator, jdbcInput('orders'));
    await createConnection(emulator, {
      ...jdbcInput('ledger', { JDBC_ENFORCE_SSL: 'false' }),
      ConnectionProperties: {
        JDBC_CONNECTION_URL: 'jdbc:mysql://ledger.internal:3306/ledger',
        SECRET_ID: 'prod/ledger',
        JDBC_ENFORCE_SSL: 'false',
      },
    });
    await createConnection(emulator, KAFKA);
    // Typed connectors: MYSQL with a JDBC URL takes JDBC_ENFORCE_SSL, ORACLE by host takes ENFORCE_SSL
    await createConnection(emulator, { ...jdbcInput('core-banking'), ConnectionType: 'MYSQL' as never });
    const { ConnectionProperties: _url, ...oracle } = jdbcInput('payments');
    await createConnection(emulator, {
      ...oracle,
      ConnectionType: 'ORACLE' as never,
      ConnectionProperties: {
        HOST: 'payments.internal',
        PORT: '1521',
        DATABASE: 'pay',
        SECRET_ID: 'prod/pay',
      },
    });
    const names = ['orders', 'ledger', 'events', 'core-banking', 'payments'];
    const before = await Promise.all(names.map((n) => readConnection(emulator, n)));
    expect((await evaluateRule(emulator, rule))[0]?.ComplianceType).toBe('NON_COMPLIANT');
    const parameters = { CatalogId: emulator.accountId };

    // Act
    const first = await runDocument(emulator, DOCUMENT, inbox, parameters);
    const after = await Promise.all(names.map((n) => readConnection(emulator, n)));
    const evaluations = await evaluateRule(emulator, rule);
    const second = await runDocument(emulator, DOCUMENT, inbox, parameters);

    // Assess
    expect([first.AutomationExecutionStatus, outcomeOf(first)]).toEqual(['Success', 'REMEDIATED']);
    const ignored = ['ConnectionProperties', 'LastUpdatedTime'];
    for (const [i, connection] of after.slice(0, 2).entries()) {
      expect(connection.ConnectionProperties).toEqual({
        ...before[i]?.ConnectionProperties,
        JDBC_ENFORCE_SSL: 'true',
      });
      expect(without(connection, ...ignored)).toEqual(without(before[i]!, ...ignored));
    }
    expect(after[2]).toEqual(before[2]);
    expect(after[3]?.ConnectionProperties).toEqual({
      ...before[3]?.ConnectionProperties,
      JDBC_ENFORCE_SSL: 'true',
    });
    expect(after[4]?.ConnectionProperties).toEqual({
      ...before[4]?.ConnectionProperties,
      ENFORCE_SSL: 'true',
    });
    for (const i of [3, 4]) expect(without(after[i]!, ...ignored)).toEqual(without(before[i]!, ...ignored));
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
    expect(result.changes).toEqual([
      { field: 'connection/core-banking.ConnectionProperties.JDBC_ENFORCE_SSL', before: null, after: 'true' },
      { field: 'connection/ledger.ConnectionProperties.JDBC_ENFORCE_SSL', before: 'false', after: 'true' },
      { field: 'connection/orders.ConnectionProperties.JDBC_ENFORCE_SSL', before: null, after: 'true' },
      { field: 'connection/payments.ConnectionProperties.ENFORCE_SSL', before: null, after: 'true' },
    ]);
  });

  it('changes only the named connections', async () => {
    // Prepare
    const inbox = await resultInbox(emulator);
    await createConnection(emulator, jdbcInput('orders'));
    await createConnection(emulator, jdbcInput('ledger'));

    // Act
    const run = await runDocument(emulator, DOCUMENT, inbox, {
      CatalogId: emulator.accountId,
      ConnectionNames: ['orders'],
    });

    // Assess
    expect(run.AutomationExecutionStatus).toBe('Success');
    expect((await readConnection(emulator, 'orders')).ConnectionProperties?.JDBC_ENFORCE_SSL).toBe('true');
    expect((await readConnection(emulator, 'ledger')).ConnectionProperties?.JDBC_ENFORCE_SSL).toBeUndefined();
  });
});
