import {
  type CustomerManagedPolicy,
  listCustomerManagedPolicies,
  policyFromConfigurationItem,
  policyResource,
} from '../lookups/iam';
import { describeOffenders } from '../runtime/evaluations';
import { defineRule } from '../runtime/rule';
import { Compliance, type Verdict } from '../runtime/types';
import { statementCoversAction } from './lib/iam-actions';
import {
  type ConditionEntry,
  conditionEntries,
  hasPolicyVariable,
  isWildcardValue,
  type NormalizedStatement,
  parsePolicy,
  statementLabel,
} from './lib/policy';
import { meta } from './meta/glue-iam-job-vpc-restricted';

export const JOB_ACTIONS = ['glue:CreateJob', 'glue:UpdateJob'] as const;
/** Glue condition keys that pin a job's network (inferred from its connections): lower case -> documented. */
const NETWORK_KEYS: Record<string, string> = {
  'glue:vpcids': 'glue:VpcIds',
  'glue:subnetids': 'glue:SubnetIds',
  'glue:securitygroupids': 'glue:SecurityGroupIds',
};
/** Operators that allow only the listed values. */
const POSITIVE = new Set(['stringequals', 'stringlike', 'stringequalsignorecase']);
/**
 * True when a network-key test allows only listed values, wildcards aside. Not confining: negated
 * operators, `...IfExists` and `ForAllValues:` (both pass a job without any connection: the key is
 * absent or empty).
 */
function positive(e: ConditionEntry): boolean {
  return (
    Object.hasOwn(NETWORK_KEYS, e.key) &&
    POSITIVE.has(e.baseOperator.toLowerCase()) &&
    !e.ifExists &&
    e.setQualifier !== 'ForAllValues' &&
    e.values.length > 0
  );
}

/** What is wrong with one Allow statement that grants CreateJob/UpdateJob, or undefined. */
function problem(s: NormalizedStatement, allowedVpcIds: readonly string[]): string | undefined {
  const tests = conditionEntries(s).filter(positive);
  // A StringLike pattern such as vpc-* or vpc-0a1b* admits VPCs nobody designated; a policy
  // variable is replaced by a value of the request, which is nobody's designation either.
  const confining = tests.filter((e) => !e.values.some((v) => isWildcardValue(e, v) || hasPolicyVariable(v)));
  if (confining.length === 0) {
    const patterns = tests.flatMap((e) =>
      e.values
        .filter((v) => isWildcardValue(e, v) || hasPolicyVariable(v))
        .map((v) => `${isWildcardValue(e, v) ? 'wildcard' : 'policy variable'} ${NETWORK_KEYS[e.key]} ${v}`),
    );
    return patterns.length > 0
      ? `${patterns.join(', ')} does not confine`
      : 'no glue:VpcIds/SubnetIds/SecurityGroupIds condition';
  }
  if (allowedVpcIds.length === 0) return undefined;
  const vpcTests = tests.filter((e) => e.key === 'glue:vpcids');
  if (vpcTests.length === 0) return 'no glue:VpcIds condition (allowedVpcIds is set)';
  // A pattern can never be proven to stay within the list, even if some VPC it matches is listed.
  const inList = (e: ConditionEntry, v: string): boolean =>
    !isWildcardValue(e, v) && !hasPolicyVariable(v) && allowedVpcIds.includes(v.trim());
  // ANDed tests: the statement is confined when at least one of them stays within the list.
  if (vpcTests.some((e) => e.values.every((v) => inList(e, v)))) return undefined;
  const outside = [...new Set(vpcTests.flatMap((e) => e.values.filter((v) => !inList(e, v))))];
  return `glue:VpcIds allows ${outside.join(',')} outside allowedVpcIds`;
}

