import { defineRuleMeta, Frequency, Severity } from '../../runtime/meta';
import { bool } from '../../runtime/parameters';
import { EQUIVALENTS, mappedFrom } from './frameworks';

/** The metadata of glue-vpc-endpoint-configured (evaluation: functions/rules/glue-vpc-endpoint-configured.ts). */
export const meta = defineRuleMeta({
  scope: 'account',
  id: 'glue-vpc-endpoint-configured',
  description:
    'Every VPC hosting a Glue connection has an available interface VPC endpoint for the Glue API (PrivateLink).',
  control: 'Network isolation: private connectivity to the Glue API',
  severity: Severity.MEDIUM,
  periodic: Frequency.TWENTY_FOUR_HOURS,
  parameters: {
    requirePrivateDns: bool(
      true,
      'Require private DNS on the endpoint, so the default Glue host name resolves to it',
    ),
  },
  iam: ['glue:GetConnections', 'ec2:DescribeSubnets', 'ec2:DescribeVpcEndpoints'],
  frameworks: mappedFrom(EQUIVALENTS.EC2_10),
});
