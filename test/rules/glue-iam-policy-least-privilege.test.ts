import { describe, expect, it } from 'vitest';
import type { CustomerManagedPolicy } from '../../functions/lookups/iam';
import { rule } from '../../functions/rules/glue-iam-policy-least-privilege';
import type { ConfigurationItem } from '../../functions/runtime/types';
import { fixture } from '../support/config-events';
import { evaluateResource, ruleContext } from '../support/rule-context';

const policy = (statements: object[], name = 'etl-access'): CustomerManagedPolicy => ({
  policyId: 'ANPAEXAMPLE000000001',
  policyName: name,
  arn: `arn:aws:iam::123456789012:policy/${name}`,
  document: encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: statements })),
});
const noLookups = {};

describe('Rule: glue-iam-policy-least-privilege', () => {
  it('1. a statement allows glue:* on Resource "*" -> NON_COMPLIANT, statement named', async () => {
    // Prepare
    const p = policy([
      { Sid: 'ReadLogs', Effect: 'Allow', Action: 'logs:GetLogEvents', Resource: '*' },
      { Sid: 'GlueAdmin', Effect: 'Allow', Action: ['glue:GetJob', 'glue:*'], Resource: '*' },
    ]);
    // Act
    const v = await evaluateResource(rule, p, noLookups);
    // Assess
    expect(v).toEqual({
      compliance: 'NON_COMPLIANT',
      annotation: `Policy 'etl-access' allows every Glue action on all Glue resources in statement(s): GlueAdmin (Action glue:*)`,
      offenders: ['GlueAdmin (Action glue:*)'],
    });
  });

  it('2. a statement allows "*" on "*" (no Sid) -> NON_COMPLIANT, named by position', async () => {
    // Prepare
    const p = policy([
      { Effect: 'Allow', Action: 'glue:GetTable', Resource: 'arn:aws:glue:us-east-1:123456789012:table/a/b' },
      { Effect: 'Allow', Action: '*', Resource: ['*'] },
    ]);
    // Act
    const v = await evaluateResource(rule, p, noLookups);
    // Assess
    expect(v.compliance).toBe('NON_COMPLIANT');
    expect(v.offenders).toEqual(['Statement[1] (Action *)']);
  });

  it('3. an Allow with NotAction that does not exclude Glue, on "*" -> NON_COMPLIANT', async () => {
    // Prepare
    const p = policy([
      { Sid: 'AllButIam', Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' },
    ]);
    // Act
    const v = await evaluateResource(rule, p, noLookups);
    // Assess
    expect(v.compliance).toBe('NON_COMPLIANT');
    expect(v.offenders).toEqual(['AllButIam (NotAction iam:*,organizations:*)']);
  });

  it('4. glue:* on named resources, or named Glue actions on "*" -> COMPLIANT', async () => {
    // Prepare
    const p = policy([
      { Effect: 'Allow', Action: 'glue:*', Resource: 'arn:aws:glue:us-east-1:123456789012:job/ledger-*' },
      { Effect: 'Allow', Action: ['glue:Get*', 'glue:StartJobRun'], Resource: '*' },
      { Effect: 'Allow', NotAction: 'glue:*', Resource: 'arn:aws:s3:::ledger/*' },
    ]);
    // Act
    const v = await evaluateResource(rule, p, noLookups);
    // Assess
    expect(v).toEqual({
      compliance: 'COMPLIANT',
      annotation: `Policy 'etl-access' grants no glue:* (or *) on all resources`,
    });
  });

  it('5. glue:* on "*" only in a Deny statement -> COMPLIANT', async () => {
    // Prepare
    const p = policy([
      { Sid: 'NoGlue', Effect: 'Deny', Action: 'glue:*', Resource: '*' },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
    ]);
    // Act
    const v = await evaluateResource(rule, p, noLookups);
    // Assess
    expect(v.compliance).toBe('COMPLIANT');
  });

  it('6. a policy named in exemptPolicyNames -> NOT_APPLICABLE', async () => {
    // Prepare
    const p = policy([{ Effect: 'Allow', Action: '*', Resource: '*' }], 'break-glass-admin');
    // Act
    const v = await evaluateResource(rule, p, noLookups, { exemptPolicyNames: 'other, break-glass-admin' });
    // Assess
    expect(v).toEqual({
      compliance: 'NOT_APPLICABLE',
      annotation: `Policy 'break-glass-admin' is exempt (exemptPolicyNames)`,
    });
  });

  it('7. a recorded AWS::IAM::Policy item -> judged on its URL-encoded default version only', async () => {
    // Prepare: v1 (not default) allows glue:* on *, v2 (default) is scoped.
    const item = fixture<ConfigurationItem>('iam-policy-configuration-item.json');
    const resource = rule.fromConfigurationItem!(item);
    // Act
    const v = await rule.evaluate(resource, ruleContext(rule, noLookups) as never);
    // Assess
    expect(resource.resourceId).toBe('ANPAR7XK3EXAMPLE4QZ2M');
    expect(v).toEqual({
      compliance: 'COMPLIANT',
      annotation: `Policy 'ledger-etl-access' grants no glue:* (or *) on all resources`,
    });
  });

  it('8. an invalid exemptPolicyNames item -> error naming the parameter', () => {
    // Act / Assess
    expect(() => ruleContext(rule, noLookups, { exemptPolicyNames: 'ok-name, not a name!' })).toThrow(
      /Invalid rule parameter 'exemptPolicyNames': "not a name!" is not a valid IAM policy name/,
    );
  });

  it('9. glue:* on an ARN pattern covering every Glue resource (any region) -> NON_COMPLIANT, pattern named', async () => {
    // Prepare
    const glueStar = (Sid: string, Resource: string): object => ({
      Sid,
      Effect: 'Allow',
      Action: 'glue:*',
      Resource,
    });
    const p = policy([
      glueStar('AllGlue', 'arn:aws:glue:*:*:*'),
      glueStar('AnyPartition', 'arn:*:glue:*'),
      glueStar('AllPaths', 'arn:aws:glue:*:*:*/*'),
      glueStar('OwnAccount', 'arn:aws:glue:*:123456789012:*'),
      glueStar('OneRegion', 'arn:aws:glue:us-east-1:123456789012:*'),
      glueStar('JobsOnly', 'arn:aws:glue:*:*:job/*'),
    ]);
    // Act
    const v = await evaluateResource(rule, p, noLookups);
    // Assess
    expect(v.compliance).toBe('NON_COMPLIANT');
    expect(v.offenders).toEqual([
      'AllGlue (Action glue:* on arn:aws:glue:*:*:*)',
      'AnyPartition (Action glue:* on arn:*:glue:*)',
      'AllPaths (Action glue:* on arn:aws:glue:*:*:*/*)',
      'OwnAccount (Action glue:* on arn:aws:glue:*:123456789012:*)',
    ]);
  });

  it('10. glue:* with a NotResource that leaves Glue resources in -> NON_COMPLIANT; excluding all of Glue -> not', async () => {
    // Prepare
    const p = policy([
      { Sid: 'AllButVault', Effect: 'Allow', Action: 'glue:*', NotResource: 'arn:aws:s3:::vault/*' },
      {
        Sid: 'AllButPayroll',
        Effect: 'Allow',
        Action: 'glue:*',
        NotResource: 'arn:aws:glue:*:*:job/payroll',
      },
      {
        Sid: 'NoGlue',
        Effect: 'Allow',
        Action: '*',
        NotResource: ['arn:aws:glue:*:*:*', 'arn:aws:iam::*:*'],
      },
    ]);
    // Act
    const v = await evaluateResource(rule, p, noLookups);
    // Assess
    expect(v.compliance).toBe('NON_COMPLIANT');
    expect(v.offenders).toEqual([
      'AllButVault (Action glue:* on NotResource arn:aws:s3:::vault/*)',
      'AllButPayroll (Action glue:* on NotResource arn:aws:glue:*:*:job/payroll)',
    ]);
  });
});
