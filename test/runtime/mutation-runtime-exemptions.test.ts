// Issue 11: pins the exact texts and boundaries of functions/runtime/exemptions.ts that the
// existing exemption tests left open (Stryker survivors of the runtime slice).
import { describe, expect, it } from 'vitest';
import {
  annotateVerdict,
  dayNumber,
  type Exemption,
  type ExemptionNote,
  type ExemptionSettings,
  exemptionEnv,
  exemptionFromTags,
  exemptOffenders,
  expiryProblem,
  findExemption,
  glueArnOf,
  InvalidExemptionError,
  offenderName,
  parseExemptions,
  parseExemptionsJson,
  partitionOf,
} from '../../functions/runtime/exemptions';
import { Compliance, type Verdict } from '../../functions/runtime/types';

const TODAY = '2026-12-05';
const ok = { resourceId: 'etl', reason: 'legacy', approver: 'alice', expires: '2027-01-31' };
const TAG = 'glue-guardrails:exempt:glue-job-tagged';

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidExemptionError) return error.problems;
    throw error;
  }
  throw new Error('expected an InvalidExemptionError');
}

describe('InvalidExemptionError', () => {
  it('has its name and lists every problem on its own line', () => {
    const error = new InvalidExemptionError(['first', 'second']);
    expect(error.name).toBe('InvalidExemptionError');
    expect(error.message).toBe('Invalid exemption(s):\n  - first\n  - second');
  });
});

describe('dayNumber', () => {
  it('counts days since the epoch for a real date', () => {
    expect(dayNumber('2026-02-28')).toBe(20512);
    expect(dayNumber('2000-01-01')).toBe(10957);
  });
  it('rejects a month past December (the day stays the same)', () => {
    expect(dayNumber('2026-13-01')).toBeUndefined();
  });
  it('rejects a day past the end of the month (the year stays the same)', () => {
    expect(dayNumber('2026-02-30')).toBeUndefined();
  });
  it('rejects text that is not YYYY-MM-DD', () => {
    expect(dayNumber('2026-2-28')).toBeUndefined();
  });
});

describe('parseExemptions problem texts', () => {
  it('labels a non-string rule with ? and says it must be a rule id', () => {
    expect(problemsOf(() => parseExemptions([{ ...ok, rule: 5 }], { today: TODAY }))).toEqual([
      'exemptions[0] (? / etl): rule must be a rule id',
    ]);
  });
  it('rejects a string rule that is not a rule id', () => {
    expect(problemsOf(() => parseExemptions([{ ...ok, rule: 'Bad_Rule' }], { today: TODAY }))).toEqual([
      'exemptions[0] (Bad_Rule / etl): rule must be a rule id',
    ]);
  });
  it('labels a non-string resource id with ?', () => {
    expect(
      problemsOf(() =>
        parseExemptions([{ ...ok, rule: 'glue-job-tagged', resourceId: 7 }], { today: TODAY }),
      ),
    ).toEqual(['exemptions[0] (glue-job-tagged / ?): resourceId must be a string']);
  });
  it('clips a label part over 80 characters to 77 and an ellipsis, and keeps one of 80', () => {
    const long = 'x'.repeat(81);
    const exact = 'y'.repeat(80);
    const problems = problemsOf(() =>
      parseExemptions(
        [
          { ...ok, rule: 'glue-job-tagged', resourceId: long, reason: '' },
          { ...ok, rule: 'glue-job-tagged', resourceId: exact, reason: '' },
        ],
        { today: TODAY },
      ),
    );
    expect(problems).toEqual([
      `exemptions[0] (glue-job-tagged / ${'x'.repeat(77)}...): reason is empty`,
      `exemptions[1] (glue-job-tagged / ${exact}): reason is empty`,
    ]);
  });
  it('accepts a reason of exactly 256 characters and rejects 257', () => {
    const at = 'r'.repeat(256);
    expect(
      parseExemptions([{ ...ok, rule: 'glue-job-tagged', reason: at }], { today: TODAY })[0]?.reason,
    ).toBe(at);
    expect(
      problemsOf(() =>
        parseExemptions([{ ...ok, rule: 'glue-job-tagged', reason: `${at}r` }], { today: TODAY }),
      ),
    ).toEqual(['exemptions[0] (glue-job-tagged / etl): reason is over 256 characters (257)']);
  });
  it('says a non-string expiry must be a date', () => {
    expect(
      problemsOf(() =>
        parseExemptions([{ ...ok, rule: 'glue-job-tagged', expires: 20270131 }], { today: TODAY }),
      ),
    ).toEqual(['exemptions[0] (glue-job-tagged / etl): expires must be a date YYYY-MM-DD']);
  });
  it('trims an approver before checking its characters (a no-break space is not allowed inside)', () => {
    const [e] = parseExemptions([{ ...ok, rule: 'glue-job-tagged', approver: '\u00a0alice\u00a0' }], {
      today: TODAY,
    });
    expect(e?.approver).toBe('alice');
    expect(
      problemsOf(() =>
        parseExemptions([{ ...ok, rule: 'glue-job-tagged', approver: 'al\u00a0ice' }], { today: TODAY }),
      ),
    ).toEqual([
      'exemptions[0] (glue-job-tagged / etl): approver may hold only letters, digits, spaces and _ . : = + @ -',
    ]);
  });
  it('names the list "exemptions" when bad JSON comes without a name', () => {
    const [problem] = problemsOf(() => parseExemptionsJson('[', { today: TODAY }));
    expect(problem?.startsWith('exemptions is not valid JSON (')).toBe(true);
  });
});

