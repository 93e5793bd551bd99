import { defineRuleMeta, Frequency, Severity } from '../../runtime/meta';
import { list } from '../../runtime/parameters';
import { EQUIVALENTS, mappedFrom } from './frameworks';
import { IAM_POLICY_RESOURCE_TYPE } from './shared';

/** IAM policy names: 1-128 of `[\w+=,.@-]` (IAM API reference, CreatePolicy). */
export const POLICY_NAME = /^[\w+=,.@-]{1,128}$/;

/** The metadata of glue-iam-policy-least-privilege (evaluation: functions/rules/glue-iam-policy-least-privilege.ts). */
export const meta = defineRuleMeta({
  scope: 'resource',
  id: 'glue-iam-policy-least-privilege',
  description:
    'No customer managed IAM policy allows glue:* (or *) on all Glue resources ("*", arn:aws:glue:*:*:* and the like).',
  control: 'Identity and access: least privilege for Glue',
  severity: Severity.HIGH,
  resourceType: IAM_POLICY_RESOURCE_TYPE,
  resourceTypes: [IAM_POLICY_RESOURCE_TYPE],
  periodic: Frequency.TWENTY_FOUR_HOURS,
  parameters: {
    exemptPolicyNames: list('Customer managed policy names exempt from this rule (comma-separated)', {
      pattern: POLICY_NAME,
      itemName: 'IAM policy name',
    }),
  },
  iam: ['iam:GetAccountAuthorizationDetails'],
  frameworks: mappedFrom(EQUIVALENTS.IAM_21),
});
