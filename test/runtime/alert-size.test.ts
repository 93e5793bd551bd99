import { describe, expect, it } from 'vitest';
import { fakeAccountRule } from '../../bench/support/fake-rules';
import {
  alertBytes,
  offenderAlert,
  offenderAlerts,
  SNS_MESSAGE_LIMIT_BYTES,
} from '../../functions/runtime/alerts';
import { Compliance, type Verdict } from '../../functions/runtime/types';

const rule = fakeAccountRule(false);
const target = {
  resourceType: 'AWS::::Account',
  resourceId: '123456789012',
  accountId: '123456789012',
  region: 'us-east-1',
};

/** n offenders named like 255-character Glue connection names, each with a reason. */
function longOffenders(n: number, char = 'c'): string[] {
  return Array.from(
    { length: n },
    (_, i) => `${String(i).padStart(4, '0')}${char.repeat(251)} (JDBC_ENFORCE_SSL not true)`,
  );
}
const verdictOf = (offenders: string[]): Verdict => ({
  compliance: Compliance.NON_COMPLIANT,
  annotation: `${offenders.length} connections do not enforce SSL`,
  offenders,
});

/** Every offender as it appears in the parts, in order. */
const listed = (messages: string[]): string[] =>
  messages.flatMap((m) =>
    m
      .split('\n')
      .filter((l) => l.startsWith('  - '))
      .map((l) => l.slice(4)),
  );

describe('Offender alerts and the SNS message limit', () => {
  it.each([
    ['ASCII', 'c'],
    ['two-byte', 'é'],
    ['four-byte (surrogate pairs)', '😀'],
  ])(
    'splits 1,000 long %s offender names into parts that each fit and together list every offender',
    (_k, char) => {
      // Prepare
      const offenders = longOffenders(1000, char);
      // Act
      const alerts = offenderAlerts(rule, target, verdictOf(offenders));
      // Assess
      expect(alertBytes(offenderAlert(rule, target, verdictOf(offenders)) as never)).toBeGreaterThan(
        SNS_MESSAGE_LIMIT_BYTES,
      );
      expect(alerts.length).toBeGreaterThan(1);
      for (const [i, a] of alerts.entries()) {
        expect(alertBytes(a)).toBeLessThanOrEqual(SNS_MESSAGE_LIMIT_BYTES);
        expect(a.attributes.part).toBe(`${i + 1}/${alerts.length}`);
        expect(a.subject.length).toBeLessThanOrEqual(100);
        expect(a.subject.endsWith(`(part ${i + 1}/${alerts.length})`)).toBe(true);
        expect(a.message).toContain('Finding: 1000 connections do not enforce SSL');
      }
      expect(listed(alerts.map((a) => a.message))).toEqual(offenders);
    },
  );

  it('keeps a list that fits in one message, without part markers', () => {
    const alerts = offenderAlerts(rule, target, verdictOf(longOffenders(10)));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.attributes.part).toBeUndefined();
    expect(alerts[0]).toEqual(offenderAlert(rule, target, verdictOf(longOffenders(10))));
  });

  it('cuts an offender line too long for any part, never inside a surrogate pair', () => {
    // Prepare
    const huge = `${'😀'.repeat(100_000)}x`;
    // Act
    const alerts = offenderAlerts(rule, target, verdictOf([huge, 'small']));
    // Assess
    for (const a of alerts) {
      expect(alertBytes(a)).toBeLessThanOrEqual(SNS_MESSAGE_LIMIT_BYTES);
      expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(a.message)).toBe(false);
    }
    expect(listed(alerts.map((a) => a.message))).toHaveLength(2);
    expect(alerts.map((a) => a.message).join('\n')).toContain('[truncated]');
  });

  it('sends nothing for a compliant verdict', () => {
    expect(offenderAlerts(rule, target, { compliance: Compliance.COMPLIANT, annotation: 'fine' })).toEqual(
      [],
    );
  });
});
