import { describe, expect, it } from 'vitest';
import { requiredTagKeys } from '../../functions/rules/meta/shared';

// functions/rules/meta/shared.ts: the requiredTagKeys parameter the three tag rules share. Their
// metadata calls it when it loads (a "static" mutant there); called here inside a test, its text is
// judged per test (issue 11).

describe('requiredTagKeys()', () => {
  it('describes the parameter', () => {
    expect(requiredTagKeys().description).toBe(
      'Tag keys every resource must carry (comma-separated, case-sensitive); empty requires at least one user tag',
    );
  });

  it('names a reserved aws: key as an invalid tag key', () => {
    expect(() => requiredTagKeys().parse('requiredTagKeys', 'team, aws:owner')).toThrow(
      /"aws:owner" is not a valid tag key \(aws: keys are reserved\) \(expected /,
    );
    expect(requiredTagKeys().parse('requiredTagKeys', 'team, cost-center')).toEqual(['team', 'cost-center']);
  });
});
