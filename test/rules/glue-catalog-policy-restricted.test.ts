import { describe, expect, it } from 'vitest';
import { rule } from '../../functions/rules/glue-catalog-policy-restricted';
import type { Verdict } from '../../functions/runtime/types';
import { ACCOUNT_ID } from '../support/config-events';

const OTHER = '444455556666';
const PARTNER = '777788889999';
const CATALOG = `arn:aws:glue:us-east-1:${ACCOUNT_ID}:catalog`;

function statement(extra: Record<string, unknown>): Record<string, unknown> {
  return { Effect: 'Allow', Action: ['glue:GetDatabase', 'glue:GetTables'], Resource: CATALOG, ...extra };
}

function policy(...statements: Record<string, unknown>[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

async function evaluate(
  document: string | undefined,
  params: { allowedAccountIds?: string[]; requireSourceVpce?: boolean } = {},
): Promise<Verdict> {
  return rule.evaluate({
    params: {
      allowedAccountIds: params.allowedAccountIds ?? [],
      requireSourceVpce: params.requireSourceVpce ?? false,
    },
    lookups: { catalogPolicy: async () => document },
    accountId: ACCOUNT_ID,
    region: 'us-east-1',
  });
}

describe('Rule: glue-catalog-policy-restricted', () => {
  it('1. no resource policy -> COMPLIANT', async () => {
    // Act
    const verdict = await evaluate(undefined);

    // Assess
    expect(verdict.compliance).toBe('COMPLIANT');
  });

  it('2. Allow to "*", {AWS: "*"} or via NotPrincipal without a condition -> NON_COMPLIANT, statement named', async () => {
    // Prepare
    const variants = [
      policy(statement({ Sid: 'Open', Principal: '*' })),
      policy(statement({ Sid: 'Open', Principal: { AWS: '*' } })),
      policy(statement({ Sid: 'Open', NotPrincipal: { AWS: `arn:aws:iam::${OTHER}:root` } })),
    ];

    // Act
    const verdicts = await Promise.all(variants.map((d) => evaluate(d)));

    // Assess
    for (const v of verdicts) {
      expect(v.compliance).toBe('NON_COMPLIANT');
      expect(v.annotation).toContain('Open allows any principal without a restricting condition');
    }
  });

  it('3. Allow to "*" confined by a fixed aws:PrincipalOrgID or aws:SourceVpce -> COMPLIANT', async () => {
    // Prepare
    const byOrg = policy(
      statement({ Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }),
    );
    const byVpce = policy(
      statement({
        Principal: { AWS: '*' },
        Condition: { StringEquals: { 'AWS:SOURCEVPCE': ['vpce-1a2b3c4d', 'vpce-5e6f'] } },
      }),
    );

    // Act
    const verdicts = [await evaluate(byOrg), await evaluate(byVpce)];

    // Assess
    expect(verdicts.map((v) => v.compliance)).toEqual(['COMPLIANT', 'COMPLIANT']);
  });

  it('4. Allow to "*" whose condition confines nothing -> NON_COMPLIANT', async () => {
    // Prepare
    const conditions = [
      { StringEquals: { 'aws:PrincipalOrgID': '*' } },
      { StringLike: { 'aws:PrincipalOrgID': 'o-*' } },
      { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
      { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
      { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/*' } },
      { Null: { 'aws:PrincipalOrgID': 'false' } },
      { StringEquals: { 'aws:PrincipalOrgID': ['o-a1b2c3d4e5', '*'] } },
      { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/Reader' } },
      { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } },
      { Bool: { 'aws:SecureTransport': 'true' } },
    ];

    // Act
    const verdicts = await Promise.all(
      conditions.map((Condition) => evaluate(policy(statement({ Principal: '*', Condition })))),
    );

    // Assess
    for (const [i, v] of verdicts.entries()) {
      expect(v.compliance, JSON.stringify(conditions[i])).toBe('NON_COMPLIANT');
    }
  });

  it('5. Allow to an account outside allowedAccountIds without a condition -> NON_COMPLIANT, account named', async () => {
    // Prepare
    const document = policy(statement({ Sid: 'Share', Principal: { AWS: [`arn:aws:iam::${OTHER}:root`] } }));

    // Act
    const verdict = await evaluate(document, { allowedAccountIds: [PARTNER] });

    // Assess
    expect(verdict.compliance).toBe('NON_COMPLIANT');
    expect(verdict.annotation).toContain(`Share allows account ${OTHER} (not in allowedAccountIds)`);
  });

  it('6. Allow to an account listed in allowedAccountIds -> COMPLIANT', async () => {
    // Prepare
    const document = policy(
      statement({ Principal: { AWS: [PARTNER, `arn:aws:iam::${PARTNER}:role/Reader`] } }),
    );

    // Act
    const verdict = await evaluate(document, { allowedAccountIds: [PARTNER] });

    // Assess
    expect(verdict.compliance).toBe('COMPLIANT');
  });

  it('7. Allow to "*" pinned by aws:PrincipalAccount to an account not allowed -> NON_COMPLIANT', async () => {
    // Prepare
    const document = policy(
      statement({
        Sid: 'Pinned',
        Principal: '*',
        Condition: { StringEquals: { 'aws:PrincipalAccount': OTHER } },
      }),
    );

    // Act
    const outside = await evaluate(document);
    const allowed = await evaluate(document, { allowedAccountIds: [OTHER] });

    // Assess
    expect(outside.compliance).toBe('NON_COMPLIANT');
    expect(outside.annotation).toContain(`Pinned allows account ${OTHER}`);
    expect(allowed.compliance).toBe('COMPLIANT');
  });

  it('8. requireSourceVpce, a cross-account statement without aws:SourceVpce -> NON_COMPLIANT', async () => {
    // Prepare
    const document = policy(
      statement({ Sid: 'Partner', Principal: { AWS: PARTNER } }),
      statement({
        Sid: 'Org',
        Principal: '*',
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
      }),
    );

    // Act
    const verdict = await evaluate(document, { allowedAccountIds: [PARTNER], requireSourceVpce: true });

    // Assess
    expect(verdict.compliance).toBe('NON_COMPLIANT');
    expect(verdict.offenders).toEqual([
      'Partner cross-account access is not pinned to a VPC endpoint (aws:SourceVpce)',
      'Org cross-account access is not pinned to a VPC endpoint (aws:SourceVpce)',
    ]);
  });

  it('9. requireSourceVpce, every cross-account statement pinned to a VPC endpoint -> COMPLIANT', async () => {
    // Prepare
    const document = policy(
      statement({
        Principal: { AWS: PARTNER },
        Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
      }),
      statement({ Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:role/Etl` } }),
    );

    // Act
    const verdict = await evaluate(document, { allowedAccountIds: [PARTNER], requireSourceVpce: true });

    // Assess
    expect(verdict.compliance).toBe('COMPLIANT');
  });

  it('10. own-account principals, service principals and Deny statements only -> COMPLIANT', async () => {
    // Prepare
    const document = policy(
      statement({ Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:root` } }),
      statement({ Principal: { Service: 'ram.amazonaws.com' }, Action: 'glue:ShareResource' }),
      { Effect: 'Deny', Principal: '*', Action: 'glue:*', Resource: CATALOG },
    );

    // Act
    const verdict = await evaluate(document);

    // Assess
    expect(verdict.compliance).toBe('COMPLIANT');
  });

  it('11. many offending statements -> annotation truncated, all in offenders', async () => {
    // Prepare
    const statements = Array.from({ length: 20 }, (_, i) =>
      statement({ Sid: `OpenStatement${i}`, Principal: '*' }),
    );

    // Act
    const verdict = await evaluate(policy(...statements));

    // Assess
    expect(verdict.compliance).toBe('NON_COMPLIANT');
    expect(verdict.annotation.length).toBeLessThanOrEqual(256);
    expect(verdict.annotation).toMatch(/and \d+ more$/);
    expect(verdict.offenders).toHaveLength(20);
  });

  it('12. Allow to "*" pinned only by a policy variable, also as the only aws:SourceVpce -> NON_COMPLIANT', async () => {
    // Prepare: each test compares the request's own value with itself (issue 12, finding 2).
    const own = (key: string) => `\${${key}}`;
    const variants = ['aws:PrincipalAccount', 'aws:PrincipalOrgID', 'aws:SourceVpce'].map((key) =>
      policy(
        statement({ Sid: 'Own', Principal: { AWS: '*' }, Condition: { StringEquals: { [key]: own(key) } } }),
      ),
    );

    // Act
    const verdicts = await Promise.all(variants.map((d) => evaluate(d)));
    const vpce = await evaluate(
      policy(
        statement({
          Sid: 'Partner',
          Principal: { AWS: `arn:aws:iam::${PARTNER}:root` },
          Condition: { StringEquals: { 'aws:SourceVpce': own('aws:SourceVpce') } },
        }),
      ),
      { allowedAccountIds: [PARTNER], requireSourceVpce: true },
    );

    // Assess
    expect(verdicts.map((v) => v.offenders)).toEqual(
      variants.map(() => ['Own allows any principal without a restricting condition']),
    );
    expect(vpce.offenders).toEqual([
      'Partner cross-account access is not pinned to a VPC endpoint (aws:SourceVpce)',
    ]);
  });

  it('13. aws:SourceIp covering more than a /8 together, or an invalid CIDR -> NON_COMPLIANT', async () => {
    // Prepare
    const ip = (values: string[]) =>
      policy(statement({ Sid: 'Ip', Principal: '*', Condition: { IpAddress: { 'aws:SourceIp': values } } }));
    const everySlash8 = Array.from({ length: 256 }, (_, n) => `${n}.0.0.0/8`);

    // Act
    const whole = await evaluate(ip(everySlash8));
    const halves = await evaluate(ip(['0.0.0.0/1', '128.0.0.0/1']));
    const twoSlash8 = await evaluate(ip(['10.0.0.0/8', '11.0.0.0/8']));
    const badPrefix = await evaluate(ip(['0.0.0.0/8x']));
    const v6 = await evaluate(ip(['2001:db8::/31']));
    const one = await evaluate(ip(['10.0.0.0/8', '10.1.0.0/16', '2001:db8::/32', '10.2.3.4']));

    // Assess
    expect([whole, halves, twoSlash8, badPrefix, v6].map((v) => v.compliance)).toEqual(
      Array(5).fill('NON_COMPLIANT'),
    );
    expect(one.compliance).toBe('COMPLIANT');
  });

  it('rejects an allowedAccountIds item that is not an account id', () => {
    // Act / Assess
    expect(() => rule.parameters.allowedAccountIds.parse('allowedAccountIds', '123,abc')).toThrow(
      /allowedAccountIds/,
    );
  });
});
