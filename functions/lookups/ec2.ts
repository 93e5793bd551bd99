import {
  EC2Client,
  paginateDescribeSubnets,
  paginateDescribeVpcEndpoints,
  type VpcEndpoint,
} from '@aws-sdk/client-ec2';
import { defineLookup } from '../runtime/lookup';
import { distinctPages } from '../runtime/pages';

// EC2 accepts at most 200 values in one filter; estates with more subnets page in chunks.
const FILTER_VALUES_LIMIT = 200;

/**
 * The VPC of each subnet, by subnet id (DescribeSubnets with a `subnet-id` filter, paged). A
 * filter rather than `SubnetIds`, so one deleted subnet does not fail the whole call: ids that do
 * not exist are simply absent from the map.
 */
export const describeSubnetVpcs = defineLookup(
  'describeSubnetVpcs',
  ['ec2:DescribeSubnets'],
  async (aws, subnetIds: readonly string[]): Promise<Map<string, string>> => {
    const client = aws.client(EC2Client);
    const vpcBySubnet = new Map<string, string>();
    const ids = [...new Set(subnetIds)].sort();
    for (let i = 0; i < ids.length; i += FILTER_VALUES_LIMIT) {
      const Filters = [{ Name: 'subnet-id', Values: ids.slice(i, i + FILTER_VALUES_LIMIT) }];
      const pages = paginateDescribeSubnets({ client, pageSize: 1000 }, { Filters });
      for await (const out of distinctPages('ec2:DescribeSubnets', pages, (p) => p.NextToken)) {
        for (const s of out.Subnets ?? []) if (s.SubnetId && s.VpcId) vpcBySubnet.set(s.SubnetId, s.VpcId);
      }
    }
    return vpcBySubnet;
  },
);

/** The service names of the Glue API's PrivateLink endpoint in a region (China uses a `cn.` prefix). */
export function glueEndpointServiceNames(region: string): string[] {
  const names = [`com.amazonaws.${region}.glue`];
  if (region.startsWith('cn-')) names.push(`cn.com.amazonaws.${region}.glue`);
  return names;
}

/** Every VPC endpoint for the Glue API in this region (DescribeVpcEndpoints, service-name filter, paged). */
export const listGlueVpcEndpoints = defineLookup(
  'listGlueVpcEndpoints',
  ['ec2:DescribeVpcEndpoints'],
  async (aws): Promise<VpcEndpoint[]> => {
    const client = aws.client(EC2Client);
    const Filters = [{ Name: 'service-name', Values: glueEndpointServiceNames(aws.config.region) }];
    const endpoints: VpcEndpoint[] = [];
    const pages = paginateDescribeVpcEndpoints({ client, pageSize: 1000 }, { Filters });
    for await (const out of distinctPages('ec2:DescribeVpcEndpoints', pages, (p) => p.NextToken)) {
      endpoints.push(...(out.VpcEndpoints ?? []));
    }
    return endpoints;
  },
);
