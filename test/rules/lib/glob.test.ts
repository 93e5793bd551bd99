import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CustomerManagedPolicy } from '../../../functions/lookups/iam';
import { judgeJobVpcRestriction } from '../../../functions/rules/glue-iam-job-vpc-restricted';
import { judgeLeastPrivilege } from '../../../functions/rules/glue-iam-policy-least-privilege';
import { collapseStars, globMatch, globReachesUnder, globSteps } from '../../../functions/rules/lib/glob';
import { enforcesSslOnly } from '../../../functions/rules/lib/s3-policy';

const iamPolicy = (statements: object[]): CustomerManagedPolicy => ({
  policyId: 'ANPAEXAMPLE000000001',
  policyName: 'hostile',
  arn: 'arn:aws:iam::123456789012:policy/hostile',
  document: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
});

/** Runs fn and returns its result with the matcher steps it took. */
function counted<T>(fn: () => T): { result: T; steps: number } {
  globSteps.count = 0;
  const result = fn();
  return { result, steps: globSteps.count };
}

describe('lib/glob', () => {
  it('matches * and ? like IAM, actions case-insensitively, resources case-sensitively', () => {
    // Act / Assess
    expect(globMatch('glue:Get*', 'GLUE:GetJob', { caseInsensitive: true })).toBe(true);
    expect(globMatch('glue:Get*', 'GLUE:GetJob')).toBe(false);
    expect(globMatch('a?c', 'abc')).toBe(true);
    expect(globMatch('a?c', 'ac')).toBe(false);
    expect(globMatch('*', '')).toBe(true);
    expect(globMatch('', '')).toBe(true);
    expect(globMatch('', 'a')).toBe(false);
    expect(globMatch('a*b*c', 'axxbyyc')).toBe(true);
    expect(globMatch('a*b*c', 'axxbyy')).toBe(false);
    expect(globMatch('*ab', 'aab')).toBe(true);
    expect(globMatch('*a*', 'b*b')).toBe(false);
    expect(globMatch('a**?', 'ab')).toBe(true);
    expect(globMatch('a.c', 'abc')).toBe(false);
    expect(globMatch('arn:aws:s3:::b/*', 'arn:aws:s3:::B/x')).toBe(false);
    expect(collapseStars('a***b**')).toBe('a*b*');
  });

  it('bounds the work by (pattern + 1) x (text + 1) steps on a pattern built to backtrack', () => {
    // Prepare: alternating stars and ? defeat star collapsing; the text never matches the end.
    const pattern = `${'*a'.repeat(200)}b`;
    const text = 'a'.repeat(400);
    // Act
    const { result, steps } = counted(() => globMatch(pattern, text));
    // Assess
    expect(result).toBe(false);
    expect(steps).toBeLessThanOrEqual((pattern.length + 1) * (text.length + 1));
  });

  it('walks at most (pattern + 1) x (prefix + 2) states to see that a pattern reaches under a prefix', () => {
    // Prepare
    const pattern = `arn:aws:s3:::b${'*?'.repeat(300)}`;
    const prefix = 'arn:aws:s3:::b/';
    // Act
    const { result, steps } = counted(() => globReachesUnder(pattern, prefix, () => true, false));
    // Assess: every state is pushed at most twice per visit of its predecessors.
    expect(result).toBe(true);
    expect(steps).toBeLessThanOrEqual(3 * (pattern.length + 1) * (prefix.length + 2));
    expect(globReachesUnder('s3:Get*', 's3:', () => true, true)).toBe(true);
    expect(globReachesUnder('s4:*', 's3:', () => true, true)).toBe(false);
  });

  // Issue 12 finding 1: regular-expression matching took seconds at 12 stars, forever at 20.
  it('least privilege: glue:* on "*" is still reported next to an arn:aws:glue: + 20 stars Resource', () => {
    // Prepare
    const p = iamPolicy([
      { Sid: 'Wide', Effect: 'Allow', Action: 'glue:*', Resource: '*' },
      { Sid: 'Stars', Effect: 'Allow', Action: 'glue:GetJob', Resource: `arn:aws:glue:${'*'.repeat(20)}` },
      // Fails only after every star has been tried: what made the regular expressions backtrack.
      { Sid: 'Late', Effect: 'Allow', Action: 'glue:*', Resource: `arn:aws:glue:${'*'.repeat(20)}zz` },
      { Sid: 'Starry', Effect: 'Allow', Action: 'glue:*', Resource: `arn:aws:glue:${'*x'.repeat(40)}` },
    ]);
    // Act
    const { result, steps } = counted(() => judgeLeastPrivilege(p));
    // Assess
    expect(result.compliance).toBe('NON_COMPLIANT');
    expect(result.offenders).toEqual(['Wide (Action glue:*)']);
    expect(steps).toBeLessThan(50_000);
  });

  it('job VPC: glue:Get + 32 stars grants CreateJob and is judged', () => {
    // Prepare
    const p = iamPolicy([
      { Sid: 'Get', Effect: 'Allow', Action: `glue:Get${'*'.repeat(32)}`, Resource: '*' },
    ]);
    const q = iamPolicy([
      { Sid: 'Any', Effect: 'Allow', Action: `glue:${'*'.repeat(32)}Job`, Resource: '*' },
    ]);
    // Act
    const notApplicable = counted(() => judgeJobVpcRestriction(p, []));
    const open = counted(() => judgeJobVpcRestriction(q, []));
    // Assess
    expect(notApplicable.result.compliance).toBe('NOT_APPLICABLE');
    expect(open.result.compliance).toBe('NON_COMPLIANT');
    expect(notApplicable.steps + open.steps).toBeLessThan(10_000);
  });

  it('S3 TLS: a Deny with 256 stars in Action and Resource is judged, and enforces TLS', () => {
    // Prepare
    const stars = '*'.repeat(256);
    const policy = JSON.stringify({
      Statement: [
        {
          Effect: 'Deny',
          Principal: '*',
          Action: `s3:${stars}`,
          Resource: [
            `arn:aws:s3:::bucket/${stars}q`,
            `arn:aws:s3:::bucket${stars}`,
            `arn:aws:s3:::bucket/${stars}`,
          ],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    });
    const partial = policy.replace(`s3:${stars}`, `s3:Get${'*?'.repeat(128)}`);
    // Act
    const full = counted(() => enforcesSslOnly(policy, 'bucket'));
    const some = counted(() => enforcesSslOnly(partial, 'bucket'));
    // Assess
    expect(full.result.enforced).toBe(true);
    expect(some.result.enforced).toBe(false);
    expect(full.steps + some.steps).toBeLessThan(100_000);
  });

  // Issue 12 finding 6: a cache of compiled patterns keyed by attacker data grew without bound.
  it('keeps no per-pattern state: nothing compiled or cached, so memory cannot grow with patterns seen', () => {
    // Prepare
    const lib = join(import.meta.dirname, '..', '..', '..', 'functions', 'rules', 'lib');
    // Act
    const sources = ['glob.ts', 'iam-actions.ts', 's3-policy.ts'].map((f) =>
      readFileSync(join(lib, f), 'utf8'),
    );
    for (let i = 0; i < 10_000; i++) globMatch(`glue:${i}*`, `glue:${i}x`);
    // Assess: no module-level Map/Set and no RegExp built from patterns; the only state is a counter.
    for (const source of sources) {
      expect(source).not.toMatch(/^(export )?(const|let) \w+[^=\n]*= new (Map|Set|WeakMap)\b/m);
      expect(source).not.toMatch(/new RegExp\b|\bRegExp\(/);
    }
    expect(Object.keys(globSteps)).toEqual(['count']);
  });
});
