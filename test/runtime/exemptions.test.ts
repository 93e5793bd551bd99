import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeAccountRule } from '../../bench/support/fake-rules';
import { offenderAlert, offenderAlerts } from '../../functions/runtime/alerts';
import { describeOffenders } from '../../functions/runtime/evaluations';
import {
  type Exemption,
  type ExemptionSettings,
  exemptionEnv,
  exemptionFromTags,
  exemptionTagKey,
  exemptionTagValue,
  exemptOffenders,
  findExemption,
  InvalidExemptionError,
  offenderName,
  parseExemptions,
  parseExemptionsJson,
} from '../../functions/runtime/exemptions';
import { Compliance } from '../../functions/runtime/types';

const TODAY = '2026-12-05';
const RULE = 'glue-job-logging-enabled';
const good = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  rule: RULE,
  resourceId: 'etl-orders',
  reason: 'Legacy job retired in Q1',
  approver: 'cro@bank.example',
  expires: '2027-03-31',
  ...over,
});
const validate = (list: unknown, maxDays?: number) =>
  parseExemptions(list, { today: TODAY, rules: [RULE, 'glue-connection-ssl-enforced'], maxDays });
const problemsOf = (list: unknown, maxDays?: number): readonly string[] => {
  try {
    validate(list, maxDays);
  } catch (error) {
    if (error instanceof InvalidExemptionError) return error.problems;
    throw error;
  }
  return [];
};

