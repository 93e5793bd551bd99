import { describe, expect, it } from 'vitest';
import type { AutomationDocument, ParameterSpec } from '../../../remediation/catalog/types';
import { ParameterError } from '../../../remediation/runner/errors';
import { resolveParameters } from '../../../remediation/runner/parameters';

const docOf = (parameters: Record<string, ParameterSpec>): AutomationDocument => ({
  schemaVersion: '0.3',
  parameters,
  mainSteps: [{ name: 'S', action: 'aws:sleep', inputs: { Duration: 'PT0S' } }],
});
const one = (spec: ParameterSpec, value: unknown) =>
  resolveParameters(docOf({ P: spec }), { P: value } as Parameters<typeof resolveParameters>[1]).P;

describe('resolveParameters: type conversion (SSM parameter types)', () => {
  it('turns StringList items of any scalar type into strings', () => {
    expect(one({ type: 'StringList' }, ['a', 1, true])).toEqual(['a', '1', 'true']);
  });

  it('takes only true/false for a Boolean, naming the value otherwise', () => {
    expect(one({ type: 'Boolean' }, 'false')).toBe(false);
    expect(one({ type: 'Boolean' }, 'true')).toBe(true);
    expect(() => one({ type: 'Boolean' }, 'yes')).toThrow(
      new ParameterError("Parameter 'P' must be a Boolean (true or false), got 'yes'"),
    );
  });

  it('takes a whole-number string for an Integer, and refuses anything else', () => {
    expect(one({ type: 'Integer' }, ' 7 ')).toBe(7);
    expect(one({ type: 'Integer' }, '-3')).toBe(-3);
    for (const bad of ['12abc', 'abc12', '1e3', '0x10', '1.5', 1.5, true]) {
      expect(() => one({ type: 'Integer' }, bad)).toThrow(
        new ParameterError(`Parameter 'P' must be an Integer, got '${String(bad)}'`),
      );
    }
  });

  it('refuses a StringMap that is null or not JSON, saying what was expected', () => {
    expect(() => one({ type: 'StringMap' }, 'null')).toThrow(
      new ParameterError("Parameter 'P' must be a StringMap"),
    );
    expect(() => one({ type: 'StringMap' }, '{bad')).toThrow(
      new ParameterError("Parameter 'P' must be a StringMap (JSON object), got '{bad'"),
    );
  });
});

describe('resolveParameters: constraints', () => {
  it('applies allowedPattern and character limits to String and StringList only', () => {
    expect(one({ type: 'Integer', allowedPattern: '^x$', minChars: 50 }, 5)).toBe(5);
  });

  it('applies item limits to lists only, not to the characters of a String', () => {
    expect(one({ type: 'String', minItems: 5 }, 'ab')).toBe('ab');
  });

  it('lists unknown parameters and what the document takes', () => {
    expect(() => resolveParameters(docOf({}), { A: 'x', B: 'y' })).toThrow(
      new ParameterError('Unknown parameter(s): A, B. The document takes: none'),
    );
    expect(() =>
      resolveParameters(docOf({ P: { type: 'String', default: 'd' }, Q: { type: 'String', default: 'e' } }), {
        Z: 'x',
      }),
    ).toThrow(new ParameterError('Unknown parameter(s): Z. The document takes: P, Q'));
  });
});
