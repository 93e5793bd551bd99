import type { VpcEndpoint } from '@aws-sdk/client-ec2';
import type { Connection } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { rule } from '../../functions/rules/glue-vpc-endpoint-configured';
import { evaluateAccount, ruleContext } from '../support/rule-context';

const conn = (name: string, subnet?: string): Connection => ({
  Name: name,
  ConnectionType: 'JDBC',
  ConnectionProperties: { JDBC_CONNECTION_URL: `jdbc:postgresql://${name}.internal:5432/db` },
  ...(subnet
    ? { PhysicalConnectionRequirements: { SubnetId: subnet, SecurityGroupIdList: ['sg-0a1'] } }
    : {}),
});
const endpoint = (vpc: string, o: Partial<VpcEndpoint> = {}): VpcEndpoint => ({
  VpcEndpointId: `vpce-${vpc.slice(4)}`,
  VpcEndpointType: 'Interface',
  VpcId: vpc,
  ServiceName: 'com.amazonaws.us-east-1.glue',
  // EC2 answers lower case (CLI examples) while the SDK enum is capitalised: both must work.
  State: 'available' as VpcEndpoint['State'],
  PrivateDnsEnabled: true,
  ...o,
});
const SUBNETS = new Map([
  ['subnet-a1', 'vpc-0aaa'],
  ['subnet-a2', 'vpc-0aaa'],
  ['subnet-b1', 'vpc-0bbb'],
]);

function lookups(connections: Connection[], endpoints: VpcEndpoint[]) {
  const asked: string[][] = [];
  return {
    asked,
    fakes: {
      connections: async () => connections,
      subnetVpcs: async (ids: string[]) => {
        asked.push(ids);
        return new Map([...SUBNETS].filter(([s]) => ids.includes(s)));
      },
      glueEndpoints: async () => endpoints,
    },
  };
}

describe('Rule: glue-vpc-endpoint-configured', () => {
  it('1. no connection has a subnet -> NOT_APPLICABLE', async () => {
    // Prepare
    const { fakes, asked } = lookups([conn('public-db'), { Name: 'kafka', ConnectionType: 'KAFKA' }], []);
    // Act
    const v = await evaluateAccount(rule, fakes);
    // Assess
    expect(v).toEqual({
      compliance: 'NOT_APPLICABLE',
      annotation: 'No Glue connection runs in a VPC subnet',
    });
    expect(asked).toEqual([]);
  });

  it('2. a VPC has no Glue endpoint, or one not available -> NON_COMPLIANT, VPC and connections named', async () => {
    // Prepare
    const { fakes, asked } = lookups(
      [conn('ledger', 'subnet-a1'), conn('cards', 'subnet-a2'), conn('risk', 'subnet-b1')],
      [
        endpoint('vpc-0bbb', { State: 'pending' as VpcEndpoint['State'] }),
        endpoint('vpc-0bbb', { VpcEndpointType: 'Gateway' }),
      ],
    );
    // Act
    const v = await evaluateAccount(rule, fakes);
    // Assess
    expect(v).toEqual({
      compliance: 'NON_COMPLIANT',
      annotation:
        'VPCs hosting Glue connections without an available Glue interface endpoint with private DNS: vpc-0aaa (cards, ledger), vpc-0bbb (risk)',
      offenders: ['vpc-0aaa (cards, ledger)', 'vpc-0bbb (risk)'],
    });
    expect(asked).toEqual([['subnet-a1', 'subnet-a2', 'subnet-b1']]);
  });

  it('3. a connection subnet no longer exists -> NON_COMPLIANT, subnet named', async () => {
    // Prepare
    const { fakes } = lookups(
      [conn('ledger', 'subnet-a1'), conn('old', 'subnet-gone')],
      [endpoint('vpc-0aaa')],
    );
    // Act
    const v = await evaluateAccount(rule, fakes);
    // Assess
    expect(v.compliance).toBe('NON_COMPLIANT');
    expect(v.offenders).toEqual(['subnet-gone (subnet not found: old)']);
  });

  it('4. private DNS disabled and requirePrivateDns true (default) -> NON_COMPLIANT', async () => {
    // Prepare
    const { fakes } = lookups(
      [conn('ledger', 'subnet-a1')],
      [endpoint('vpc-0aaa', { PrivateDnsEnabled: false })],
    );
    // Act
    const v = await evaluateAccount(rule, fakes);
    // Assess
    expect(v.compliance).toBe('NON_COMPLIANT');
    expect(v.offenders).toEqual(['vpc-0aaa (ledger)']);
  });

  it('5. private DNS disabled and requirePrivateDns false -> COMPLIANT', async () => {
    // Prepare
    const { fakes } = lookups(
      [conn('ledger', 'subnet-a1')],
      [endpoint('vpc-0aaa', { PrivateDnsEnabled: false })],
    );
    // Act
    const v = await evaluateAccount(rule, fakes, { requirePrivateDns: 'false' });
    // Assess
    expect(v).toEqual({
      compliance: 'COMPLIANT',
      annotation: 'All 1 VPC(s) hosting Glue connections have a Glue interface endpoint',
    });
  });

  it('6. every hosting VPC has an available interface Glue endpoint -> COMPLIANT', async () => {
    // Prepare
    const { fakes } = lookups(
      [conn('ledger', 'subnet-a1'), conn('cards', 'subnet-a2'), conn('risk', 'subnet-b1'), conn('public')],
      [endpoint('vpc-0aaa'), endpoint('vpc-0bbb', { State: 'Available' })],
    );
    // Act
    const v = await evaluateAccount(rule, fakes);
    // Assess
    expect(v).toEqual({
      compliance: 'COMPLIANT',
      annotation: 'All 2 VPC(s) hosting Glue connections have a Glue interface endpoint',
    });
  });

  it('7. an invalid requirePrivateDns -> error naming the parameter', () => {
    // Act / Assess
    expect(() => ruleContext(rule, {}, { requirePrivateDns: 'yes' })).toThrow(
      /Invalid rule parameter 'requirePrivateDns': expected true or false/,
    );
  });
});
