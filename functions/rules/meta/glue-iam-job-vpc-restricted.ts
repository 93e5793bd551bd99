import { defineRuleMeta, Frequency, Severity } from '../../runtime/meta';
import { list } from '../../runtime/parameters';
import { IAM_POLICY_RESOURCE_TYPE } from './shared';

export const VPC_ID = /^vpc-[0-9a-f]{8,17}$/;

/** The metadata of glue-iam-job-vpc-restricted (evaluation: functions/rules/glue-iam-job-vpc-restricted.ts). */
export const meta = defineRuleMeta({
  scope: 'resource',
  id: 'glue-iam-job-vpc-restricted',
  description:
    'Customer managed IAM policies allowing glue:CreateJob/UpdateJob confine them with glue:VpcIds, SubnetIds or SecurityGroupIds.',
  control: 'Network isolation: Glue jobs only in designated VPCs',
  severity: Severity.MEDIUM,
  resourceType: IAM_POLICY_RESOURCE_TYPE,
  resourceTypes: [IAM_POLICY_RESOURCE_TYPE],
  periodic: Frequency.TWENTY_FOUR_HOURS,
  parameters: {
    allowedVpcIds: list(
      'Designated VPC ids (comma-separated); glue:VpcIds conditions must stay within them',
      {
        pattern: VPC_ID,
        itemName: 'VPC id',
      },
    ),
  },
  iam: ['iam:GetAccountAuthorizationDetails'],
});
