import { describe, expect, it } from 'vitest';
import { stepsOf } from '../../support/secret-steps';

/**
 * Issue 11: the work accounting behind inspectionSteps() is what the linear-work tests bound
 * (secrets-properties.test.ts), so its figures are pinned exactly on small inputs: a change in
 * what a scanner charges (or reads past the end of the value) shows here.
 */
describe('lib/secrets: inspection steps, pinned', () => {
  it("counts 251 steps for '--x' = 'a' (derived by hand)", () => {
    // Each charge(n) adds n + 1. For key '--x' (3) and value 'a' (1):
    //   secretReason: raw + key                      charge(4)             5
    //   two fixed shapes (AKIA, PEM), one pass each   2 x charge(1)         4
    //   credentialShape's lowering                   charge(1)             2
    //   find '://' (absent): (1 - 0 + 3) * 3         charge(12)           13
    //   find 'jdbc:oracle:' (absent): (1 + 12) * 12  charge(156)         157
    //   assignment: one character, its name run and the blanks after it
    //                                                charge(1), charge(1), charge(0)  5
    //   find 'eyJ' (absent): (1 + 3) * 3             charge(12)           13
    //   two late fixed shapes (GitHub, Slack)        2 x charge(1)         4
    //   the key's name: 3 * (10 run-together + 4)    charge(42)           43
    //   flag and reference parsing: 1 * 4            charge(4)             5
    // total 251
    expect(stepsOf('--x', 'a')).toEqual({ reason: undefined, steps: 251 });
  });

  it('pins the steps of each scanner on a value that runs to its end', () => {
    // Assess: an S3 secret with no `@` after it, an ordinary password with none, an assignment
    // to a name that claims nothing, a JWT cut short, an Oracle URL with no host, and a literal.
    // Unlike the total above, these figures were read from the code as it stands, not derived by
    // hand: this test is a change detector. A change that moves one must say why the new count
    // is right (and stay linear: secrets-properties.test.ts bounds it).
    expect(stepsOf('--x', 's3a://u:p')).toEqual({ reason: undefined, steps: 513 });
    expect(stepsOf('--x', 'ftp://u:p')).toEqual({ reason: undefined, steps: 513 });
    expect(stepsOf('--x', 'x=1')).toEqual({ reason: undefined, steps: 329 });
    expect(stepsOf('--x', 'eyJabcdefgh.eyJ')).toEqual({ reason: undefined, steps: 646 });
    expect(stepsOf('--x', 'jdbc:oracle:thin:u/p')).toEqual({ reason: undefined, steps: 964 });
    expect(stepsOf('--password', 'a')).toEqual({
      reason: 'is named like a credential and holds a literal value',
      steps: 358,
    });
  });
});
