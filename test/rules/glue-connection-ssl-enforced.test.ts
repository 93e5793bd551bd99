import type { Connection } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { rule } from '../../functions/rules/glue-connection-ssl-enforced';
import { evaluateAccount } from '../support/rule-context';

const jdbc = (name: string, ssl?: string): Connection => ({
  Name: name,
  ConnectionType: 'JDBC',
  ConnectionProperties: {
    JDBC_CONNECTION_URL: `jdbc:postgresql://${name}.example.internal:5432/db`,
    USERNAME: 'etl',
    ...(ssl === undefined ? {} : { JDBC_ENFORCE_SSL: ssl }),
  },
});
/** A typed connector defined by host, port and database, as Glue Studio creates them. */
const typed = (name: string, type: string, ssl?: string): Connection => ({
  Name: name,
  ConnectionType: type as never,
  ConnectionProperties: {
    HOST: `${name}.example.internal`,
    PORT: '1521',
    DATABASE: 'core',
    ...(ssl === undefined ? {} : { ENFORCE_SSL: ssl }),
  },
});
const connections = (list: Connection[]) => ({ connections: async () => list });

describe('Rule: glue-connection-ssl-enforced', () => {
  it('1. no database connection with an SSL setting (other types, always-encrypted services) -> NOT_APPLICABLE', async () => {
    // Prepare
    const others: Connection[] = [
      { Name: 'kafka', ConnectionType: 'KAFKA', ConnectionProperties: { KAFKA_BOOTSTRAP_SERVERS: 'b:9094' } },
      { Name: 'net', ConnectionType: 'NETWORK', ConnectionProperties: {} },
      typed('warehouse', 'SNOWFLAKE'),
      {
        Name: 'docs',
        ConnectionType: 'MONGODB',
        ConnectionProperties: { CONNECTION_URL: 'mongodb://d:27017/x' },
      },
    ];
    // Act
    const v = await evaluateAccount(rule, connections(others));
    // Assess
    expect(v).toEqual({
      compliance: 'NOT_APPLICABLE',
      annotation: 'No database connections with an SSL setting in this account and region',
    });
  });

  it('2. a JDBC connection without JDBC_ENFORCE_SSL, or set to false -> NON_COMPLIANT, named', async () => {
    // Act
    const v = await evaluateAccount(
      rule,
      connections([
        jdbc('ledger', 'true'),
        jdbc('cards'),
        jdbc('risk', 'false'),
        { Name: 'kafka', ConnectionType: 'KAFKA' },
      ]),
    );
    // Assess
    expect(v.compliance).toBe('NON_COMPLIANT');
    expect(v.annotation).toBe(
      '2 of 3 database connections do not enforce SSL: cards (JDBC_ENFORCE_SSL not true), risk (JDBC_ENFORCE_SSL not true)',
    );
    expect(v.offenders).toEqual(['cards (JDBC_ENFORCE_SSL not true)', 'risk (JDBC_ENFORCE_SSL not true)']);
  });

  it('3. a typed database connection with a JDBC URL and no JDBC_ENFORCE_SSL -> NON_COMPLIANT, named', async () => {
    // Prepare: the core-banking MySQL connection the JDBC-only rule used to skip
    const core: Connection = {
      Name: 'core-banking',
      ConnectionType: 'MYSQL',
      ConnectionProperties: {
        JDBC_CONNECTION_URL: 'jdbc:mysql://core.bank.internal:3306/core',
        USERNAME: 'etl',
      },
    };
    // Act
    const v = await evaluateAccount(rule, connections([core, jdbc('ledger', 'true')]));
    // Assess
    expect(v.compliance).toBe('NON_COMPLIANT');
    expect(v.offenders).toEqual(['core-banking (JDBC_ENFORCE_SSL not true)']);
  });

  it('4. a typed connection defined by host and port without ENFORCE_SSL true -> NON_COMPLIANT, named', async () => {
    // Act
    const v = await evaluateAccount(
      rule,
      connections([
        typed('payments', 'ORACLE'),
        typed('loans', 'POSTGRESQL', 'false'),
        typed('cards', 'SQLSERVER', 'true'),
        // JDBC_ENFORCE_SSL is not the switch of a typed connection without a JDBC URL
        { ...typed('risk', 'MYSQL'), ConnectionProperties: { HOST: 'h', JDBC_ENFORCE_SSL: 'true' } },
      ]),
    );
    // Assess
    expect(v.annotation).toBe(
      '3 of 4 database connections do not enforce SSL: loans (ENFORCE_SSL not true), payments (ENFORCE_SSL not true), risk (ENFORCE_SSL not true)',
    );
  });

  it('5. every judged connection has its SSL property true -> COMPLIANT', async () => {
    // Act
    const v = await evaluateAccount(
      rule,
      connections([
        jdbc('ledger', 'true'),
        jdbc('cards', 'TRUE'),
        typed('payments', 'ORACLE', 'true'),
        typed('warehouse', 'SNOWFLAKE'),
      ]),
    );
    // Assess
    expect(v).toEqual({ compliance: 'COMPLIANT', annotation: 'All 3 database connections enforce SSL' });
  });

  it('6. many offenders -> annotation fits 256 characters, all in offenders', async () => {
    // Prepare
    const many = Array.from({ length: 40 }, (_, i) =>
      jdbc(`warehouse-replica-${String(i).padStart(2, '0')}`),
    );
    // Act
    const v = await evaluateAccount(rule, connections(many));
    // Assess
    expect(v.annotation.length).toBeLessThanOrEqual(256);
    expect(v.annotation).toMatch(/and \d+ more$/);
    expect(v.offenders).toHaveLength(40);
  });
});