describe('expiryProblem', () => {
  it('throws when today itself is not a date', () => {
    expect(() => expiryProblem('2027-01-31', { today: 'soon', maxDays: 365, rejectExpired: true })).toThrow(
      'today "soon" is not a date',
    );
  });
});

describe('exemptionFromTags', () => {
  const options = { today: TODAY, maxDays: 365 };
  it('accepts a tag value of exactly 256 characters', () => {
    const reason = 'r'.repeat(256 - '2027-01-31/alice/'.length);
    const value = `2027-01-31/alice/${reason}`;
    expect(value.length).toBe(256);
    expect(exemptionFromTags({ [TAG]: value }, 'glue-job-tagged', 'etl', options)).toEqual({
      exemption: {
        rule: 'glue-job-tagged',
        resourceId: 'etl',
        expires: '2027-01-31',
        approver: 'alice',
        reason,
      },
    });
  });
  it('reads a value starting with the separator as an empty expiry', () => {
    expect(exemptionFromTags({ [TAG]: '/alice/legacy' }, 'glue-job-tagged', 'etl', options)).toEqual({
      problem: `tag ${TAG}: expires "" is not a date YYYY-MM-DD`,
    });
  });
  it('keeps an expired tag (it is reported as expired later, not rejected)', () => {
    expect(
      exemptionFromTags({ [TAG]: '2026-01-01/alice/legacy' }, 'glue-job-tagged', 'etl', options),
    ).toEqual({
      exemption: {
        rule: 'glue-job-tagged',
        resourceId: 'etl',
        expires: '2026-01-01',
        approver: 'alice',
        reason: 'legacy',
      },
    });
  });
  it('reports an error that is not an exemption problem as the tag problem', () => {
    expect(
      exemptionFromTags({ [TAG]: '2027-01-31/alice/legacy' }, 'glue-job-tagged', 'etl', {
        today: 'soon',
        maxDays: 365,
      }),
    ).toEqual({ problem: `tag ${TAG}: Error: today "soon" is not a date` });
  });
});

const settings = (deployment: Exemption[], tagsAllowed = false): ExemptionSettings => ({
  deployment,
  tagsAllowed,
  maxDays: 365,
  today: TODAY,
});

describe('findExemption', () => {
  it('ignores deployment exemptions of another rule or another resource', () => {
    const other: Exemption[] = [
      { ...ok, rule: 'glue-job-logging', resourceId: 'etl' },
      { ...ok, rule: 'glue-job-tagged', resourceId: 'other' },
    ];
    expect(findExemption(settings(other), 'glue-job-tagged', 'etl')).toEqual({});
  });
  it('reports a malformed tag as ignored when tags are allowed', () => {
    expect(findExemption(settings([], true), 'glue-job-tagged', 'etl', { [TAG]: 'no-separators' })).toEqual({
      ignoredTag: `tag ${TAG}: the value is not <expires>/<approver>/<reason> (ignored)`,
    });
  });
});