describe('Exemptions: the validator', () => {
  it('accepts a well-formed exemption, trimming reason and approver', () => {
    expect(validate([good({ approver: ' Jane Doe ', reason: ' ok ' })])).toEqual([
      { rule: RULE, resourceId: 'etl-orders', reason: 'ok', approver: 'Jane Doe', expires: '2027-03-31' },
    ]);
  });

  it('accepts an expiry today and exactly the maximum ahead', () => {
    expect(
      validate([good({ expires: TODAY }), good({ resourceId: 'b', expires: '2027-12-05' })]),
    ).toHaveLength(2);
  });

  it.each([
    ['not a list', { rule: RULE }, 'exemptions must be a list (JSON array)'],
    [
      'not an object',
      [42],
      'exemptions[0]: must be an object with rule, resourceId, reason, approver, expires',
    ],
    [
      'expired at creation',
      [good({ expires: '2026-12-04' })],
      `exemptions[0] (${RULE} / etl-orders): expires 2026-12-04 is before 2026-12-05: expired at creation`,
    ],
    [
      'over the maximum',
      [good({ expires: '2027-12-06' })],
      `exemptions[0] (${RULE} / etl-orders): expires 2027-12-06 is more than 365 days after 2026-12-05`,
    ],
    [
      'not a real date',
      [good({ expires: '2027-02-30' })],
      `exemptions[0] (${RULE} / etl-orders): expires "2027-02-30" is not a date YYYY-MM-DD`,
    ],
    [
      'a date in another format',
      [good({ expires: '31/03/2027' })],
      `exemptions[0] (${RULE} / etl-orders): expires "31/03/2027" is not a date YYYY-MM-DD`,
    ],
    [
      'an unknown rule',
      [good({ rule: 'glue-nothing-here' })],
      'exemptions[0] (glue-nothing-here / etl-orders): unknown rule glue-nothing-here',
    ],
    [
      'missing fields',
      [{ rule: RULE, expires: '2027-01-01' }],
      `exemptions[0] (${RULE} / ?): resourceId must be a string; reason must be a string; approver must be a string`,
    ],
    [
      'an unknown field and an empty reason',
      [good({ note: 'x', reason: '  ' })],
      `exemptions[0] (${RULE} / etl-orders): unknown field "note" (known: rule, resourceId, reason, approver, expires); reason is empty`,
    ],
    [
      'an approver with a slash',
      [good({ approver: 'risk/cro' })],
      `exemptions[0] (${RULE} / etl-orders): approver may hold only letters, digits, spaces and _ . : = + @ -`,
    ],
    [
      'a control character in the reason',
      [good({ reason: 'a\nb' })],
      `exemptions[0] (${RULE} / etl-orders): reason holds a control character`,
    ],
    [
      'a reason over 256 characters',
      [good({ reason: 'r'.repeat(257) })],
      `exemptions[0] (${RULE} / etl-orders): reason is over 256 characters (257)`,
    ],
    [
      'a duplicate',
      [good(), good({ reason: 'again' })],
      `exemptions[1] (${RULE} / etl-orders): the same rule and resource as exemptions[0]`,
    ],
  ])('rejects %s with a message naming it', (_, list, message) => {
    expect(problemsOf(list)).toEqual([message]);
  });

  it('names every bad exemption of a list, not only the first', () => {
    const problems = problemsOf([
      good({ resourceId: 'a', expires: '2020-01-01' }),
      good(),
      good({ resourceId: 'c', expires: '2099-01-01' }),
    ]);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('exemptions[0] (glue-job-logging-enabled / a)');
    expect(problems[1]).toContain('exemptions[2] (glue-job-logging-enabled / c)');
  });

  it('honours a configured maximum', () => {
    expect(problemsOf([good({ expires: '2027-01-05' })], 30)).toEqual([
      `exemptions[0] (${RULE} / etl-orders): expires 2027-01-05 is more than 30 days after 2026-12-05`,
    ]);
  });

  it('keeps an expired exemption when reading stored ones (it is reported as expired)', () => {
    const read = parseExemptions([good({ expires: '2026-01-01' })], { today: TODAY, rejectExpired: false });
    expect(read[0]?.expires).toBe('2026-01-01');
  });

  it('reports bad JSON as an InvalidExemptionError naming the source', () => {
    expect(() => parseExemptionsJson('[{', { today: TODAY, where: 'ex.json' })).toThrow(
      /ex\.json is not valid JSON/,
    );
  });

  it('never throws anything but InvalidExemptionError, whatever it is given', () => {
    const field = fc.oneof(fc.string(), fc.constant('2027-01-01'), fc.constant(RULE), fc.anything());
    const item = fc.oneof(
      fc.anything(),
      fc.record(
        { rule: field, resourceId: field, reason: field, approver: field, expires: field },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(
        fc.oneof(fc.anything(), fc.array(item, { maxLength: 5 })),
        fc.integer({ min: 1, max: 2000 }),
        (list, maxDays) => {
          try {
            const out = parseExemptions(list, { today: TODAY, maxDays });
            // What passes is well-formed.
            for (const e of out)
              expect(Object.keys(e).sort()).toEqual(['approver', 'expires', 'reason', 'resourceId', 'rule']);
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidExemptionError);
            expect((error as InvalidExemptionError).problems.length).toBeGreaterThan(0);
          }
        },
      ),
      { seed: 20261205, numRuns: 500 },
    );
  });
});

describe('Exemptions: the tag format', () => {
  const opts = { today: TODAY, maxDays: 365 };

  it('reads <expires>/<approver>/<reason>, the reason keeping its own slashes', () => {
    const tags = { [exemptionTagKey(RULE)]: '2027-01-31/cro@bank.example/s3://old/path until migration' };
    expect(exemptionFromTags(tags, RULE, 'etl', opts)).toEqual({
      exemption: {
        rule: RULE,
        resourceId: 'etl',
        expires: '2027-01-31',
        approver: 'cro@bank.example',
        reason: 's3://old/path until migration',
      },
    });
  });

  it('round-trips the value it writes', () => {
    const e: Exemption = {
      rule: RULE,
      resourceId: 'x',
      reason: 'why',
      approver: 'Ann',
      expires: '2027-02-01',
    };
    expect(exemptionFromTags({ [exemptionTagKey(RULE)]: exemptionTagValue(e) }, RULE, 'x', opts)).toEqual({
      exemption: e,
    });
  });

  it.each([
    [
      'no separators',
      'forever',
      `tag glue-guardrails:exempt:${RULE}: the value is not <expires>/<approver>/<reason>`,
    ],
    [
      'too far ahead',
      '2030-01-01/ann/why',
      `tag glue-guardrails:exempt:${RULE}: expires 2030-01-01 is more than 365 days after 2026-12-05`,
    ],
    [
      'over 256 characters',
      `2027-01-01/ann/${'r'.repeat(250)}`,
      `tag glue-guardrails:exempt:${RULE}: the value is over 256 characters`,
    ],
  ])('rejects a value with %s', (_, value, problem) => {
    expect(exemptionFromTags({ [exemptionTagKey(RULE)]: value }, RULE, 'x', opts)).toEqual({ problem });
  });

  it('never throws on any tag value: an exemption or a problem naming the tag', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 300 }), fc.stringMatching(/^\d{4}-\d\d-\d\d\/[a-z ]{0,5}\/.{0,20}$/)),
        (value) => {
          const out = exemptionFromTags({ [exemptionTagKey(RULE)]: value }, RULE, 'x', opts);
          expect(out).toBeDefined();
          if (out && 'problem' in out)
            expect(out.problem.startsWith(`tag ${exemptionTagKey(RULE)}: `)).toBe(true);
        },
      ),
      { seed: 20261205, numRuns: 300 },
    );
  });

  it('ignores tags of other rules', () => {
    expect(
      exemptionFromTags({ [exemptionTagKey('glue-job-tagged')]: '2027-01-01/a/b' }, RULE, 'x', opts),
    ).toBeUndefined();
  });
});

