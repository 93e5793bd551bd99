import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  interpolate,
  references,
  type Scope,
  UnresolvedReferenceError,
} from '../../../remediation/runner/interpolate';

/**
 * The patterns the scanner replaced (quadratic on `{{` followed by a run of spaces), kept only
 * as an oracle on short strings: references and interpolation must not change.
 */
const OLD_REF = /\{\{\s*([^{}]+?)\s*\}\}/g;
const OLD_WHOLE = /^\{\{\s*([^{}]+?)\s*\}\}$/;
const scope: Scope = { parameters: { a: 'A', ' ': 'SPACE', b: ['x'] }, outputs: new Map(), variables: {} };
function oldInterpolate(value: string, lenient: boolean): unknown {
  const lookup = (ref: string) => scope.parameters[ref];
  const whole = OLD_WHOLE.exec(value);
  if (whole) {
    const resolved = lookup(whole[1] as string);
    if (resolved !== undefined) return resolved;
    if (lenient) return value;
    throw new UnresolvedReferenceError(whole[1] as string);
  }
  return value.replace(OLD_REF, (match, ref: string) => {
    const resolved = lookup(ref);
    if (resolved !== undefined) return typeof resolved === 'string' ? resolved : JSON.stringify(resolved);
    if (lenient) return match;
    throw new UnresolvedReferenceError(ref);
  });
}
const outcome = (f: () => unknown): unknown => {
  try {
    return { value: f() };
  } catch (error) {
    return { error: (error as Error).message };
  }
};

const text = fc
  .array(fc.constantFrom('{', '}', '{{', '}}', ' ', '\t', '\n', '\u00a0', 'a', 'b', 'c', '.'), {
    maxLength: 16,
  })
  .map((p) => p.join(''));

describe('Runner: {{ }} scanning is linear and means what the old pattern meant', () => {
  it('finds the same references and interpolates the same way (differential, short strings)', () => {
    fc.assert(
      fc.property(text, fc.boolean(), (t, lenient) => {
        expect(references(t)).toEqual([...t.matchAll(OLD_REF)].map((m) => m[1]));
        expect(outcome(() => interpolate(t, scope, lenient))).toEqual(
          outcome(() => oldInterpolate(t, lenient)),
        );
      }),
      { numRuns: 5000 },
    );
  });

  it('scans `{{` and 100,000 spaces (quadratic before) and still finds a later reference', () => {
    // Arrange
    const t = `{{${' '.repeat(100_000)}x {{ a }}`;
    // Assess
    expect(references(t)).toEqual(['a']);
    expect(interpolate(t, scope)).toBe(`{{${' '.repeat(100_000)}x A`);
  });
});
