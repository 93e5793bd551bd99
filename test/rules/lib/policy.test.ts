import { describe, expect, it } from 'vitest';
import {
  accountIdOf,
  conditionEntries,
  isWildcardValue,
  normalizePrincipal,
  PolicyParseError,
  parseOperator,
  parsePolicy,
  statementLabel,
} from '../../../functions/rules/lib/policy';

// biome-ignore lint/suspicious/noTemplateCurlyInString: IAM's escapes for literal special characters
const [LITERAL_STAR, LITERAL_QUESTION, LITERAL_DOLLAR] = ['${*}', '${?}', '${$}'];

describe('lib/policy', () => {
  it('turns single values into arrays and keeps the statement order', () => {
    // Prepare
    const doc = JSON.stringify({
      Version: '2012-10-17',
      Statement: { Sid: 'One', Effect: 'Allow', Action: 'glue:GetTable', Resource: 'arn:aws:glue:*' },
    });

    // Act
    const policy = parsePolicy(doc);

    // Assess
    expect(policy.version).toBe('2012-10-17');
    expect(policy.statements).toEqual([
      {
        index: 0,
        sid: 'One',
        effect: 'Allow',
        action: ['glue:GetTable'],
        notAction: [],
        resource: ['arn:aws:glue:*'],
        notResource: [],
        condition: {},
      },
    ]);
  });

  it('reads NotAction and NotResource as arrays', () => {
    // Prepare
    const doc = { Statement: [{ Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], NotResource: 'arn:x' }] };

    // Act
    const [s] = parsePolicy(doc).statements;

    // Assess
    expect(s?.notAction).toEqual(['iam:*', 'sts:*']);
    expect(s?.notResource).toEqual(['arn:x']);
    expect(s?.action).toEqual([]);
  });

  it('decodes URL-encoded documents as IAM returns them', () => {
    // Prepare
    const doc = encodeURIComponent('{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}');

    // Act
    const policy = parsePolicy(doc);

    // Assess
    expect(policy.statements[0]?.action).toEqual(['*']);
  });

  it('treats "*" and {AWS: "*"} as the wildcard principal', () => {
    // Act
    const star = normalizePrincipal('*');
    const awsStar = normalizePrincipal({ AWS: ['*'] });
    const account = normalizePrincipal({ AWS: 'arn:aws:iam::111122223333:root' });

    // Assess
    expect(star.wildcard).toBe(true);
    expect(awsStar.wildcard).toBe(true);
    expect(account.wildcard).toBe(false);
  });

  it('extracts account ids from bare ids and ARNs, and keeps service principals apart', () => {
    // Prepare
    const raw = {
      AWS: [
        '111122223333',
        'arn:aws:iam::444455556666:role/Analyst',
        'arn:aws:iam::111122223333:root',
        'AROAXYZ',
      ],
      Service: 'glue.amazonaws.com',
    };

    // Act
    const p = normalizePrincipal(raw);

    // Assess
    expect(p.accountIds).toEqual(['111122223333', '444455556666']);
    expect(p.service).toEqual(['glue.amazonaws.com']);
    expect(p.aws).toHaveLength(4);
  });

  it('lower-cases condition keys, stringifies values and merges the same key written twice', () => {
    // Prepare
    const doc = {
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 'glue:*',
          Condition: {
            StringEquals: { 'AWS:SourceVpce': 'vpce-1', 'aws:sourcevpce': ['vpce-2'] },
            Bool: { 'aws:SecureTransport': true },
          },
        },
      ],
    };

    // Act
    const [s] = parsePolicy(doc).statements;

    // Assess
    expect(s?.condition).toEqual({
      StringEquals: { 'aws:sourcevpce': ['vpce-1', 'vpce-2'] },
      Bool: { 'aws:securetransport': ['true'] },
    });
  });

  it('takes operators apart into set qualifier, base operator and IfExists', () => {
    // Act
    const plain = parseOperator('StringEquals');
    const full = parseOperator('ForAllValues:StringLikeIfExists');
    const nul = parseOperator('Null');

    // Assess
    expect(plain).toEqual({ operator: 'StringEquals', baseOperator: 'StringEquals', ifExists: false });
    expect(full).toEqual({
      operator: 'ForAllValues:StringLikeIfExists',
      baseOperator: 'StringLike',
      setQualifier: 'ForAllValues',
      ifExists: true,
    });
    expect(nul.ifExists).toBe(false);
  });

  it('flattens a Condition block into entries', () => {
    // Prepare
    const [s] = parsePolicy({
      Statement: {
        Effect: 'Allow',
        Action: '*',
        Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc' } },
      },
    }).statements;

    // Act
    const entries = conditionEntries(s!);

    // Assess
    expect(entries).toEqual([
      {
        operator: 'StringEqualsIfExists',
        baseOperator: 'StringEquals',
        ifExists: true,
        key: 'aws:principalorgid',
        values: ['o-abc'],
      },
    ]);
  });

  it('reads * and ? as wildcards only under pattern operators, and their escapes as literals', () => {
    // Prepare
    const op = (operator: string) => parseOperator(operator);
    // Act / Assess
    for (const operator of [
      'StringLike',
      'ForAnyValue:StringLikeIfExists',
      'stringnotlike',
      'ArnLike',
      'ArnEquals',
    ]) {
      expect(isWildcardValue(op(operator), 'vpc-*'), operator).toBe(true);
      expect(isWildcardValue(op(operator), 'vpc-0a1b2c3d4e5f6071?'), operator).toBe(true);
      expect(isWildcardValue(op(operator), 'vpc-0a1b2c3d4e5f60718'), operator).toBe(false);
    }
    for (const operator of ['StringEquals', 'ForAnyValue:StringEqualsIgnoreCase', 'StringNotEquals']) {
      expect(isWildcardValue(op(operator), 'vpc-*'), operator).toBe(false);
    }
    expect(isWildcardValue(op('StringLike'), `vpc-${LITERAL_STAR}`)).toBe(false);
    expect(isWildcardValue(op('StringLike'), `vpc-${LITERAL_STAR}*`)).toBe(true);
    expect(isWildcardValue(op('StringLike'), `vpc-${LITERAL_QUESTION}${LITERAL_DOLLAR}`)).toBe(false);
  });

  it('names statements by Sid or position', () => {
    // Act / Assess
    expect(statementLabel({ sid: 'Share', index: 0 })).toBe('Share');
    expect(statementLabel({ index: 2 })).toBe('Statement[2]');
  });

  it('reads account ids only from ids and ARNs', () => {
    // Act / Assess
    expect(accountIdOf('arn:aws:sts::123456789012:assumed-role/r/s')).toBe('123456789012');
    expect(accountIdOf('glue.amazonaws.com')).toBeUndefined();
    expect(accountIdOf('*')).toBeUndefined();
  });

  it('rejects documents that are not policies', () => {
    // Act / Assess
    expect(() => parsePolicy('not json')).toThrow(PolicyParseError);
    expect(() => parsePolicy({ Statement: [{ Effect: 'Maybe' }] })).toThrow(/Effect/);
    expect(() => parsePolicy({ Statement: [{ Effect: 'Allow', Principal: 42 }] })).toThrow(/Principal/);
  });
});
