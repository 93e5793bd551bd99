import { describe, expect, it } from 'vitest';
import {
  ANNOTATION_LIMIT,
  buildEvaluation,
  describeOffenders,
  namedOffenders,
  offenderVerdict,
  truncateAnnotation,
} from '../../functions/runtime/evaluations';

describe('annotations', () => {
  it('leaves annotations of up to 256 characters alone', () => {
    // Prepare
    const exact = 'x'.repeat(ANNOTATION_LIMIT);
    // Act / Assess
    expect(truncateAnnotation(exact)).toBe(exact);
  });

  it('cuts longer annotations to 256 characters ending in [truncated]', () => {
    // Act
    const cut = truncateAnnotation('y'.repeat(1000));
    // Assess
    expect(cut).toHaveLength(ANNOTATION_LIMIT);
    expect(cut.endsWith(' [truncated]')).toBe(true);
  });

  it('builds evaluations with truncated annotations and no empty annotation field', () => {
    // Prepare
    const at = new Date('2026-11-27T06:00:00Z');
    // Act
    const long = buildEvaluation('AWS::Glue::Job', 'j', 'NON_COMPLIANT', 'z'.repeat(300), at);
    const bare = buildEvaluation('AWS::Glue::Job', 'j', 'COMPLIANT', '', at);
    // Assess
    expect(long.Annotation).toHaveLength(ANNOTATION_LIMIT);
    expect(long.OrderingTimestamp).toBe(at);
    expect(bare).not.toHaveProperty('Annotation');
  });

  it('names as many offenders as fit, then says how many more', () => {
    // Prepare
    const offenders = Array.from({ length: 60 }, (_, i) => `connection-number-${i}`);
    // Act
    const text = describeOffenders('60 JDBC connections do not enforce SSL', offenders);
    // Assess
    expect(text.length).toBeLessThanOrEqual(ANNOTATION_LIMIT);
    expect(text).toMatch(/^60 JDBC connections do not enforce SSL: connection-number-0, connection-number-1/);
    const named = text.split(': ')[1]!.split(' and ')[0]!.split(', ').length;
    expect(text).toMatch(new RegExp(` and ${60 - named} more$`));
  });

  it('names every offender when they fit', () => {
    // Act / Assess
    expect(describeOffenders('2 bad', ['a', 'b'])).toBe('2 bad: a, b');
  });

  it('gives account rules one shape of verdict: offenders named in full, or compliant', () => {
    // Prepare
    const text = {
      offending: (n: number, total: number) => `${n} of ${total} crawlers unencrypted`,
      compliant: (total: number) => `All ${total} crawlers encrypted`,
    };
    // Act
    const bad = offenderVerdict(3, ['raw (no security configuration)'], text);
    const good = offenderVerdict(3, [], text);
    // Assess
    expect(bad).toEqual({
      compliance: 'NON_COMPLIANT',
      annotation: '1 of 3 crawlers unencrypted: raw (no security configuration)',
      offenders: ['raw (no security configuration)'],
    });
    expect(good).toEqual({ compliance: 'COMPLIANT', annotation: 'All 3 crawlers encrypted' });
  });

  it('names offenders with their reasons, sorted by name, skipping items with no reason', () => {
    // Prepare
    const items = [
      { name: 'risk', gap: 'no subnet' },
      { name: 'cards', gap: undefined },
      { name: 'ledger', gap: 'no security group' },
    ];
    // Act
    const offenders = namedOffenders(
      items,
      (i) => i.name,
      (i) => i.gap,
    );
    // Assess
    expect(offenders).toEqual(['ledger (no security group)', 'risk (no subnet)']);
  });
});
