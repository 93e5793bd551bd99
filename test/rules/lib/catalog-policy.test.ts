import { describe, expect, it } from 'vitest';
import { catalogPolicyFindings, isRestricting } from '../../../functions/rules/lib/catalog-policy';
import { type ConditionEntry, parseOperator, parsePolicy } from '../../../functions/rules/lib/policy';

const OWN = '123456789012';
const entry = (operator: string, key: string, ...values: string[]): ConditionEntry => ({
  ...parseOperator(operator),
  key: key.toLowerCase(),
  values,
});

describe('lib/catalog-policy', () => {
  it('accepts fixed values of the restricting keys', () => {
    // Act / Assess
    expect(isRestricting(entry('StringEquals', 'aws:PrincipalOrgID', 'o-a1b2c3d4e5'))).toBe(true);
    expect(
      isRestricting(entry('ForAnyValue:StringLike', 'aws:PrincipalOrgPaths', 'o-a1b2c3d4e5/r-ab12/*')),
    ).toBe(true);
    expect(isRestricting(entry('ArnLike', 'aws:PrincipalArn', `arn:aws:iam::${OWN}:role/*`))).toBe(true);
    expect(isRestricting(entry('ArnEquals', 'aws:SourceArn', 'arn:aws:s3:::ledger-exports'))).toBe(true);
    expect(isRestricting(entry('IpAddress', 'aws:SourceIp', '10.20.0.0/16'))).toBe(true);
  });

  it('rejects wildcards, wide ranges, other operators and keys that say nothing about who calls', () => {
    // Act / Assess
    expect(isRestricting(entry('StringLike', 'aws:SourceVpce', 'vpce-*'))).toBe(false);
    expect(isRestricting(entry('StringLike', 'aws:PrincipalOrgPaths', 'o-*/r-ab12/*'))).toBe(false);
    expect(isRestricting(entry('ArnLike', 'aws:SourceArn', 'arn:aws:s3:::*'))).toBe(false);
    expect(isRestricting(entry('IpAddress', 'aws:SourceIp', '0.0.0.0/1'))).toBe(false);
    expect(isRestricting(entry('NotIpAddress', 'aws:SourceIp', '10.0.0.0/8'))).toBe(false);
    expect(isRestricting(entry('StringEquals', 'aws:RequestedRegion', 'eu-west-1'))).toBe(false);
    expect(isRestricting(entry('StringEquals', 'aws:PrincipalOrgID'))).toBe(false);
  });

  it('treats an S3 source ARN as a resource pin, not an account pin', () => {
    // Prepare
    const policy = parsePolicy({
      Statement: {
        Effect: 'Allow',
        Principal: '*',
        Action: 'glue:GetTable',
        Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:s3:::ledger-exports' } },
      },
    });

    // Act
    const findings = catalogPolicyFindings(policy, {
      accountId: OWN,
      allowedAccountIds: [],
      requireSourceVpce: false,
    });

    // Assess
    expect(findings).toEqual([]);
  });

  it('intersects an account grant with account pins: a pin to the own account grants nothing abroad', () => {
    // Prepare
    const policy = parsePolicy({
      Statement: {
        Effect: 'Allow',
        Principal: { AWS: '444455556666' },
        Action: 'glue:GetTable',
        Condition: { StringEquals: { 'aws:PrincipalAccount': OWN } },
      },
    });

    // Act
    const findings = catalogPolicyFindings(policy, {
      accountId: OWN,
      allowedAccountIds: [],
      requireSourceVpce: true,
    });

    // Assess
    expect(findings).toEqual([]);
  });
});
