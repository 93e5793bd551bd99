import { describe, expect, it } from 'vitest';
import { fakeJobRule } from '../../bench/support/fake-rules';
import { createAwsContext } from '../../functions/runtime/aws';
import { evaluateEvent } from '../../functions/runtime/engine';
import { InvalidEventError, InvalidParameterValueError } from '../../functions/runtime/errors';
import {
  ANNOTATION_LIMIT,
  buildEvaluation,
  cutUtf16,
  truncateAnnotation,
} from '../../functions/runtime/evaluations';
import { bool, firstDuplicateKey, parseParameters } from '../../functions/runtime/parameters';
import type { ConfigRuleEvent } from '../../functions/runtime/types';
import { changeEvent, glueJobItem } from '../support/config-events';

const aws = createAwsContext({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9' });
const specs = { strict: bool(false, 'Be strict') };

/** True when the text has a lone (unpaired) UTF-16 surrogate. */
function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

describe('Annotation truncation and surrogate pairs', () => {
  it.each([0, 1, 2, 3])('never cuts a pair in half (offset %i)', (offset) => {
    // Prepare: emoji (2 UTF-16 units each) straddling the cut at every parity
    const annotation = `${'x'.repeat(offset)}${'😀'.repeat(200)}`;
    // Act
    const cut = truncateAnnotation(annotation);
    // Assess
    expect(cut.length).toBeLessThanOrEqual(ANNOTATION_LIMIT);
    expect(hasLoneSurrogate(cut)).toBe(false);
    expect(cut.endsWith(' [truncated]')).toBe(true);
    expect(
      hasLoneSurrogate(buildEvaluation('T', 'i', 'COMPLIANT', annotation, new Date(0)).Annotation ?? ''),
    ).toBe(false);
  });

  it('cutUtf16 keeps text that fits and drops only the half pair', () => {
    expect(cutUtf16('ab😀', 3)).toBe('ab');
    expect(cutUtf16('ab😀', 4)).toBe('ab😀');
    expect(cutUtf16('abc', 10)).toBe('abc');
  });
});

describe('Malformed events and parameters get named errors', () => {
  it.each([null, undefined, 'event', 42, []])('a %j event is an InvalidEventError', async (event) => {
    await expect(
      evaluateEvent(fakeJobRule([]), event as unknown as ConfigRuleEvent, aws),
    ).rejects.toBeInstanceOf(InvalidEventError);
  });

  it('ruleParameters given as an object is an InvalidParameterValueError naming ruleParameters', async () => {
    // Prepare
    const event = {
      ...changeEvent(glueJobItem({ Name: 'j', Good: true })),
      ruleParameters: { strict: 'true' },
    };
    // Act
    const act = evaluateEvent(fakeJobRule([]), event as unknown as ConfigRuleEvent, aws);
    // Assess
    await expect(act).rejects.toBeInstanceOf(InvalidParameterValueError);
    await expect(act).rejects.toThrow("Invalid rule parameter 'ruleParameters': must be a JSON text");
  });

  it.each(['toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf'])(
    'rejects the inherited name %s as unknown',
    (name) => {
      const act = () => parseParameters(specs, `{"${name}":"x"}`);
      expect(act).toThrow(InvalidParameterValueError);
      expect(act).toThrow(`'${name}': is not a parameter of this rule`);
    },
  );

  it('rejects a duplicated parameter instead of keeping the last', () => {
    expect(() => parseParameters(specs, '{"strict":"false","strict":"true"}')).toThrow(
      "Invalid rule parameter 'strict': is given more than once",
    );
    expect(() => parseParameters(specs, '{"strict":"false", "str\\u0069ct" :"true"}')).toThrow(
      'more than once',
    );
  });

  it('finds duplicates only among keys of one object', () => {
    expect(firstDuplicateKey('{"a":"a","b":{"a":1},"c":["a","a"]}')).toBeUndefined();
    expect(firstDuplicateKey('{"a":{"x":1,"x":2}}')).toBe('x');
    expect(firstDuplicateKey('{"a":"\\"a\\":","a":1}')).toBe('a');
  });

  it('a non-boolean eventLeftScope is an InvalidEventError', async () => {
    const event = { ...changeEvent(glueJobItem({ Name: 'j', Good: true })), eventLeftScope: 'true' };
    await expect(evaluateEvent(fakeJobRule([]), event as unknown as ConfigRuleEvent, aws)).rejects.toThrow(
      "'eventLeftScope' is not a boolean",
    );
  });
});
