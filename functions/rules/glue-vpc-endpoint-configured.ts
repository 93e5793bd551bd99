import type { Connection } from '@aws-sdk/client-glue';
import { describeSubnetVpcs, listGlueVpcEndpoints } from '../lookups/ec2';
import { listConnections } from '../lookups/glue';
import { describeOffenders } from '../runtime/evaluations';
import { defineRule } from '../runtime/rule';
import { Compliance } from '../runtime/types';
import { meta } from './meta/glue-vpc-endpoint-configured';

/**
 * Every VPC that hosts a Glue connection (the VPC of the connection's
 * PhysicalConnectionRequirements.SubnetId) has an available interface VPC endpoint for the Glue
 * API (`com.amazonaws.<region>.glue`), so Glue API traffic from the VPC stays on the AWS network
 * (PrivateLink). With `requirePrivateDns` (default), the endpoint must have private DNS enabled:
 * without it, jobs calling the public Glue host name still leave the VPC. Connections are not
 * recorded by AWS Config: the rule is periodic against the account and names the offending VPCs
 * with their connections. Calls per sweep: one paged GetConnections, one DescribeSubnets for all
 * subnet ids (a `subnet-id` filter, 200 ids a page), one paged DescribeVpcEndpoints filtered on
 * the Glue service name.
 *
 * Scenarios:
 *  1. No connection has a subnet                                          -> NOT_APPLICABLE
 *  2. A connection's VPC has no Glue endpoint (or only one not available) -> NON_COMPLIANT, VPC and connections named
 *  3. A connection's subnet no longer exists                              -> NON_COMPLIANT, subnet named
 *  4. The endpoint has private DNS disabled and requirePrivateDns is true -> NON_COMPLIANT
 *  5. The same with requirePrivateDns false                               -> COMPLIANT
 *  6. Every hosting VPC has an available interface Glue endpoint          -> COMPLIANT
 *  7. Invalid requirePrivateDns                                           -> error naming the parameter
 */
export const rule = defineRule({
  ...meta,
  lookups: {
    connections: listConnections,
    subnetVpcs: describeSubnetVpcs,
    glueEndpoints: listGlueVpcEndpoints,
  },
  async evaluate({ params, lookups, accountId }) {
    const bySubnet = new Map<string, string[]>();
    for (const c of (await lookups.connections(accountId)) as Connection[]) {
      const subnet = c.PhysicalConnectionRequirements?.SubnetId;
      if (subnet) bySubnet.set(subnet, [...(bySubnet.get(subnet) ?? []), c.Name ?? '(unnamed)']);
    }
    if (bySubnet.size === 0) {
      return { compliance: Compliance.NOT_APPLICABLE, annotation: 'No Glue connection runs in a VPC subnet' };
    }
    const vpcOf = await lookups.subnetVpcs([...bySubnet.keys()].sort());
    const byVpc = new Map<string, string[]>();
    const offenders: string[] = [];
    for (const [subnet, names] of bySubnet) {
      const vpc = vpcOf.get(subnet);
      if (vpc) byVpc.set(vpc, [...(byVpc.get(vpc) ?? []), ...names]);
      else offenders.push(`${subnet} (subnet not found: ${names.sort().join(', ')})`);
    }
    const good = new Set(
      (await lookups.glueEndpoints())
        .filter(
          (e) =>
            e.VpcEndpointType === 'Interface' &&
            // EC2 answers `available` although the SDK enum spells `Available`.
            e.State?.toLowerCase() === 'available' &&
            (!params.requirePrivateDns || e.PrivateDnsEnabled === true),
        )
        .map((e) => e.VpcId),
    );
    for (const [vpc, names] of [...byVpc].sort(([a], [b]) => a.localeCompare(b))) {
      if (!good.has(vpc)) offenders.push(`${vpc} (${names.sort().join(', ')})`);
    }
    if (offenders.length > 0) {
      const need = params.requirePrivateDns
        ? 'an available Glue interface endpoint with private DNS'
        : 'an available Glue interface endpoint';
      return {
        compliance: Compliance.NON_COMPLIANT,
        annotation: describeOffenders(`VPCs hosting Glue connections without ${need}`, offenders),
        offenders,
      };
    }
    return {
      compliance: Compliance.COMPLIANT,
      annotation: `All ${byVpc.size} VPC(s) hosting Glue connections have a Glue interface endpoint`,
    };
  },
});
