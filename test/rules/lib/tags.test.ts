import { describe, expect, it } from 'vitest';
import { judgeTags, requiredTagKeys, tagProblem, userTags } from '../../../functions/rules/lib/tags';

describe('lib/tags', () => {
  it('drops aws: tags, whatever their case, and keeps user tags', () => {
    // Act
    const tags = userTags({ 'aws:cloudformation:stack-name': 'etl', 'AWS:x': 'y', owner: 'data' });
    // Assess
    expect(tags).toEqual({ owner: 'data' });
  });

  it('without required keys asks for at least one user tag', () => {
    // Assess
    expect(tagProblem(undefined, [])).toBe('has no user tags');
    expect(tagProblem({ 'aws:servicecatalog:productArn': 'p' }, [])).toBe('has no user tags');
    expect(tagProblem({ owner: '' }, [])).toBeUndefined();
  });

  it('with required keys names every missing key, case-sensitively', () => {
    // Assess
    expect(tagProblem({ Owner: 'x' }, ['owner', 'cost-center'])).toBe(
      'is missing tag keys owner, cost-center',
    );
    expect(tagProblem({ owner: 'x', 'cost-center': '42' }, ['owner', 'cost-center'])).toBeUndefined();
  });

  it('judges a resource without ever naming a tag value', () => {
    // Act
    const v = judgeTags('Job', { owner: 'very-private-value' }, ['owner', 'team']);
    // Assess
    expect(v).toEqual({ compliance: 'NON_COMPLIANT', annotation: 'Job is missing tag keys team' });
    expect(JSON.stringify(v)).not.toContain('very-private-value');
  });

  it('the requiredTagKeys parameter rejects aws: keys and accepts AWS tag characters', () => {
    // Prepare
    const spec = requiredTagKeys();
    // Assess
    expect(spec.parse('requiredTagKeys', 'owner, cost-center, team:name, a/b=c+d@e.f_g')).toEqual([
      'owner',
      'cost-center',
      'team:name',
      'a/b=c+d@e.f_g',
    ]);
    expect(() => spec.parse('requiredTagKeys', 'owner,aws:createdBy')).toThrow(
      /requiredTagKeys.*aws:createdBy/,
    );
    expect(() => spec.parse('requiredTagKeys', 'bad#key')).toThrow(/requiredTagKeys/);
    expect(spec.parse('requiredTagKeys', '')).toEqual([]);
  });
});
