import { type ConnectionInput, CreateConnectionCommand, GlueClient } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { rule } from '../../../functions/rules/glue-connection-in-vpc';
import { useEmulator } from '../../emulator/context';
import { sweepRule } from '../../support/sweep';

const emulator = useEmulator();
const placed = {
  SubnetId: 'subnet-0a1b2c3d',
  SecurityGroupIdList: ['sg-0a1b2c3d'],
  AvailabilityZone: 'us-east-1a',
};

const run = async () => (await sweepRule(emulator, rule)).stored;

describe('Rule: glue-connection-in-vpc on the emulator', () => {
  it('is NOT_APPLICABLE without database or NETWORK connections', async () => {
    // Act
    const stored = await run();

    // Assess
    expect(stored).toMatchObject([
      { ComplianceResourceType: 'AWS::::Account', ComplianceType: 'NOT_APPLICABLE' },
    ]);
  });

  it('names the database and NETWORK connections, typed ones included, that are not placed in a VPC', async () => {
    // Prepare
    const glue = new GlueClient(emulator.clientConfig);
    const jdbcProps = {
      JDBC_CONNECTION_URL: 'jdbc:mysql://db.internal:3306/ledger',
      SECRET_ID: 'prod/ledger',
    };
    const inputs: ConnectionInput[] = [
      {
        Name: 'ledger',
        ConnectionType: 'JDBC',
        ConnectionProperties: jdbcProps,
        PhysicalConnectionRequirements: placed,
      },
      { Name: 'cards', ConnectionType: 'JDBC', ConnectionProperties: jdbcProps },
      {
        Name: 'egress',
        ConnectionType: 'NETWORK',
        ConnectionProperties: {},
        PhysicalConnectionRequirements: { SubnetId: 'subnet-0a1b2c3d', AvailabilityZone: 'us-east-1a' },
      },
      {
        Name: 'core-banking',
        ConnectionType: 'MYSQL' as never,
        ConnectionProperties: { HOST: 'core.internal', PORT: '3306', DATABASE: 'core' },
      },
      {
        Name: 'payments',
        ConnectionType: 'ORACLE' as never,
        ConnectionProperties: { HOST: 'payments.internal', PORT: '1521', DATABASE: 'pay' },
        PhysicalConnectionRequirements: placed,
      },
      {
        Name: 'events',
        ConnectionType: 'KAFKA',
        ConnectionProperties: { KAFKA_BOOTSTRAP_SERVERS: 'b-1:9094' },
      },
    ];
    for (const ConnectionInput of inputs) await glue.send(new CreateConnectionCommand({ ConnectionInput }));

    // Act
    const stored = await run();

    // Assess
    expect(stored).toMatchObject([
      {
        ComplianceType: 'NON_COMPLIANT',
        Annotation:
          '3 of 5 database/NETWORK connections not placed in a VPC: cards (no physical connection requirements), core-banking (no physical connection requirements), egress (no security group)',
      },
    ]);
  });
});
