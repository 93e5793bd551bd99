// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables, not JS placeholders
// Literal-value tests for lib/policy.ts (issue 11: surviving mutants not pinned by
// test/mutation/policy-parse.test.ts): principal wildcards with blanks, null conditions, the
// field an error names, trimming, Version types, operators without a colon, and escapes.
import { describe, expect, it } from 'vitest';
import {
  hasPolicyVariable,
  normalizePrincipal,
  PolicyParseError,
  parseOperator,
  parsePolicy,
} from '../../../functions/rules/lib/policy';

const allow = (extra: Record<string, unknown>) => ({ Statement: { Effect: 'Allow', ...extra } });

describe('lib/policy (mutation)', () => {
  it('an AWS principal of " * " is the wildcard', () => {
    expect(normalizePrincipal({ AWS: ' * ' }).wildcard).toBe(true);
    expect(normalizePrincipal({ AWS: ['123456789012', '*'] }).wildcard).toBe(true);
    expect(normalizePrincipal({ AWS: '123456789012' }).wildcard).toBe(false);
    expect(normalizePrincipal({}).wildcard).toBe(false);
  });

  it('a null Condition is no condition', () => {
    expect(parsePolicy(allow({ Condition: null })).statements[0]?.condition).toStrictEqual({});
    expect(() => parsePolicy(allow({ Condition: 'x' }))).toThrow('Condition must be an object');
  });

  it.each(['Action', 'NotAction', 'Resource', 'NotResource'])(
    'a non-string %s is named in the error',
    (field) => {
      const run = () => parsePolicy(allow({ [field]: [{}] }));
      expect(run).toThrow(PolicyParseError);
      expect(run).toThrow(`${field} must hold strings`);
    },
  );

  it('trims a JSON text before deciding whether it is URL-encoded', () => {
    const policy = parsePolicy('  {"Id":"100%","Statement":[]}  ');
    expect(policy).toStrictEqual({ statements: [], id: '100%' });
    expect(parsePolicy('%7B%22Statement%22%3A%5B%5D%7D')).toStrictEqual({ statements: [] });
  });

  it('keeps Version only when it is a string', () => {
    expect(parsePolicy({ Version: 5, Statement: [] })).toStrictEqual({ statements: [] });
    expect(parsePolicy({ Version: '2012-10-17', Statement: [] })).toStrictEqual({
      statements: [],
      version: '2012-10-17',
    });
  });

  it('reads a set qualifier only before a colon', () => {
    expect(parseOperator('ForAnyValueX')).toStrictEqual({
      operator: 'ForAnyValueX',
      baseOperator: 'ForAnyValueX',
      ifExists: false,
    });
    expect(parseOperator('StringLike')).toStrictEqual({
      operator: 'StringLike',
      baseOperator: 'StringLike',
      ifExists: false,
    });
    expect(parseOperator('Other:StringLike')).toStrictEqual({
      operator: 'Other:StringLike',
      baseOperator: 'StringLike',
      ifExists: false,
    });
  });

  it('an escape removed from between $ and { does not make a variable', () => {
    expect(hasPolicyVariable('$${*}{x}')).toBe(false);
    expect(hasPolicyVariable('abc}')).toBe(false);
    expect(hasPolicyVariable('x${aws:username}')).toBe(true);
  });
});
