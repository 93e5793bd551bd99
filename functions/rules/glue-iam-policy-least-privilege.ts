import {
  type CustomerManagedPolicy,
  listCustomerManagedPolicies,
  policyFromConfigurationItem,
  policyResource,
} from '../lookups/iam';
import { describeOffenders } from '../runtime/evaluations';
import { defineRule } from '../runtime/rule';
import { Compliance, type Verdict } from '../runtime/types';
import {
  coversAllServiceResources,
  coversWholeService,
  type ResourceScope,
  statementCoversAllResources,
  statementCoversService,
} from './lib/iam-actions';
import { accountIdOf, type NormalizedStatement, parsePolicy, statementLabel } from './lib/policy';
import { meta } from './meta/glue-iam-policy-least-privilege';

/** Glue resources of the policy's own partition and account (from its ARN; unknown: every partition). */
function glueScope(policyArn: string): ResourceScope {
  const partition = /^arn:(aws[a-z-]*):/.exec(policyArn)?.[1];
  const accountId = accountIdOf(policyArn);
  return { service: 'glue', ...(partition ? { partition } : {}), ...(accountId ? { accountId } : {}) };
}

/** Why a statement grants Glue wholesale, for the annotation (resources named unless plain "*"). */
function grantText(s: NormalizedStatement, scope: ResourceScope): string {
  const actions =
    s.notAction.length > 0
      ? `NotAction ${s.notAction.join(',')}`
      : `Action ${s.action.filter((p) => coversWholeService(p, 'glue')).join(',')}`;
  if (s.notResource.length > 0) return `${actions} on NotResource ${s.notResource.join(',')}`;
  const resources = s.resource.filter((p) => coversAllServiceResources(p, scope));
  return resources.every((p) => p.trim() === '*') ? actions : `${actions} on ${resources.join(',')}`;
}

/** The verdict for one customer managed policy's default version. */
export function judgeLeastPrivilege(policy: CustomerManagedPolicy): Verdict {
  if (policy.document === undefined) {
    throw new Error(`Policy '${policy.policyName}' has no default version document`);
  }
  const scope = glueScope(policy.arn);
  const wide = parsePolicy(policy.document).statements.filter(
    (s) => s.effect === 'Allow' && statementCoversAllResources(s, scope) && statementCoversService(s, 'glue'),
  );
  if (wide.length === 0) {
    return {
      compliance: Compliance.COMPLIANT,
      annotation: `Policy '${policy.policyName}' grants no glue:* (or *) on all resources`,
    };
  }
  const offenders = wide.map((s) => `${statementLabel(s)} (${grantText(s, scope)})`);
  return {
    compliance: Compliance.NON_COMPLIANT,
    annotation: describeOffenders(
      `Policy '${policy.policyName}' allows every Glue action on all Glue resources in statement(s)`,
      offenders,
    ),
    offenders,
  };
}

/**
 * No customer managed IAM policy allows every Glue action (`glue:*`, `*`, or an Allow with
 * `NotAction` that leaves Glue in) on every Glue resource: `Resource: "*"`, an ARN pattern that
 * matches every Glue ARN of an account (the policy's, the one it names, or any) in every region
 * (`arn:aws:glue:*:*:*`, also with a `/*` suffix, `arn:*:glue:*`, `arn:aws:glue:*:<account>:*`; in
 * aws, aws-cn or aws-us-gov, read from the policy's ARN), or a `NotResource` that does not exclude
 * all of Glue (everything but a few resources is still all).
 * One region (`arn:aws:glue:us-east-1:<account>:*`) or one resource type (`...:job/*`) is scoped.
 * Conditions do not excuse such a statement: least privilege names the actions and resources.
 * Reported per policy (AWS::IAM::Policy, resource id = the policy id), on every recorded change of
 * a policy and in a daily sweep that reads every customer managed policy with its default document
 * in ONE paged GetAccountAuthorizationDetails call (not a GetPolicyVersion per policy).
 * IAM is global and AWS Config records it in one region: run the sweep there.
 *
 * Scenarios:
 *  1. A statement allows glue:* on Resource "*"                           -> NON_COMPLIANT, statement named
 *  2. A statement allows "*" on "*" (no Sid: named by position)          -> NON_COMPLIANT, Statement[n]
 *  3. An Allow with NotAction that does not exclude Glue, on "*"          -> NON_COMPLIANT
 *  4. glue:* scoped to named resources, or named Glue actions on "*"      -> COMPLIANT
 *  5. glue:* on "*" only in a Deny statement                              -> COMPLIANT
 *  6. Policy named in exemptPolicyNames                                   -> NOT_APPLICABLE
 *  7. Change-triggered: a recorded AWS::IAM::Policy item (URL-encoded default version document,
 *     older versions ignored)                                             -> judged on the default version
 *  8. Invalid exemptPolicyNames item                                      -> error naming the parameter
 *  9. glue:* on an ARN pattern covering every Glue resource in every region
 *     (arn:aws:glue:*:*:*, arn:*:glue:*, .../*, own account)               -> NON_COMPLIANT, pattern named
 * 10. glue:* with a NotResource that leaves Glue resources in (another
 *     service's, or one job); one that excludes every Glue resource       -> NON_COMPLIANT; the latter not
 */
export const rule = defineRule({
  ...meta,
  lookups: { policies: listCustomerManagedPolicies },
  fromConfigurationItem: policyFromConfigurationItem,
  async listResources({ lookups }) {
    return (await lookups.policies()).map(policyResource);
  },
  async evaluate(resource, { params }) {
    const policy = resource.configuration as CustomerManagedPolicy;
    if (params.exemptPolicyNames.includes(policy.policyName)) {
      return {
        compliance: Compliance.NOT_APPLICABLE,
        annotation: `Policy '${policy.policyName}' is exempt (exemptPolicyNames)`,
      };
    }
    return judgeLeastPrivilege(policy);
  },
});
