import type { Connection, PhysicalConnectionRequirements } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { rule } from '../../functions/rules/glue-connection-in-vpc';
import { evaluateAccount } from '../support/rule-context';

const placed: PhysicalConnectionRequirements = {
  SubnetId: 'subnet-0a1b2c3d',
  SecurityGroupIdList: ['sg-0a1b2c3d'],
  AvailabilityZone: 'us-east-1a',
};
const jdbc = (name: string, req?: PhysicalConnectionRequirements): Connection => ({
  Name: name,
  ConnectionType: 'JDBC',
  ConnectionProperties: { JDBC_CONNECTION_URL: 'jdbc:mysql://db.internal:3306/ledger' },
  ...(req ? { PhysicalConnectionRequirements: req } : {}),
});
const network = (name: string, req?: PhysicalConnectionRequirements): Connection => ({
  Name: name,
  ConnectionType: 'NETWORK',
  ConnectionProperties: {},
  ...(req ? { PhysicalConnectionRequirements: req } : {}),
});
const typed = (name: string, type: string, req?: PhysicalConnectionRequirements): Connection => ({
  Name: name,
  ConnectionType: type as never,
  ConnectionProperties: { HOST: `${name}.bank.internal`, PORT: '3306', DATABASE: 'core' },
  ...(req ? { PhysicalConnectionRequirements: req } : {}),
});
const connections = (list: Connection[]) => ({ connections: async () => list });

describe('Rule: glue-connection-in-vpc', () => {
  it('1. no database or NETWORK connections -> NOT_APPLICABLE', async () => {
    // Act
    const v = await evaluateAccount(
      rule,
      connections([
        { Name: 'events', ConnectionType: 'KAFKA' },
        { Name: 'crm', ConnectionType: 'SALESFORCE' },
      ]),
    );

    // Assess
    expect(v).toEqual({
      compliance: 'NOT_APPLICABLE',
      annotation: 'No database or NETWORK connections in this account and region',
    });
  });

  it('2. a database or NETWORK connection without physical connection requirements -> NON_COMPLIANT, named', async () => {
    // Act
    const v = await evaluateAccount(
      rule,
      connections([jdbc('ledger'), network('egress'), jdbc('ok', placed)]),
    );

    // Assess
    expect(v.compliance).toBe('NON_COMPLIANT');
    expect(v.offenders).toEqual([
      'egress (no physical connection requirements)',
      'ledger (no physical connection requirements)',
    ]);
  });

  it('3. a connection with a subnet but no security group -> NON_COMPLIANT, named', async () => {
    // Act
    const v = await evaluateAccount(
      rule,
      connections([jdbc('ledger', { SubnetId: 'subnet-0a1b2c3d', SecurityGroupIdList: [] })]),
    );

    // Assess
    expect(v.annotation).toBe(
      '1 of 1 database/NETWORK connections not placed in a VPC: ledger (no security group)',
    );
  });

  it('4. a connection with security groups but no subnet -> NON_COMPLIANT, named', async () => {
    // Act
    const v = await evaluateAccount(
      rule,
      connections([network('egress', { SecurityGroupIdList: ['sg-1'] })]),
    );

    // Assess
    expect(v.offenders).toEqual(['egress (no subnet)']);
  });

  it('5. a typed database connection (MYSQL, ORACLE, ...) outside a VPC -> NON_COMPLIANT, named', async () => {
    // Act
    const v = await evaluateAccount(
      rule,
      connections([
        typed('core-banking', 'MYSQL'),
        typed('payments', 'ORACLE', { SubnetId: 'subnet-0a1b2c3d' }),
        typed('cards', 'SQLSERVER', placed),
      ]),
    );

    // Assess
    expect(v.offenders).toEqual([
      'core-banking (no physical connection requirements)',
      'payments (no security group)',
    ]);
  });

  it('6. every database and NETWORK connection has a subnet and a security group -> COMPLIANT', async () => {
    // Act
    const v = await evaluateAccount(
      rule,
      connections([
        jdbc('ledger', placed),
        network('egress', placed),
        typed('core-banking', 'MYSQL', placed),
        { Name: 'events', ConnectionType: 'KAFKA' },
      ]),
    );

    // Assess
    expect(v).toEqual({
      compliance: 'COMPLIANT',
      annotation: 'All 3 database/NETWORK connections have a subnet and security groups',
    });
  });

  it('7. many offenders -> annotation truncated, all in offenders', async () => {
    // Prepare
    const many = Array.from({ length: 30 }, (_, i) => jdbc(`warehouse-connection-${i}`));

    // Act
    const v = await evaluateAccount(rule, connections(many));

    // Assess
    expect(v.annotation.length).toBeLessThanOrEqual(256);
    expect(v.offenders).toHaveLength(30);
  });
});
