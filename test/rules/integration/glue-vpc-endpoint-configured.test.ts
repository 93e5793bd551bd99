import { Logger } from '@aws-lambda-powertools/logger';
import {
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { CreateConnectionCommand, GlueClient } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { mintResultToken, readStoredEvaluations } from '../../../emulator/config-service';
import { rule } from '../../../functions/rules/glue-vpc-endpoint-configured';
import { toHandler } from '../../../functions/runtime/handler';
import { useEmulator } from '../../emulator/context';
import { emulatorAws } from '../../support/aws';
import { recordCalls } from '../../support/call-recorder';
import { scheduledEvent } from '../../support/config-events';

const emulator = useEmulator();
const logger = new Logger({ logLevel: 'SILENT' });

async function vpcWithSubnet(ec2: EC2Client, cidr: string): Promise<{ vpc: string; subnet: string }> {
  const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: `${cidr}.0.0/16` }))).Vpc?.VpcId as string;
  const subnet = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: `${cidr}.1.0/24` }))).Subnet
    ?.SubnetId as string;
  return { vpc, subnet };
}

async function jdbcConnection(glue: GlueClient, name: string, subnet: string): Promise<void> {
  await glue.send(
    new CreateConnectionCommand({
      ConnectionInput: {
        Name: name,
        ConnectionType: 'JDBC',
        ConnectionProperties: {
          JDBC_CONNECTION_URL: `jdbc:postgresql://${name}.internal:5432/db`,
          USERNAME: 'etl',
          PASSWORD: 'not-read-by-the-rule',
        },
        PhysicalConnectionRequirements: { SubnetId: subnet, SecurityGroupIdList: ['sg-0123456789abcdef0'] },
      },
    }),
  );
}

describe('Rule: glue-vpc-endpoint-configured on the emulator', () => {
  it('names the VPC without a Glue endpoint, then passes once it has one, with one call per listing', async () => {
    // Prepare
    const ec2 = new EC2Client(emulator.clientConfig);
    const glue = new GlueClient(emulator.clientConfig);
    const ledger = await vpcWithSubnet(ec2, '10.1');
    const cards = await vpcWithSubnet(ec2, '10.2');
    await jdbcConnection(glue, 'ledger-db', ledger.subnet);
    await jdbcConnection(glue, 'ledger-replica', ledger.subnet);
    await jdbcConnection(glue, 'cards-db', cards.subnet);
    const endpoint = (vpc: string, subnet: string, service = 'com.amazonaws.us-east-1.glue') =>
      ec2.send(
        new CreateVpcEndpointCommand({
          VpcId: vpc,
          ServiceName: service,
          VpcEndpointType: 'Interface',
          SubnetIds: [subnet],
          PrivateDnsEnabled: true,
        }),
      );
    await endpoint(ledger.vpc, ledger.subnet);
    await endpoint(cards.vpc, cards.subnet, 'com.amazonaws.us-east-1.s3');
    const aws = emulatorAws(emulator);
    const calls = recordCalls(aws, EC2Client);
    const handler = toHandler(rule, { aws, logger });
    const event = () => scheduledEvent({ configRuleName: rule.id, resultToken: mintResultToken(rule.id) });

    // Act
    const before = await handler(event());
    await endpoint(cards.vpc, cards.subnet);
    await handler(event());

    // Assess
    expect(before.run.verdicts[0]?.verdict).toEqual({
      compliance: 'NON_COMPLIANT',
      annotation: `VPCs hosting Glue connections without an available Glue interface endpoint with private DNS: ${cards.vpc} (cards-db)`,
      offenders: [`${cards.vpc} (cards-db)`],
    });
    expect(await readStoredEvaluations(emulator.endpoint, rule.id)).toMatchObject([
      {
        ComplianceResourceType: 'AWS::::Account',
        ComplianceResourceId: '123456789012',
        ComplianceType: 'COMPLIANT',
        Annotation: 'All 2 VPC(s) hosting Glue connections have a Glue interface endpoint',
      },
    ]);
    expect(calls.map((c) => c.command)).toEqual([
      'DescribeSubnetsCommand',
      'DescribeVpcEndpointsCommand',
      'DescribeSubnetsCommand',
      'DescribeVpcEndpointsCommand',
    ]);
    expect(calls[0]?.input).toMatchObject({
      Filters: [{ Name: 'subnet-id', Values: [ledger.subnet, cards.subnet].sort() }],
    });
  });
});
