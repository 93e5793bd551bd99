import type { Connection } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { catalogPolicyFindings, isRestricting } from '../../functions/rules/lib/catalog-policy';
import { enforcesSsl, SslProperty, sslProperty, usesJdbcSsl } from '../../functions/rules/lib/connections';
import {
  type ConditionEntry,
  normalizePrincipal,
  PolicyParseError,
  parseOperator,
  parsePolicy,
} from '../../functions/rules/lib/policy';

// Survivors of `npm run mutation` in functions/rules/lib (issue 11): catalog-policy.ts, policy.ts
// and connections.ts, pinned with literal expected verdicts and reasons.

const OWN = '123456789012';
const OTHER = '444455556666';
const THIRD = '777788889999';

const entry = (operator: string, key: string, ...values: string[]): ConditionEntry => ({
  ...parseOperator(operator),
  key: key.toLowerCase(),
  values,
});

const findings = (
  statement: Record<string, unknown>,
  options: { allowedAccountIds?: string[]; requireSourceVpce?: boolean } = {},
) =>
  catalogPolicyFindings(
    parsePolicy({
      Version: '2012-10-17',
      Statement: [{ Sid: 'S', Effect: 'Allow', Action: 'glue:GetTable', Resource: '*', ...statement }],
    }),
    {
      accountId: OWN,
      allowedAccountIds: options.allowedAccountIds ?? [],
      requireSourceVpce: options.requireSourceVpce ?? false,
    },
  );

const ANYONE = [{ statement: 'S', reason: 'allows any principal without a restricting condition' }];
const NO_VPCE = [
  { statement: 'S', reason: 'cross-account access is not pinned to a VPC endpoint (aws:SourceVpce)' },
];

describe('catalog policy conditions (mutation survivors)', () => {
  it('an empty condition value confines nothing', () => {
    expect(isRestricting(entry('StringEquals', 'aws:SourceVpce', ''))).toBe(false);
    expect(isRestricting(entry('StringEquals', 'aws:SourceVpce', '   '))).toBe(false);
  });

  it('an id-valued key needs the whole value literal, a / does not make it an organisation path', () => {
    expect(isRestricting(entry('StringLike', 'aws:SourceVpce', 'vpce-1a2b/*'))).toBe(false);
    expect(isRestricting(entry('StringEquals', 'aws:SourceVpce', 'vpce-1a2b'))).toBe(true);
  });

  it('an organisation path needs a literal organisation segment', () => {
    expect(isRestricting(entry('StringLike', 'aws:PrincipalOrgPaths', '/r-ab12/*'))).toBe(false);
    expect(isRestricting(entry('StringLike', 'aws:PrincipalOrgPaths', 'o-a1b2c3d4e5/*'))).toBe(true);
  });

  it('an ARN-valued key needs a whole ARN with a 12-digit account (surrounding spaces ignored)', () => {
    expect(isRestricting(entry('ArnEquals', 'aws:PrincipalArn', ` arn:aws:iam::${OTHER}:role/etl `))).toBe(
      true,
    );
    expect(isRestricting(entry('ArnEquals', 'aws:PrincipalArn', `arn:aws:iam::${OTHER}`))).toBe(false);
    expect(isRestricting(entry('ArnEquals', 'aws:PrincipalArn', `xrn:aws:iam::${OTHER}:role/etl`))).toBe(
      false,
    );
    expect(isRestricting(entry('ArnEquals', 'aws:PrincipalArn', `arn:aws:iam::${OTHER}7:role/etl`))).toBe(
      false,
    );
    expect(isRestricting(entry('ArnEquals', 'aws:PrincipalArn', `arn:aws:iam::7${OTHER}:role/etl`))).toBe(
      false,
    );
  });

  it('Arn operators do not confine an id-valued key', () => {
    expect(isRestricting(entry('ArnEquals', 'aws:PrincipalOrgID', 'o-a1b2c3d4e5'))).toBe(false);
    expect(isRestricting(entry('StringEquals', 'aws:PrincipalOrgID', 'o-a1b2c3d4e5'))).toBe(true);
  });
});

