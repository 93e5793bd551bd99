import { describe, expect, it } from 'vitest';
import type { CustomerManagedPolicy } from '../../functions/lookups/iam';
import { judgeJobVpcRestriction } from '../../functions/rules/glue-iam-job-vpc-restricted';

// glue-iam-job-vpc-restricted: which network conditions confine a CreateJob grant, and how the
// offending values are named (issue 11: survivors of the mutation run), with literal expected values.

const policy = (condition: object): CustomerManagedPolicy => ({
  policyId: 'ANPAEXAMPLE000000002',
  policyName: 'deployer',
  arn: 'arn:aws:iam::123456789012:policy/deployer',
  document: JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Deploy', Effect: 'Allow', Action: 'glue:CreateJob', Resource: '*', Condition: condition },
    ],
  }),
});
const judge = (condition: object, allowed: string[] = []) =>
  judgeJobVpcRestriction(policy(condition), allowed);

describe('glue-iam-job-vpc-restricted: confining conditions', () => {
  it('does not count a network key tested against an empty list', () => {
    expect(judge({ StringEquals: { 'glue:VpcIds': [] } }).offenders).toEqual([
      'Deploy: no glue:VpcIds/SubnetIds/SecurityGroupIds condition',
    ]);
  });

  it('names every wildcard that does not confine, comma-separated', () => {
    expect(
      judge({ StringLike: { 'glue:VpcIds': 'vpc-*', 'glue:SubnetIds': 'subnet-0a*' } }).offenders,
    ).toEqual(['Deploy: wildcard glue:VpcIds vpc-*, wildcard glue:SubnetIds subnet-0a* does not confine']);
  });
});

describe('glue-iam-job-vpc-restricted: allowedVpcIds', () => {
  it('never counts a VpcIds pattern as in the list, even when the list holds the same text', () => {
    const v = judge(
      { StringEquals: { 'glue:SubnetIds': 'subnet-1' }, StringLike: { 'glue:VpcIds': 'vpc-1*' } },
      ['vpc-1', 'vpc-1*'],
    );
    expect(v.offenders).toEqual(['Deploy: glue:VpcIds allows vpc-1* outside allowedVpcIds']);
  });

  it('is confined when one of two ANDed VpcIds tests stays within the list', () => {
    const v = judge(
      { StringEquals: { 'glue:VpcIds': 'vpc-1' }, StringEqualsIgnoreCase: { 'glue:VpcIds': 'vpc-2' } },
      ['vpc-1'],
    );
    expect(v.compliance).toBe('COMPLIANT');
  });

  it('compares a VpcIds value with the list trimmed', () => {
    expect(judge({ StringEquals: { 'glue:VpcIds': ' vpc-1 ' } }, ['vpc-1'])).toEqual({
      compliance: 'COMPLIANT',
      annotation: "Policy 'deployer' confines glue:CreateJob/UpdateJob to designated VPCs",
    });
  });

  it('names every VpcIds value outside the list, comma-separated, each once', () => {
    const v = judge(
      {
        StringEquals: { 'glue:VpcIds': ['vpc-2', 'vpc-1', 'vpc-3'] },
        StringLike: { 'glue:VpcIds': ['vpc-3'] },
      },
      ['vpc-1'],
    );
    expect(v.offenders).toEqual(['Deploy: glue:VpcIds allows vpc-2,vpc-3 outside allowedVpcIds']);
  });

  it('refuses a policy without a default version document', () => {
    expect(() => judgeJobVpcRestriction({ ...policy({}), document: undefined }, [])).toThrow(
      "Policy 'deployer' has no default version document",
    );
  });
});
