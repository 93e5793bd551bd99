import { describe, expect, it } from 'vitest';
import type { CustomerManagedPolicy } from '../../functions/lookups/iam';
import { rule } from '../../functions/rules/glue-iam-job-vpc-restricted';
import type { ConfigurationItem } from '../../functions/runtime/types';
import { fixture } from '../support/config-events';
import { evaluateResource, ruleContext } from '../support/rule-context';

const policy = (statements: object[]): CustomerManagedPolicy => ({
  policyId: 'ANPAEXAMPLE000000002',
  policyName: 'etl-deployer',
  arn: 'arn:aws:iam::123456789012:policy/etl-deployer',
  document: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
});
const jobs = 'arn:aws:glue:us-east-1:123456789012:job/*';
const noLookups = {};
// biome-ignore lint/suspicious/noTemplateCurlyInString: IAM's escape for a literal asterisk, not a JS placeholder
const LITERAL_STAR = '${*}';

describe('Rule: glue-iam-job-vpc-restricted', () => {
  it('1. policy does not allow CreateJob or UpdateJob -> NOT_APPLICABLE', async () => {
    // Prepare
    const p = policy([
      { Effect: 'Allow', Action: ['glue:Get*', 'glue:StartJobRun'], Resource: '*' },
      { Effect: 'Deny', Action: 'glue:CreateJob', Resource: '*' },
    ]);
    // Act
    const v = await evaluateResource(rule, p, noLookups);
    // Assess
    expect(v).toEqual({
      compliance: 'NOT_APPLICABLE',
      annotation: `Policy 'etl-deployer' does not allow glue:CreateJob or glue:UpdateJob`,
    });
  });

  it('2. glue:CreateJob allowed without a network condition -> NON_COMPLIANT, statement named', async () => {
    // Prepare
    const p = policy([
      {
        Sid: 'Deploy',
        Effect: 'Allow',
        Action: 'glue:CreateJob',
        Resource: jobs,
        Condition: { StringEquals: { 'aws:RequestTag/team': 'ledger' } },
      },
    ]);
    // Act
    const v = await evaluateResource(rule, p, noLookups);
    // Assess
    expect(v).toEqual({
      compliance: 'NON_COMPLIANT',
      annotation: `Policy 'etl-deployer' allows glue:CreateJob/UpdateJob outside designated VPCs: Deploy: no glue:VpcIds/SubnetIds/SecurityGroupIds condition`,
      offenders: ['Deploy: no glue:VpcIds/SubnetIds/SecurityGroupIds condition'],
    });
  });

  it('3. glue:* with ForAnyValue:StringLike glue:VpcIds -> COMPLIANT', async () => {
    // Prepare
    const p = policy([
      {
        Effect: 'Allow',
        Action: 'glue:*',
        Resource: '*',
        Condition: { 'ForAnyValue:StringLike': { 'glue:VpcIds': ['vpc-0a1b2c3d4e5f60718'] } },
      },
    ]);
    // Act
    const v = await evaluateResource(rule, p, noLookups);
    // Assess
    expect(v).toEqual({
      compliance: 'COMPLIANT',
      annotation: `Policy 'etl-deployer' confines glue:CreateJob/UpdateJob to designated VPCs`,
    });
  });

  it('4. glue:Create* with glue:SubnetIds StringEquals -> COMPLIANT', async () => {
    // Prepare
    const p = policy([
      {
        Effect: 'Allow',
        Action: ['glue:Create*'],
        Resource: jobs,
        Condition: { 'ForAnyValue:StringEquals': { 'Glue:SubnetIds': ['subnet-0123456789abcdef0'] } },
      },
    ]);
    // Act
    const v = await evaluateResource(rule, p, noLookups);
    // Assess
    expect(v.compliance).toBe('COMPLIANT');
  });

  it('5. glue:UpdateJob with only IfExists or ForAllValues tests -> NON_COMPLIANT', async () => {
    // Prepare
    const p = policy([
      {
        Sid: 'IfExists',
        Effect: 'Allow',
        Action: 'glue:UpdateJob',
        Resource: jobs,
        Condition: { StringEqualsIfExists: { 'glue:VpcIds': 'vpc-0a1b2c3d4e5f60718' } },
      },
      {
        Sid: 'AllValues',
        Effect: 'Allow',
        Action: 'glue:UpdateJob',
        Resource: jobs,
        Condition: { 'ForAllValues:StringEquals': { 'glue:VpcIds': 'vpc-0a1b2c3d4e5f60718' } },
      },
      {
        Sid: 'AnyVpc',
        Effect: 'Allow',
        Action: 'glue:UpdateJob',
        Resource: jobs,
        Condition: { 'ForAnyValue:StringLike': { 'glue:VpcIds': '*' } },
      },
    ]);
    // Act
    const v = await evaluateResource(rule, p, noLookups);
    // Assess
    expect(v.compliance).toBe('NON_COMPLIANT');
    expect(v.offenders?.map((o) => o.split(':')[0])).toEqual(['IfExists', 'AllValues', 'AnyVpc']);
  });

  it('6. allowedVpcIds given, glue:VpcIds names a VPC outside it -> NON_COMPLIANT, VPC named', async () => {
    // Prepare
    const p = policy([
      {
        Sid: 'Deploy',
        Effect: 'Allow',
        Action: '*',
        Resource: '*',
        Condition: {
          'ForAnyValue:StringEquals': { 'glue:VpcIds': ['vpc-0a1b2c3d4e5f60718', 'vpc-0ffffffffffffffff'] },
        },
      },
      {
        Sid: 'BySubnet',
        Effect: 'Allow',
        Action: 'glue:CreateJob',
        Resource: '*',
        Condition: { 'ForAnyValue:StringEquals': { 'glue:SubnetIds': 'subnet-0123456789abcdef0' } },
      },
    ]);
    // Act
    const v = await evaluateResource(rule, p, noLookups, { allowedVpcIds: 'vpc-0a1b2c3d4e5f60718' });
    // Assess
    expect(v.compliance).toBe('NON_COMPLIANT');
    expect(v.offenders).toEqual([
      'Deploy: glue:VpcIds allows vpc-0ffffffffffffffff outside allowedVpcIds',
      'BySubnet: no glue:VpcIds condition (allowedVpcIds is set)',
    ]);
  });

  it('7. allowedVpcIds given, glue:VpcIds within it -> COMPLIANT', async () => {
    // Prepare
    const p = policy([
      {
        Effect: 'Allow',
        Action: ['glue:CreateJob', 'glue:UpdateJob'],
        Resource: jobs,
        Condition: { 'ForAnyValue:StringEquals': { 'glue:VpcIds': 'vpc-0a1b2c3d4e5f60718' } },
      },
    ]);
    // Act
    const v = await evaluateResource(rule, p, noLookups, {
      allowedVpcIds: 'vpc-0a1b2c3d4e5f60718,vpc-0123456789abcdef0',
    });
    // Assess
    expect(v.compliance).toBe('COMPLIANT');
  });

  it('8. a recorded AWS::IAM::Policy item -> judged on its default version', async () => {
    // Prepare: the default version only runs jobs; it does not create or update them.
    const item = fixture<ConfigurationItem>('iam-policy-configuration-item.json');
    // Act
    const v = await rule.evaluate(rule.fromConfigurationItem!(item), ruleContext(rule, noLookups) as never);
    // Assess
    expect(v).toEqual({
      compliance: 'NOT_APPLICABLE',
      annotation: `Policy 'ledger-etl-access' does not allow glue:CreateJob or glue:UpdateJob`,
    });
  });

  it('9. an invalid allowedVpcIds item -> error naming the parameter', () => {
    // Act / Assess
    expect(() => ruleContext(rule, noLookups, { allowedVpcIds: 'vpc-0a1b2c3d4e5f60718,subnet-1' })).toThrow(
      /Invalid rule parameter 'allowedVpcIds': "subnet-1" is not a valid VPC id/,
    );
  });

  it('10. a wildcard under StringLike (vpc-*, subnet-*, sg-*, vpc-?...) -> NON_COMPLIANT, pattern named', async () => {
    // Prepare: each of these matches every VPC, subnet or security group of its shape.
    const like = (sid: string, operator: string, key: string, values: string[]): object => ({
      Sid: sid,
      Effect: 'Allow',
      Action: 'glue:CreateJob',
      Resource: jobs,
      Condition: { [operator]: { [key]: values } },
    });
    const p = policy([
      like('AnyVpc', 'ForAnyValue:StringLike', 'glue:VpcIds', ['vpc-*']),
      like('AnySubnet', 'StringLike', 'glue:SubnetIds', ['subnet-*']),
      like('AnySg', 'ForAnyValue:StringLike', 'glue:SecurityGroupIds', ['sg-*']),
      like('NoDash', 'ForAnyValue:StringLike', 'glue:VpcIds', ['vpc*']),
      like('OneChar', 'ForAnyValue:StringLike', 'glue:VpcIds', [
        'vpc-0a1b2c3d4e5f6071?',
        'vpc-0a1b2c3d4e5f60718',
      ]),
    ]);
    // Act
    const v = await evaluateResource(rule, p, noLookups);
    // Assess
    expect(v.compliance).toBe('NON_COMPLIANT');
    expect(v.offenders).toEqual([
      'AnyVpc: wildcard glue:VpcIds vpc-* does not confine',
      'AnySubnet: wildcard glue:SubnetIds subnet-* does not confine',
      'AnySg: wildcard glue:SecurityGroupIds sg-* does not confine',
      'NoDash: wildcard glue:VpcIds vpc* does not confine',
      'OneChar: wildcard glue:VpcIds vpc-0a1b2c3d4e5f6071? does not confine',
    ]);
  });

  it('11. * or ? that are literal (StringEquals, or escaped under StringLike) -> COMPLIANT', async () => {
    // Prepare: StringEquals compares exactly, so "vpc-*" admits only a VPC of that id (none exists).
    const p = policy([
      {
        Effect: 'Allow',
        Action: 'glue:CreateJob',
        Resource: jobs,
        Condition: { 'ForAnyValue:StringEquals': { 'glue:VpcIds': 'vpc-*' } },
      },
      {
        Effect: 'Allow',
        Action: 'glue:UpdateJob',
        Resource: jobs,
        Condition: { 'ForAnyValue:StringLike': { 'glue:SubnetIds': `subnet-${LITERAL_STAR}` } },
      },
    ]);
    // Act
    const v = await evaluateResource(rule, p, noLookups);
    // Assess
    expect(v.compliance).toBe('COMPLIANT');
  });

  it('12. allowedVpcIds given, a wildcard glue:VpcIds value -> NON_COMPLIANT, never within the list', async () => {
    // Prepare
    const p = policy([
      {
        Sid: 'Prefix',
        Effect: 'Allow',
        Action: 'glue:CreateJob',
        Resource: jobs,
        Condition: {
          'ForAnyValue:StringLike': { 'glue:VpcIds': ['vpc-0a1b2c3d4e5f60718', 'vpc-0a1b*'] },
          'ForAnyValue:StringEquals': { 'glue:SubnetIds': 'subnet-0123456789abcdef0' },
        },
      },
      {
        Sid: 'Literal',
        Effect: 'Allow',
        Action: 'glue:UpdateJob',
        Resource: jobs,
        Condition: { 'ForAnyValue:StringEquals': { 'glue:VpcIds': 'vpc-*' } },
      },
    ]);
    // Act
    const v = await evaluateResource(rule, p, noLookups, { allowedVpcIds: 'vpc-0a1b2c3d4e5f60718' });
    // Assess
    expect(v.compliance).toBe('NON_COMPLIANT');
    expect(v.offenders).toEqual([
      'Prefix: glue:VpcIds allows vpc-0a1b* outside allowedVpcIds',
      'Literal: glue:VpcIds allows vpc-* outside allowedVpcIds',
    ]);
  });

  it('13. a network key pinned only by a policy variable -> NON_COMPLIANT', async () => {
    // Prepare
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a JS placeholder
    const own = '${aws:SourceVpc}';
    const p = policy([
      {
        Sid: 'Own',
        Effect: 'Allow',
        Action: 'glue:CreateJob',
        Resource: jobs,
        Condition: { 'ForAnyValue:StringEquals': { 'glue:VpcIds': own } },
      },
    ]);
    // Act
    const v = await evaluateResource(rule, p, noLookups);
    const listed = await evaluateResource(rule, p, noLookups, { allowedVpcIds: 'vpc-0a1b2c3d4e5f60718' });
    // Assess
    expect(v.offenders).toEqual([`Own: policy variable glue:VpcIds ${own} does not confine`]);
    expect(listed.compliance).toBe('NON_COMPLIANT');
  });
});
