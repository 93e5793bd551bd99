// Issue 11: pins the exact alert texts, byte counts and part boundaries of
// functions/runtime/alerts.ts (Stryker survivors of the runtime slice).
import { describe, expect, it } from 'vitest';
import { fakeAccountRule } from '../../bench/support/fake-rules';
import { alertBytes, exemptionLines, offenderAlert, offenderAlerts } from '../../functions/runtime/alerts';
import { Compliance, type ExemptionNote, type Verdict } from '../../functions/runtime/types';

const rule = fakeAccountRule(false);
const target = {
  resourceType: 'AWS::::Account',
  resourceId: '123456789012',
  accountId: '123456789012',
  region: 'us-east-1',
};
const active: ExemptionNote = {
  rule: 'glue-fake-account-good',
  resourceId: 'legacy',
  reason: 'old',
  approver: 'alice',
  expires: '2027-01-31',
  source: 'deployment',
  status: 'active',
};
const expired: ExemptionNote = { ...active, resourceId: 'gone', expires: '2026-01-01', status: 'expired' };
const attributes = {
  kind: 'offenders',
  rule: 'glue-fake-account-good',
  compliance: 'NON_COMPLIANT',
  resourceType: 'AWS::::Account',
  accountId: '123456789012',
  region: 'us-east-1',
  severity: 'LOW',
};

describe('offenderAlert', () => {
  it('writes the whole alert: rule, requirement, account, finding, exemptions and offenders', () => {
    const verdict: Verdict = {
      compliance: Compliance.NON_COMPLIANT,
      annotation: 'bad',
      offenders: ['a (why)', 'b'],
      exemptions: [active, expired],
    };
    expect(offenderAlert(rule, target, verdict)).toEqual({
      subject: '[glue-guardrails] glue-fake-account-good: 2 offenders in 123456789012',
      message: [
        'Rule: glue-fake-account-good (LOW)',
        'Requirement: The account is good.',
        'Account: 123456789012  Region: us-east-1',
        'Finding: bad',
        '',
        'Exempt, left out of the offenders (1):',
        '  - legacy: until 2027-01-31, approved by alice (deployment): old',
        '',
        'Exemption expired, evaluated as usual (1):',
        '  - gone: expired 2026-01-01, approved by alice (deployment): old',
        '',
        'Offenders (2):',
        '  - a (why)',
        '  - b',
      ].join('\n'),
      attributes,
    });
  });
  it('sends nothing for a compliant verdict even if it lists offenders', () => {
    expect(
      offenderAlert(rule, target, { compliance: Compliance.COMPLIANT, annotation: 'ok', offenders: ['a'] }),
    ).toBe(undefined);
  });
  it('sends nothing for a non-compliant verdict without an offender list', () => {
    expect(offenderAlert(rule, target, { compliance: Compliance.NON_COMPLIANT, annotation: 'bad' })).toBe(
      undefined,
    );
    expect(offenderAlerts(rule, target, { compliance: Compliance.NON_COMPLIANT, annotation: 'bad' })).toEqual(
      [],
    );
  });
});

describe('exemptionLines', () => {
  it('has no active block when only expired exemptions exist', () => {
    expect(
      exemptionLines({ compliance: Compliance.NON_COMPLIANT, annotation: 'x', exemptions: [expired] }),
    ).toEqual([
      '',
      'Exemption expired, evaluated as usual (1):',
      '  - gone: expired 2026-01-01, approved by alice (deployment): old',
    ]);
  });
  it('has no expired block when only active exemptions exist', () => {
    expect(
      exemptionLines({ compliance: Compliance.NON_COMPLIANT, annotation: 'x', exemptions: [active] }),
    ).toEqual([
      '',
      'Exempt, left out of the offenders (1):',
      '  - legacy: until 2027-01-31, approved by alice (deployment): old',
    ]);
  });
  it('is empty without exemptions', () => {
    expect(exemptionLines({ compliance: Compliance.NON_COMPLIANT, annotation: 'x' })).toEqual([]);
  });
});

describe('alertBytes', () => {
  it('counts the message and each attribute name, the type name String and the value, in UTF-8', () => {
    expect(alertBytes({ subject: 's', message: 'ab', attributes: { k: 'v' } })).toBe(2 + 1 + 6 + 1);
    expect(alertBytes({ subject: 's', message: 'é', attributes: { ké: 'vé', x: 'yz' } })).toBe(
      2 + (3 + 6 + 3) + (1 + 6 + 2),
    );
    expect(alertBytes({ subject: 's', message: '', attributes: {} })).toBe(0);
  });
});

/** Ten offenders of 400 characters: each offender line ("\n  - " + name) is 405 bytes. */
const offenders = Array.from({ length: 10 }, (_, i) => `${String(i).padStart(2, '0')}${'x'.repeat(398)}`);
const plain: Verdict = { compliance: Compliance.NON_COMPLIANT, annotation: 'bad', offenders };
const withExemption: Verdict = { ...plain, exemptions: [active] };
const LINE = 405;
// The fixed part of a part's size without exemptions (the widest header, "Part 10 of 10: offenders
// 10 to 10 of 10", 179 bytes, plus the attributes with part "10/10", 192 bytes): 371 bytes. The
// exemption block adds 105 bytes to the first part's header ("" + 38 + 64 and three newlines).
const FIXED_PLAIN = 371;
const FIXED_EXEMPT = 476;
const MARGIN = 4096;
const MIN_ROOM = 1024;