describe('Exemptions: which one applies', () => {
  const settings = (over: Partial<ExemptionSettings> = {}): ExemptionSettings => ({
    deployment: [],
    tagsAllowed: false,
    maxDays: 365,
    today: TODAY,
    ...over,
  });
  const e = (over: Partial<Exemption> = {}): Exemption => ({
    rule: RULE,
    resourceId: 'etl',
    reason: 'why',
    approver: 'ann',
    expires: '2027-01-01',
    ...over,
  });
  const tag = { [exemptionTagKey(RULE)]: '2027-02-01/bob/tagged' };

  it('finds an active deployment exemption, and reports it expired the day after its expiry', () => {
    expect(findExemption(settings({ deployment: [e()] }), RULE, 'etl').note?.status).toBe('active');
    expect(findExemption(settings({ deployment: [e({ expires: TODAY })] }), RULE, 'etl').note?.status).toBe(
      'active',
    );
    expect(
      findExemption(settings({ deployment: [e({ expires: '2026-12-04' })] }), RULE, 'etl').note?.status,
    ).toBe('expired');
  });

  it('ignores a tag unless the deployment allows tag exemptions for the rule, and says so', () => {
    const denied = findExemption(settings(), RULE, 'etl', tag);
    expect(denied.note).toBeUndefined();
    expect(denied.ignoredTag).toBe(
      `tag glue-guardrails:exempt:${RULE} ignored: this deployment does not allow tag exemptions for ${RULE}`,
    );
    const allowed = findExemption(settings({ tagsAllowed: true }), RULE, 'etl', tag);
    expect(allowed.note).toMatchObject({ source: 'tag', approver: 'bob', status: 'active' });
  });

  it('prefers an active exemption to an expired one', () => {
    const found = findExemption(
      settings({ tagsAllowed: true, deployment: [e({ expires: '2026-01-01' })] }),
      RULE,
      'etl',
      tag,
    );
    expect(found.note).toMatchObject({ source: 'tag', status: 'active' });
  });

  it('names offenders by the text before their reason', () => {
    expect(offenderName('conn-a (JDBC_ENFORCE_SSL not true)')).toBe('conn-a');
    expect(offenderName('job-b')).toBe('job-b');
  });

  it('leaves active exempt offenders out of an account verdict and keeps expired ones', () => {
    const verdict = {
      compliance: Compliance.NON_COMPLIANT,
      annotation: '3 of 3 database connections do not enforce SSL: a (x), b (x), c (x)',
      offenders: ['a (x)', 'b (x)', 'c (x)'],
    };
    const out = exemptOffenders(
      verdict,
      settings({
        deployment: [e({ resourceId: 'a' }), e({ resourceId: 'b', expires: '2026-11-30' })],
      }),
      RULE,
      describeOffenders,
    );
    expect(out.compliance).toBe('NON_COMPLIANT');
    expect(out.offenders).toEqual(['b (x)', 'c (x)']);
    expect(out.annotation).toBe('2 offender(s) not exempt (1 exempt, exemption expired for b): b (x), c (x)');
    expect(out.exemptions?.map((n) => `${n.resourceId} ${n.status}`)).toEqual(['a active', 'b expired']);
  });

  it('makes an account verdict NOT_APPLICABLE when every offender is exempt', () => {
    const out = exemptOffenders(
      { compliance: Compliance.NON_COMPLIANT, annotation: 'x', offenders: ['a (x)'] },
      settings({ deployment: [e({ resourceId: 'a' })] }),
      RULE,
      describeOffenders,
    );
    expect(out).toMatchObject({
      compliance: 'NOT_APPLICABLE',
      annotation: 'Every offender is exempt (1): a until 2027-01-01',
    });
    expect(out.offenders).toBeUndefined();
  });
});

