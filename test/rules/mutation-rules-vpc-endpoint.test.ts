import type { VpcEndpoint } from '@aws-sdk/client-ec2';
import type { Connection, SecurityConfiguration } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { rule as securityConfigurations } from '../../functions/rules/glue-security-configuration-encrypted';
import { rule as endpoints } from '../../functions/rules/glue-vpc-endpoint-configured';
import { evaluateAccount } from '../support/rule-context';

// glue-vpc-endpoint-configured and glue-security-configuration-encrypted: order of what is asked
// and named, unnamed connections, endpoints without a State (issue 11: survivors of the mutation
// run), with literal expected values.

const conn = (subnet: string, name?: string): Connection => ({
  ...(name ? { Name: name } : {}),
  ConnectionType: 'JDBC',
  PhysicalConnectionRequirements: { SubnetId: subnet, SecurityGroupIdList: ['sg-1'] },
});

function fakes(connections: Connection[], vpcs: Record<string, string>, glueEndpoints: VpcEndpoint[] = []) {
  const asked: string[][] = [];
  return {
    asked,
    lookups: {
      connections: async () => connections,
      subnetVpcs: async (ids: string[]) => {
        asked.push(ids);
        return new Map(Object.entries(vpcs).filter(([s]) => ids.includes(s)));
      },
      glueEndpoints: async () => glueEndpoints,
    },
  };
}

describe('glue-vpc-endpoint-configured: order and names', () => {
  it('asks for the subnets sorted and names VPCs, then their connections, sorted', async () => {
    const f = fakes(
      [conn('subnet-b', 'zeta'), conn('subnet-a', 'beta'), conn('subnet-b', 'alpha'), conn('subnet-a')],
      { 'subnet-a': 'vpc-1', 'subnet-b': 'vpc-2' },
    );
    const v = await evaluateAccount(endpoints, f.lookups, { requirePrivateDns: 'false' });
    expect(f.asked).toEqual([['subnet-a', 'subnet-b']]);
    const offenders = ['vpc-1 ((unnamed), beta)', 'vpc-2 (alpha, zeta)'];
    expect(v).toEqual({
      compliance: 'NON_COMPLIANT',
      annotation: `VPCs hosting Glue connections without an available Glue interface endpoint: ${offenders.join(', ')}`,
      offenders,
    });
  });

  it('names the connections of a subnet that no longer exists, sorted', async () => {
    const f = fakes([conn('subnet-gone', 'zeta'), conn('subnet-gone', 'alpha')], {});
    expect((await evaluateAccount(endpoints, f.lookups)).offenders).toEqual([
      'subnet-gone (subnet not found: alpha, zeta)',
    ]);
  });

  it('does not count an endpoint without a State as available', async () => {
    const f = fakes([conn('subnet-a', 'db')], { 'subnet-a': 'vpc-1' }, [
      { VpcEndpointType: 'Interface', VpcId: 'vpc-1', PrivateDnsEnabled: true },
    ]);
    expect((await evaluateAccount(endpoints, f.lookups)).offenders).toEqual(['vpc-1 (db)']);
  });
});

describe('glue-security-configuration-encrypted: order and the empty account', () => {
  it('says there is nothing to judge', async () => {
    expect(
      await evaluateAccount(securityConfigurations, { securityConfigurations: async () => new Map() }),
    ).toEqual({
      compliance: 'NOT_APPLICABLE',
      annotation: 'No security configurations in this account and region',
    });
  });

  it('names offending configurations sorted by name, whatever order they are listed in', async () => {
    const list: SecurityConfiguration[] = ['gamma', 'alpha', 'beta'].map((Name) => ({
      Name,
      EncryptionConfiguration: {},
    }));
    const v = await evaluateAccount(securityConfigurations, {
      securityConfigurations: async () => new Map(list.map((c) => [c.Name as string, c])),
    });
    expect(v.offenders?.map((o) => o.split(' ')[0])).toEqual(['alpha', 'beta', 'gamma']);
  });
});