describe('catalog policy grantees (mutation survivors)', () => {
  it('a 12-digit value of a key that is not account-valued confines without naming an account', () => {
    expect(
      findings({ Principal: { AWS: OTHER }, Condition: { StringEquals: { 'aws:SourceVpc': OTHER } } }),
    ).toEqual([]);
  });

  it('an account condition with spaces around the id still names that account', () => {
    expect(
      findings({ Principal: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': ` ${OTHER} ` } } }),
    ).toEqual([
      {
        statement: 'S',
        reason: `allows account ${OTHER} (not in allowedAccountIds) without a restricting condition`,
      },
    ]);
  });

  it('an account condition names accounts only when every value is a 12-digit id', () => {
    expect(
      findings({
        Principal: '*',
        Condition: { StringEquals: { 'aws:PrincipalAccount': [OTHER, 'o-a1b2c3d4e5'] } },
      }),
    ).toEqual([]);
    expect(
      findings({ Principal: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': `${OTHER}7` } } }),
    ).toEqual([]);
    expect(
      findings({ Principal: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': `7${OTHER}` } } }),
    ).toEqual([]);
  });

  it('an account condition narrows the principals: a trusted account left still needs a VPC endpoint', () => {
    const statement = {
      Principal: { AWS: [OTHER, THIRD] },
      Condition: { StringEquals: { 'aws:PrincipalAccount': OTHER } },
    };
    expect(findings(statement, { allowedAccountIds: [OTHER], requireSourceVpce: true })).toEqual(NO_VPCE);
    expect(findings(statement, { allowedAccountIds: [OTHER], requireSourceVpce: false })).toEqual([]);
  });

  it('anyone pinned to the own account is not cross-account', () => {
    expect(
      findings(
        { Principal: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': OWN } } },
        { requireSourceVpce: true },
      ),
    ).toEqual([]);
  });

  it('names the untrusted accounts in order', () => {
    expect(findings({ Principal: { AWS: [THIRD, `arn:aws:iam::${OTHER}:root`] } })).toEqual([
      {
        statement: 'S',
        reason: `allows account ${OTHER}, ${THIRD} (not in allowedAccountIds) without a restricting condition`,
      },
    ]);
  });

  it('a "*" among account principals is anyone', () => {
    expect(findings({ Principal: { AWS: [OTHER, '*'] } })).toEqual(ANYONE);
  });
});

describe('policy parsing (mutation survivors)', () => {
  it('a principal object starts with nothing and keeps each principal type apart', () => {
    expect(normalizePrincipal({ AWS: `arn:aws:iam::${OTHER}:role/etl` })).toEqual({
      wildcard: false,
      aws: [`arn:aws:iam::${OTHER}:role/etl`],
      service: [],
      federated: [],
      canonicalUser: [],
      accountIds: [OTHER],
    });
    expect(
      normalizePrincipal({ Federated: 'cognito-identity.amazonaws.com', CanonicalUser: 'abc123' }),
    ).toEqual({
      wildcard: false,
      aws: [],
      service: [],
      federated: ['cognito-identity.amazonaws.com'],
      canonicalUser: ['abc123'],
      accountIds: [],
    });
  });

  it('"*" is the wildcard principal and names no account', () => {
    expect(normalizePrincipal('*')).toEqual({
      wildcard: true,
      aws: [],
      service: [],
      federated: [],
      canonicalUser: [],
      accountIds: [],
    });
  });

  it('reads numbers and booleans as strings, a null principal list as none, anything else as an error', () => {
    expect(normalizePrincipal({ AWS: Number(OTHER) }).accountIds).toEqual([OTHER]);
    expect(normalizePrincipal({ Service: true }).service).toEqual(['true']);
    expect(normalizePrincipal({ AWS: null }).aws).toEqual([]);
    expect(() => normalizePrincipal({ AWS: [{}] })).toThrow(
      new PolicyParseError('Principal.AWS must hold strings'),
    );
  });

  it('an account principal with spaces around it names the account', () => {
    expect(normalizePrincipal({ AWS: ` ${OTHER} ` }).accountIds).toEqual([OTHER]);
  });

  it('names its errors', () => {
    expect(() => parsePolicy({ Statement: ['x'] })).toThrow(
      new PolicyParseError('Statement 0 must be an object'),
    );
    expect(new PolicyParseError('x').name).toBe('PolicyParseError');
  });
});

const conn = (type: string | undefined, properties?: Record<string, string>): Connection => ({
  Name: 'c',
  ...(type === undefined ? {} : { ConnectionType: type as Connection['ConnectionType'] }),
  ...(properties === undefined ? {} : { ConnectionProperties: properties }),
});

describe('connection TLS (mutation survivors)', () => {
  it('a blank JDBC URL on a typed connection does not make it a JDBC one', () => {
    expect(sslProperty(conn('MYSQL', { JDBC_CONNECTION_URL: '   ', HOST: 'h' }))).toBe(SslProperty.TYPED);
    expect(sslProperty(conn('MYSQL', { JDBC_CONNECTION_URL: 'jdbc:mysql://h/d' }))).toBe(SslProperty.JDBC);
  });

  it('a typed connection without properties is judged, not an error', () => {
    expect(usesJdbcSsl(conn('MYSQL'))).toBe(false);
    expect(enforcesSsl(conn('MYSQL'))).toBe(false);
  });

  it('a connection with no TLS switch to judge does not enforce TLS', () => {
    expect(enforcesSsl(conn('NETWORK', { ENFORCE_SSL: 'true', JDBC_ENFORCE_SSL: 'true' }))).toBe(false);
  });
});