describe('Exemptions: the function environment', () => {
  it('reads the path, the tag setting and the maximum', () => {
    expect(
      exemptionEnv({
        GLUE_GUARDRAILS_EXEMPTIONS_PATH: '/glue-guardrails/exemptions/x',
        GLUE_GUARDRAILS_TAG_EXEMPTIONS: 'true',
        GLUE_GUARDRAILS_EXEMPTION_MAX_DAYS: '90',
      }),
    ).toEqual({ path: '/glue-guardrails/exemptions/x', tagsAllowed: true, maxDays: 90 });
    expect(exemptionEnv({})).toEqual({ tagsAllowed: false, maxDays: 365 });
  });

  it('refuses a malformed maximum', () => {
    expect(() => exemptionEnv({ GLUE_GUARDRAILS_EXEMPTION_MAX_DAYS: '1e3' })).toThrow(
      "GLUE_GUARDRAILS_EXEMPTION_MAX_DAYS must be a whole number of days from 1 to 1096, got '1e3'",
    );
  });
});

describe('Exemptions: the alert text', () => {
  const rule = fakeAccountRule(false);
  const target = {
    resourceType: 'AWS::::Account',
    resourceId: '123456789012',
    accountId: '123456789012',
    region: 'us-east-1',
  };
  const note = (resourceId: string, status: 'active' | 'expired') => ({
    rule: rule.id,
    resourceId,
    reason: 'Vendor gateway',
    approver: 'ciso',
    expires: '2027-01-01',
    source: 'deployment' as const,
    status,
  });

  it('lists exempt offenders and expired exemptions before the offenders', () => {
    const alert = offenderAlert(rule, target, {
      compliance: Compliance.NON_COMPLIANT,
      annotation: '1 offender(s) not exempt (1 exempt, exemption expired for b)',
      offenders: ['b (no SSL)'],
      exemptions: [note('a', 'active'), note('b', 'expired')],
    });
    expect(alert?.message.split('\n').slice(4)).toEqual([
      '',
      'Exempt, left out of the offenders (1):',
      '  - a: until 2027-01-01, approved by ciso (deployment): Vendor gateway',
      '',
      'Exemption expired, evaluated as usual (1):',
      '  - b: expired 2027-01-01, approved by ciso (deployment): Vendor gateway',
      '',
      'Offenders (1):',
      '  - b (no SSL)',
    ]);
  });

  it('puts the exemption block in the first part only when the list is split', () => {
    const offenders = Array.from({ length: 400 }, (_, i) => `conn-${String(i).padStart(3, '0')} (no SSL)`);
    const parts = offenderAlerts(
      rule,
      target,
      {
        compliance: Compliance.NON_COMPLIANT,
        annotation: 'many',
        offenders,
        exemptions: [note('kept-out', 'active')],
      },
      12_000,
    );
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.map((p) => p.message.includes('Exempt, left out of the offenders (1):'))).toEqual(
      parts.map((_, i) => i === 0),
    );
    const listed = parts.flatMap((p) =>
      p.message
        .slice(p.message.indexOf('Offenders ('))
        .split('\n')
        .filter((l) => l.startsWith('  - ')),
    );
    expect(listed).toEqual(offenders.map((o) => `  - ${o}`));
  });
});
