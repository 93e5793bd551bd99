// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables, not JS placeholders
import { describe, expect, it } from 'vitest';
import {
  hasPolicyVariable,
  PolicyParseError,
  parseOperator,
  parsePolicy,
} from '../../functions/rules/lib/policy';

// Survivors of `npm run mutation` in functions/rules/lib/policy.ts (issue 11): operator parsing,
// policy variables, statement labels and parse errors, with literal expected values.

describe('policy parsing details (mutation survivors)', () => {
  it('takes operators apart', () => {
    expect(parseOperator('StringEquals')).toEqual({
      operator: 'StringEquals',
      baseOperator: 'StringEquals',
      ifExists: false,
    });
    expect(parseOperator('ForAllValues:StringLikeIfExists')).toEqual({
      operator: 'ForAllValues:StringLikeIfExists',
      baseOperator: 'StringLike',
      ifExists: true,
      setQualifier: 'ForAllValues',
    });
    expect(parseOperator('foranyvalue:StringEquals')).toEqual({
      operator: 'foranyvalue:StringEquals',
      baseOperator: 'StringEquals',
      ifExists: false,
      setQualifier: 'ForAnyValue',
    });
    // An unknown qualifier is kept out of setQualifier (isRestricting refuses it by the colon).
    expect(parseOperator('Foo:StringEquals')).toEqual({
      operator: 'Foo:StringEquals',
      baseOperator: 'StringEquals',
      ifExists: false,
    });
    expect(parseOperator(':StringEquals')).toEqual({
      operator: ':StringEquals',
      baseOperator: 'StringEquals',
      ifExists: false,
    });
    // IfExists only as a suffix; Null has no IfExists form.
    expect(parseOperator('StringIfExistsEquals')).toEqual({
      operator: 'StringIfExistsEquals',
      baseOperator: 'StringIfExistsEquals',
      ifExists: false,
    });
    expect(parseOperator('Null')).toEqual({ operator: 'Null', baseOperator: 'Null', ifExists: false });
    expect(parseOperator('NullIfExists')).toEqual({
      operator: 'NullIfExists',
      baseOperator: 'Null',
      ifExists: true,
    });
  });

  it('a policy variable needs ${ and a closing brace after it', () => {
    expect(hasPolicyVariable('${aws:PrincipalAccount}')).toBe(true);
    expect(hasPolicyVariable('o-${x')).toBe(false);
    expect(hasPolicyVariable('}${x')).toBe(false);
    expect(hasPolicyVariable('a}b')).toBe(false);
    expect(hasPolicyVariable('${}')).toBe(true);
    expect(hasPolicyVariable('${*}')).toBe(false);
  });

  it('keeps Version, Id and a non-empty Sid, and labels the rest by position', () => {
    const policy = parsePolicy({
      Version: '2012-10-17',
      Id: 'ledger-policy',
      Statement: [
        { Sid: 'Named', Effect: 'Allow', Action: '*', Resource: '*' },
        { Sid: '', Effect: 'Allow', Action: '*', Resource: '*' },
        { Sid: 7, Effect: 'Allow', Action: '*', Resource: '*' },
      ],
    });
    expect(policy.version).toBe('2012-10-17');
    expect(policy.id).toBe('ledger-policy');
    expect(policy.statements.map((s) => s.sid)).toEqual(['Named', undefined, undefined]);
    expect(parsePolicy({ Id: 7, Statement: [] })).toEqual({ statements: [] });
  });

  it('reads a URL-encoded document with white space around it, and names what is wrong', () => {
    const encoded = ` ${encodeURIComponent('{"Statement":[]}')} `;
    expect(parsePolicy(encoded)).toEqual({ statements: [] });
    expect(parsePolicy('  {"Statement":[]}  ')).toEqual({ statements: [] });
    // Plain JSON is not URL-decoded: a % in it stays.
    expect(parsePolicy('{"Id":"100%","Statement":[]}')).toEqual({ id: '100%', statements: [] });
    expect(() => parsePolicy('{')).toThrow(new PolicyParseError('policy is not valid JSON'));
    expect(() => parsePolicy('[]')).toThrow(new PolicyParseError('policy must be a JSON object'));
    expect(() => parsePolicy({ Statement: [{ Effect: 'Allow', Condition: [] }] })).toThrow(
      new PolicyParseError('Condition must be an object'),
    );
    expect(() => parsePolicy({ Statement: [{ Effect: 'Allow', Condition: { Bool: 'x' } }] })).toThrow(
      new PolicyParseError('Condition.Bool must be an object'),
    );
    expect(() => parsePolicy({ Statement: [{ Effect: 'Allow', Condition: { Bool: { k: {} } } }] })).toThrow(
      new PolicyParseError('Condition.Bool.k must hold strings'),
    );
    expect(() => parsePolicy({ Statement: [{ Effect: 'Allow', Action: [{}] }] })).toThrow(
      new PolicyParseError('Action must hold strings'),
    );
    expect(() => parsePolicy({ Statement: [{ Effect: 'Allow', Principal: { Email: 'x' } }] })).toThrow(
      new PolicyParseError("unknown principal type 'Email'"),
    );
  });
});