/** The verdict for one customer managed policy's default version. */
export function judgeJobVpcRestriction(
  policy: CustomerManagedPolicy,
  allowedVpcIds: readonly string[],
): Verdict {
  if (policy.document === undefined) {
    throw new Error(`Policy '${policy.policyName}' has no default version document`);
  }
  const granting = parsePolicy(policy.document).statements.filter(
    (s) => s.effect === 'Allow' && JOB_ACTIONS.some((a) => statementCoversAction(s, a)),
  );
  if (granting.length === 0) {
    return {
      compliance: Compliance.NOT_APPLICABLE,
      annotation: `Policy '${policy.policyName}' does not allow glue:CreateJob or glue:UpdateJob`,
    };
  }
  const offenders: string[] = [];
  for (const s of granting) {
    const why = problem(s, allowedVpcIds);
    if (why) offenders.push(`${statementLabel(s)}: ${why}`);
  }
  if (offenders.length > 0) {
    return {
      compliance: Compliance.NON_COMPLIANT,
      annotation: describeOffenders(
        `Policy '${policy.policyName}' allows glue:CreateJob/UpdateJob outside designated VPCs`,
        offenders,
      ),
      offenders,
    };
  }
  return {
    compliance: Compliance.COMPLIANT,
    annotation: `Policy '${policy.policyName}' confines glue:CreateJob/UpdateJob to designated VPCs`,
  };
}

/**
 * Customer managed IAM policies that allow `glue:CreateJob` or `glue:UpdateJob` (named, or through
 * wildcards such as `glue:*`, `glue:Create*`, `*`, or NotAction) confine those statements with the
 * `glue:VpcIds`, `glue:SubnetIds` or `glue:SecurityGroupIds` condition keys, so jobs can only be
 * created to run in designated VPCs (AWS Glue security blog: the keys are inferred from the job's
 * connections). The restriction must sit on the Allow statement itself, as in AWS's guidance; a
 * `...IfExists` or `ForAllValues:` test does not confine (a job without connections passes it).
 * Wildcards are judged per operator: under `StringLike` a value holding `*` or `?` (`vpc-*`,
 * `subnet-*`, `vpc-0a1b?...`) is a pattern that admits undesignated networks, so it does not
 * confine; under `StringEquals`/`StringEqualsIgnoreCase` (and when escaped as `${*}`, `${?}`) the
 * characters are literal: the value names one id no network has, which admits nothing.
 * A value holding a policy variable (`${aws:SourceVpc}`) is replaced by the request's own value,
 * which designates nothing: it does not confine either.
 * With `allowedVpcIds`, a glue:VpcIds test must stay within that list; a pattern never provably does.
 * Reported per policy (AWS::IAM::Policy), change-triggered plus a daily sweep over one paged
 * GetAccountAuthorizationDetails (IAM is global: run the sweep in the region Config records it in).
 *
 * Scenarios:
 *  1. Policy does not allow CreateJob or UpdateJob                        -> NOT_APPLICABLE
 *  2. glue:CreateJob allowed without a network condition                  -> NON_COMPLIANT, statement named
 *  3. glue:* (wildcard) with ForAnyValue:StringLike glue:VpcIds           -> COMPLIANT
 *  4. glue:Create* with glue:SubnetIds StringEquals                       -> COMPLIANT
 *  5. glue:UpdateJob with only StringEqualsIfExists or ForAllValues       -> NON_COMPLIANT
 *  6. allowedVpcIds given, glue:VpcIds names a VPC outside it             -> NON_COMPLIANT, VPC named
 *  7. allowedVpcIds given, glue:VpcIds within it                          -> COMPLIANT
 *  8. Change-triggered: a recorded AWS::IAM::Policy item                  -> judged on the default version
 *  9. Invalid allowedVpcIds item                                          -> error naming the parameter
 * 10. A wildcard under StringLike (vpc-*, subnet-*, sg-*, vpc-0a1b?...)   -> NON_COMPLIANT, pattern named
 * 11. `*` or `?` that are literal (StringEquals, or escaped under Like)  -> COMPLIANT
 * 12. allowedVpcIds given, a wildcard or literal-`*` glue:VpcIds value   -> NON_COMPLIANT, never within
 * 13. A network key pinned only by a policy variable (${aws:SourceVpc})   -> NON_COMPLIANT
 */
export const rule = defineRule({
  ...meta,
  lookups: { policies: listCustomerManagedPolicies },
  fromConfigurationItem: policyFromConfigurationItem,
  async listResources({ lookups }) {
    return (await lookups.policies()).map(policyResource);
  },
  async evaluate(resource, { params }) {
    return judgeJobVpcRestriction(resource.configuration as CustomerManagedPolicy, params.allowedVpcIds);
  },
});
