import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_INSPECTED_CHARS } from '../../../functions/rules/lib/secrets';
import { stepsOf } from '../../support/secret-steps';

/**
 * Issue 12: the detector reads job arguments an insider writes, so on any input it must return
 * a verdict, never throw, and do work linear in the input. Work is measured in steps (characters
 * examined, see inspectionSteps), never by a clock.
 */

/** Steps allowed per input character (the scanners' constant factor, with room to spare)... */
const STEPS_PER_CHAR = 96;
/** ... plus a fixed amount per call. */
const STEPS_PER_CALL = 1024;
const budget = (k: string, v: string): number => STEPS_PER_CHAR * (k.length + v.length) + STEPS_PER_CALL;

/** Fragments of every shape the scanners look for, to be repeated and interleaved. */
const FRAGMENTS = [
  'a',
  '0',
  ' ',
  '\t',
  '\n',
  ':',
  '/',
  '@',
  '=',
  '&',
  '"',
  "'",
  '.',
  '-',
  '_',
  '%3D',
  '://',
  's3a://x:',
  's3://',
  'postgresql://u:',
  'jdbc:oracle:thin:',
  'u/p',
  'eyJ',
  'eyJ-',
  'eyJabcdefgh.',
  'password',
  'PASSWORD',
  'dbpassword1',
  'pass',
  'secret.key',
  '"password":',
  'password: ',
  '-----BEGIN ',
  'PRIVATE KEY',
  'AKIA',
  'ghp_',
  'xoxb-',
  '{{resolve:',
  'arn:aws:ssm:',
  '}}',
];

/** A hostile value: a few fragments, each repeated up to 3,000 times, concatenated. */
const hostile = fc
  .array(fc.tuple(fc.constantFrom(...FRAGMENTS), fc.integer({ min: 1, max: 3000 })), {
    minLength: 1,
    maxLength: 4,
  })
  .map((parts) => parts.map(([f, n]) => f.repeat(n)).join(''));
const key = fc.oneof(
  fc.constantFrom('--input', '--password', '--ssm-token-parameter', '--conf'),
  fc.string(),
);

describe('lib/secrets: linear work and a verdict on any input (property)', () => {
  it('hostile repetitions: returns within STEPS_PER_CHAR steps per character and never throws', () => {
    fc.assert(
      fc.property(key, hostile, (k, v) => {
        const { reason, steps } = stepsOf(k, v);
        expect(reason === undefined || typeof reason === 'string').toBe(true);
        expect(steps).toBeLessThanOrEqual(budget(k, v));
      }),
      { numRuns: 300 },
    );
  });

  it('arbitrary strings (any code unit, lone surrogates included) never throw and stay in budget', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 2000 }),
        fc.string({ unit: 'binary', maxLength: 2000 }),
        (k, v) => {
          const { steps } = stepsOf(k, v);
          expect(steps).toBeLessThanOrEqual(budget(k, v));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the budget is not vacuous: the steps of the worst shapes grow with the input', () => {
    // Assess: doubling a hostile value roughly doubles its steps (linear), and never more than that.
    for (const f of ['a', 's3a://x:', 'eyJ-', 'PASSWORD', '"password":', 'jdbc:oracle:thin:']) {
      const small = stepsOf('--input', f.repeat(5_000)).steps;
      const large = stepsOf('--input', f.repeat(10_000)).steps;
      expect(large, f).toBeGreaterThan(1.5 * small);
      expect(large, f).toBeLessThan(2.5 * small);
    }
  });

  it('a value over the cap costs no inspection and is reported', () => {
    // Act
    const { reason, steps } = stepsOf('--input', 'eyJ-'.repeat(MAX_INSPECTED_CHARS / 4 + 1));
    // Assess
    expect(reason).toMatch(/^is too long to inspect/);
    expect(steps).toBe(0);
  });
});