const offenderCounts = (alerts: { message: string }[]): number[] =>
  alerts.map((a) => a.message.split('\n').filter((l) => /^ {2}- \d\d/.test(l)).length);

describe('offenderAlerts part sizes', () => {
  it('sends the whole alert when it takes exactly the budget', () => {
    const whole = offenderAlert(rule, target, plain);
    expect(whole && alertBytes(whole)).toBe(4366);
    expect(offenderAlerts(rule, target, plain, 4366 + MARGIN)).toEqual([whole]);
  });
  it('needs 1024 bytes of room besides the widest header (no exemptions: the last part is widest)', () => {
    const limit = MARGIN + FIXED_PLAIN + MIN_ROOM;
    expect(offenderCounts(offenderAlerts(rule, target, plain, limit))).toEqual([2, 2, 2, 2, 2]);
    expect(() => offenderAlerts(rule, target, plain, limit - 1)).toThrow(
      'The alert header alone does not fit the SNS message limit',
    );
  });
  it('needs 1024 bytes of room besides the widest header (the first part, with the exemption block)', () => {
    const limit = MARGIN + FIXED_EXEMPT + MIN_ROOM;
    expect(offenderCounts(offenderAlerts(rule, target, withExemption, limit))).toEqual([2, 2, 2, 2, 2]);
    expect(() => offenderAlerts(rule, target, withExemption, limit - 1)).toThrow(
      'The alert header alone does not fit the SNS message limit',
    );
  });
  it('fills a part up to exactly its room and no further', () => {
    const exact = MARGIN + FIXED_PLAIN + 3 * LINE;
    expect(offenderCounts(offenderAlerts(rule, target, plain, exact))).toEqual([3, 3, 3, 1]);
    expect(offenderCounts(offenderAlerts(rule, target, plain, exact + LINE - 1))).toEqual([3, 3, 3, 1]);
    expect(offenderCounts(offenderAlerts(rule, target, plain, exact + LINE))).toEqual([4, 4, 2]);
  });
  it('writes each part with its own header, numbers, subject and part attribute', () => {
    const alerts = offenderAlerts(rule, target, withExemption, MARGIN + FIXED_EXEMPT + 3 * LINE);
    expect(alerts).toHaveLength(4);
    const line = (i: number) => `\n  - ${offenders[i]}`;
    expect(alerts[0]).toEqual({
      subject: '[glue-guardrails] glue-fake-account-good: 10 offenders in 123456789012 (part 1/4)',
      message:
        [
          'Rule: glue-fake-account-good (LOW)',
          'Requirement: The account is good.',
          'Account: 123456789012  Region: us-east-1',
          'Finding: bad',
          'Part 1 of 4: offenders 1 to 3 of 10',
          '',
          'Exempt, left out of the offenders (1):',
          '  - legacy: until 2027-01-31, approved by alice (deployment): old',
          '',
          'Offenders (10):',
        ].join('\n') +
        line(0) +
        line(1) +
        line(2),
      attributes: { ...attributes, part: '1/4' },
    });
    expect(alerts[3]).toEqual({
      subject: '[glue-guardrails] glue-fake-account-good: 10 offenders in 123456789012 (part 4/4)',
      message:
        [
          'Rule: glue-fake-account-good (LOW)',
          'Requirement: The account is good.',
          'Account: 123456789012  Region: us-east-1',
          'Finding: bad',
          'Part 4 of 4: offenders 10 to 10 of 10',
          '',
          'Offenders (10):',
        ].join('\n') + line(9),
      attributes: { ...attributes, part: '4/4' },
    });
  });
  it('keeps the subject with its part suffix within 100 characters', () => {
    const longTarget = { ...target, accountId: 'a'.repeat(80) };
    const alerts = offenderAlerts(rule, longTarget, plain, 8000);
    expect(alerts.length).toBe(2);
    const subject = `[glue-guardrails] glue-fake-account-good: 10 offenders in ${'a'.repeat(80)}`;
    expect(alerts[0]?.subject).toBe(`${subject.slice(0, 89)} (part 1/2)`);
    expect(alerts[0]?.subject).toHaveLength(100);
  });
});

describe('offenderAlerts long lines', () => {
  // Room 1200: a line may take at most 600 bytes.
  const limit = MARGIN + FIXED_PLAIN + 1200;
  const named = (length: number): Verdict => ({
    ...plain,
    offenders: Array.from({ length: 10 }, (_, i) => `${String(i).padStart(2, '0')}${'y'.repeat(length - 2)}`),
  });
  it('keeps a line of exactly the longest length whole', () => {
    const alerts = offenderAlerts(rule, target, named(595), limit);
    expect(alerts[0]?.message.endsWith(`\n  - 00${'y'.repeat(593)}\n  - 01${'y'.repeat(593)}`)).toBe(true);
    expect(alerts[0]?.message).not.toContain('[truncated]');
  });
  it('cuts a longer line to a third of the room left after 20 bytes, and marks it', () => {
    const alerts = offenderAlerts(rule, target, named(596), limit);
    // floor((600 - 20) / 3) = 193 UTF-16 units of "\n  - " + name.
    const cut = `\n  - 00${'y'.repeat(193 - 7)} [truncated]`;
    expect(alerts[0]?.message.split('\nOffenders (10):')[1]?.startsWith(`${cut}\n  - 01`)).toBe(true);
  });
});
