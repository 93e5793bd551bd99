import { describe, expect, it } from 'vitest';
import { globMatch, globReachesUnder, globSteps } from '../../functions/rules/lib/glob';

// Survivors of `npm run mutation` in functions/rules/lib/glob.ts (issue 11), pinned with literal
// expected values. Each case names the mutant it kills.
const any = (): boolean => true;
const actionChar = (c: string): boolean => /^[A-Za-z0-9]$/.test(c);

describe('glob (mutation survivors)', () => {
  it('a * in the pattern is a wildcard even where the text has a literal *', () => {
    // kills `c !== '*'` -> true: the pattern's * compared as a literal with the text's *
    expect(globMatch('a*', 'a*x')).toBe(true);
    expect(globMatch('a*c', 'a*bc')).toBe(true);
  });

  it('counts one step per text character on a straight match', () => {
    // kills `globSteps.count++` -> `--` in globMatch
    globSteps.count = 0;
    expect(globMatch('abc', 'abc')).toBe(true);
    expect(globSteps.count).toBe(3);
  });

  it('counts one step per state it visits when it asks whether a pattern reaches under a prefix', () => {
    // kills `globSteps.count++` -> `--` in globReachesUnder
    globSteps.count = 0;
    expect(globReachesUnder('s3:x', 's3:', any, false)).toBe(true);
    expect(globSteps.count).toBe(5);
  });

  it('needs at least one character after the prefix', () => {
    // kills `if (q === inTail) return true` -> `if (true)`: the whole pattern used up inside the prefix
    expect(globReachesUnder('s3', 's3:', any, false)).toBe(false);
    expect(globReachesUnder('s3:', 's3:', any, false)).toBe(false);
    expect(globReachesUnder('s3:?', 's3:', any, false)).toBe(true);
  });

  it('lets a ? stand for one prefix character', () => {
    // kills `c === '?'` -> false / `c === ""`
    expect(globReachesUnder('s?:GetObject', 's3:', actionChar, true)).toBe(true);
    expect(globReachesUnder('??:*', 's3:', actionChar, true)).toBe(true);
    expect(globReachesUnder('?:*', 's3:', actionChar, true)).toBe(false);
  });

  it('lets a * after the first character absorb the rest of the prefix and more', () => {
    // kills `i * width + next(q)` -> `i * width - next(q)` / `i / width + next(q)`
    expect(globReachesUnder('s*', 's3:', actionChar, true)).toBe(true);
    expect(globReachesUnder('s*t', 's3:', actionChar, true)).toBe(true);
    expect(globReachesUnder('s*:', 's3:', actionChar, true)).toBe(false);
    expect(globReachesUnder('arn:aws:s3:::b*', 'arn:aws:s3:::bucket/', any, false)).toBe(true);
    expect(globReachesUnder('arn:aws:s3:::b*z', 'arn:aws:s3:::bucket/', any, false)).toBe(true);
    expect(globReachesUnder('arn:aws:s3:::c*', 'arn:aws:s3:::bucket/', any, false)).toBe(false);
  });

  it('ignores white space around the pattern', () => {
    // kills `pattern.trim()` -> `pattern`
    expect(globReachesUnder('  s3:*  ', 's3:', actionChar, true)).toBe(true);
  });
});