describe('annotateVerdict', () => {
  const note: ExemptionNote = {
    rule: 'glue-job-tagged',
    ...ok,
    source: 'deployment',
    status: 'active',
  };
  const verdict: Verdict = { compliance: Compliance.NON_COMPLIANT, annotation: 'No tags.' };
  it('adds an active note as the only exemption', () => {
    expect(annotateVerdict(verdict, { note })).toEqual({ ...verdict, exemptions: [note] });
  });
  it('appends the note after the exemptions the verdict had', () => {
    const earlier = { ...note, resourceId: 'earlier' };
    expect(annotateVerdict({ ...verdict, exemptions: [earlier] }, { note }).exemptions).toEqual([
      earlier,
      note,
    ]);
  });
  it('adds no exemptions for an ignored tag alone', () => {
    const out = annotateVerdict(verdict, { ignoredTag: 'tag x ignored' });
    expect(out).toEqual({ compliance: Compliance.NON_COMPLIANT, annotation: 'tag x ignored. No tags.' });
    expect('exemptions' in out).toBe(false);
  });
});

describe('offenderName', () => {
  it('cuts at a " (" that starts the text', () => {
    expect(offenderName(' (reason)')).toBe('');
  });
});

describe('exemptOffenders', () => {
  const describe2 = (prefix: string, names: readonly string[]) => `${prefix}: ${names.join(', ')}`;
  const verdict: Verdict = {
    compliance: Compliance.NON_COMPLIANT,
    annotation: 'x',
    offenders: ['a (why)', 'b', 'c'],
  };
  const rule = 'glue-job-tagged';
  it('keeps an offender whose exemption expired, naming the expiry', () => {
    const expired: Exemption = { ...ok, rule, resourceId: 'b', expires: '2026-01-01' };
    const out = exemptOffenders(verdict, settings([expired]), rule, describe2);
    expect(out.annotation).toBe(
      '3 offender(s) not exempt (0 exempt, exemption expired for b): a (why), b, c',
    );
    expect(out.offenders).toEqual(['a (why)', 'b', 'c']);
    expect(out.exemptions).toEqual([{ ...expired, source: 'deployment', status: 'expired' }]);
  });
  it('says nothing of expiry when only active exemptions apply', () => {
    const active: Exemption = { ...ok, rule, resourceId: 'a' };
    const out = exemptOffenders(verdict, settings([active]), rule, describe2);
    expect(out.annotation).toBe('2 offender(s) not exempt (1 exempt): b, c');
    expect(out.offenders).toEqual(['b', 'c']);
  });
});

describe('partitionOf and glueArnOf', () => {
  it('maps regions to their partition', () => {
    expect(partitionOf('cn-north-1')).toBe('aws-cn');
    expect(partitionOf('us-gov-west-1')).toBe('aws-us-gov');
    expect(partitionOf('eu-west-1')).toBe('aws');
    expect(partitionOf('xx-cn-')).toBe('aws');
    expect(partitionOf('xx-us-gov-')).toBe('aws');
  });
  const where = { region: 'cn-north-1', accountId: '123456789012' };
  it('builds job and ML transform ARNs', () => {
    expect(glueArnOf('AWS::Glue::Job', 'etl', where)).toBe('arn:aws-cn:glue:cn-north-1:123456789012:job/etl');
    expect(glueArnOf('AWS::Glue::MLTransform', 'tfm-1', where)).toBe(
      'arn:aws-cn:glue:cn-north-1:123456789012:mlTransform/tfm-1',
    );
  });
  it('has no ARN for other types or an empty id', () => {
    expect(glueArnOf('AWS::Glue::Crawler', 'c', where)).toBeUndefined();
    expect(glueArnOf('AWS::Glue::Job', '', where)).toBeUndefined();
  });
});

describe('exemptionEnv', () => {
  it('trims the days and the path', () => {
    expect(
      exemptionEnv({ GLUE_GUARDRAILS_EXEMPTION_MAX_DAYS: ' 30 ', GLUE_GUARDRAILS_EXEMPTIONS_PATH: ' /x/y ' }),
    ).toEqual({ path: '/x/y', tagsAllowed: false, maxDays: 30 });
  });
  it('accepts 1 and 1096 days and rejects 0 and 1097', () => {
    expect(exemptionEnv({ GLUE_GUARDRAILS_EXEMPTION_MAX_DAYS: '1' }).maxDays).toBe(1);
    expect(exemptionEnv({ GLUE_GUARDRAILS_EXEMPTION_MAX_DAYS: '1096' }).maxDays).toBe(1096);
    expect(() => exemptionEnv({ GLUE_GUARDRAILS_EXEMPTION_MAX_DAYS: '0' })).toThrow(
      "GLUE_GUARDRAILS_EXEMPTION_MAX_DAYS must be a whole number of days from 1 to 1096, got '0'",
    );
    expect(() => exemptionEnv({ GLUE_GUARDRAILS_EXEMPTION_MAX_DAYS: '1097' })).toThrow("got '1097'");
  });
});
