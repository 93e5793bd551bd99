import { describe, expect, it } from 'vitest';
import type { CustomerManagedPolicy } from '../../functions/lookups/iam';
import { judgeLeastPrivilege } from '../../functions/rules/glue-iam-policy-least-privilege';

// glue-iam-policy-least-privilege: the partition read from the policy ARN and the text that names
// each offending statement (issue 11: survivors of the mutation run), with literal expected values.

const policy = (
  statements: object[],
  arn = 'arn:aws:iam::123456789012:policy/etl',
): CustomerManagedPolicy => ({
  policyId: 'ANPAEXAMPLE000000001',
  policyName: 'etl',
  arn,
  document: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
});
const allow = (o: object) => ({ Sid: 'S', Effect: 'Allow', ...o });

describe('glue-iam-policy-least-privilege: offender text', () => {
  it.each<[string, object, string]>([
    [
      'every whole-service action, comma-separated',
      { Action: ['glue:*', 'glue:GetJob', '*'], Resource: '*' },
      'S (Action glue:*,*)',
    ],
    [
      'every NotResource, comma-separated',
      { Action: 'glue:*', NotResource: ['arn:aws:s3:::a', 'arn:aws:s3:::b'] },
      'S (Action glue:* on NotResource arn:aws:s3:::a,arn:aws:s3:::b)',
    ],
    [
      'only the resources that cover all of Glue ("*" alone is not named)',
      { Action: 'glue:*', Resource: ['*', 'arn:aws:glue:us-east-1:123456789012:job/x'] },
      'S (Action glue:*)',
    ],
    [
      '" * " counts as "*" (not named)',
      { Action: 'glue:*', Resource: [' * ', 'arn:aws:glue:us-east-1:123456789012:job/x'] },
      'S (Action glue:*)',
    ],
    [
      '"*" named beside a Glue-wide pattern',
      { Action: 'glue:*', Resource: ['*', 'arn:aws:glue:*:*:*'] },
      'S (Action glue:* on *,arn:aws:glue:*:*:*)',
    ],
  ])('%s', (_, statement, offender) => {
    const v = judgeLeastPrivilege(policy([allow(statement)]));
    expect(v.compliance).toBe('NON_COMPLIANT');
    expect(v.offenders).toEqual([offender]);
  });
});

describe("glue-iam-policy-least-privilege: the policy's partition", () => {
  const wide = (partition: string) => [allow({ Action: 'glue:*', Resource: `arn:${partition}:glue:*:*:*` })];
  const compliant = {
    compliance: 'COMPLIANT',
    annotation: "Policy 'etl' grants no glue:* (or *) on all resources",
  };

  it('judges an aws-cn policy against aws-cn Glue resources only', () => {
    const cn = 'arn:aws-cn:iam::123456789012:policy/etl';
    expect(judgeLeastPrivilege(policy(wide('aws-cn'), cn)).offenders).toEqual([
      'S (Action glue:* on arn:aws-cn:glue:*:*:*)',
    ]);
    expect(judgeLeastPrivilege(policy(wide('aws'), cn))).toEqual(compliant);
  });

  it('reads no partition from an ARN that does not start with arn:aws (then any partition counts)', () => {
    const odd = 'ANPA:arn:aws:iam::123456789012:policy/etl';
    expect(judgeLeastPrivilege(policy(wide('aws-cn'), odd)).offenders).toEqual([
      'S (Action glue:* on arn:aws-cn:glue:*:*:*)',
    ]);
    expect(judgeLeastPrivilege(policy(wide('aws-us-gov'), 'not an arn')).compliance).toBe('NON_COMPLIANT');
  });

  it('refuses a policy without a default version document', () => {
    expect(() => judgeLeastPrivilege({ ...policy([]), document: undefined })).toThrow(
      "Policy 'etl' has no default version document",
    );
  });
});
