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
const connections = (list: Connection[]) => ({ connections: async () => list });

describe('Rule: glue-connection-ssl-enforced', () => {
  it('1. no JDBC connections (other types are not judged) -> NOT_APPLICABLE', async () => {
    // Prepare
    const others: Connection[] = [
      { Name: 'kafka', ConnectionType: 'KAFKA', ConnectionProperties: { KAFKA_BOOTSTRAP_SERVERS: 'b:9094' } },
      { Name: 'net', ConnectionType: 'NETWORK', ConnectionProperties: {} },
    ];
    // Act
    const v = await evaluateAccount(rule, connections(others));
    // Assess
    expect(v).toEqual({
      compliance: 'NOT_APPLICABLE',
      annotation: 'No JDBC connections in this account and region',
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
    expect(v.annotation).toBe('2 of 3 JDBC connections do not enforce SSL: cards, risk');
    expect(v.offenders).toEqual(['cards', 'risk']);
  });

  it('3. every JDBC connection has JDBC_ENFORCE_SSL true -> COMPLIANT', async () => {
    // Act
    const v = await evaluateAccount(rule, connections([jdbc('ledger', 'true'), jdbc('cards', 'TRUE')]));
    // Assess
    expect(v).toEqual({ compliance: 'COMPLIANT', annotation: 'All 2 JDBC connections enforce SSL' });
  });

  it('4. many offenders -> annotation fits 256 characters, all in offenders', async () => {
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
