import {
  type AdvancedEventSelector,
  CloudTrailClient,
  type EventSelector,
  GetEventSelectorsCommand,
  type Trail,
} from '@aws-sdk/client-cloudtrail';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getTrailSelectors } from '../../functions/lookups/cloudtrail';
import { rule } from '../../functions/rules/glue-audit-trail-enabled';
import { createAwsContext } from '../../functions/runtime/aws';
import { evaluateAccount, ruleContext } from '../support/rule-context';

const arn = (name: string, account = '123456789012') =>
  `arn:aws:cloudtrail:us-east-1:${account}:trail/${name}`;
const trail = (name: string, o: Partial<Trail> = {}): Trail => ({
  Name: name,
  TrailARN: arn(name),
  IsMultiRegionTrail: true,
  HomeRegion: 'us-east-1',
  LogFileValidationEnabled: true,
  ...o,
});
interface State {
  logging?: boolean;
  eventSelectors?: EventSelector[];
  advancedEventSelectors?: AdvancedEventSelector[];
  unreadable?: boolean;
}
const ALL: EventSelector[] = [{ ReadWriteType: 'All', IncludeManagementEvents: true }];

function lookups(trails: Trail[], states: Record<string, State>) {
  return {
    trails: async () => trails,
    logging: async (a: string) => {
      if (states[a]?.unreadable)
        throw Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' });
      return states[a]?.logging ?? true;
    },
    selectors: async (a: string) => ({
      eventSelectors: states[a]?.eventSelectors ?? [],
      advancedEventSelectors: states[a]?.advancedEventSelectors ?? [],
    }),
  };
}

describe('Rule: glue-audit-trail-enabled', () => {
  it('1. no trail, or only single-region trails -> NON_COMPLIANT', async () => {
    // Act
    const none = await evaluateAccount(rule, lookups([], {}));
    const single = await evaluateAccount(
      rule,
      lookups([trail('local', { IsMultiRegionTrail: false })], { [arn('local')]: { eventSelectors: ALL } }),
    );
    // Assess
    expect(none).toEqual({ compliance: 'NON_COMPLIANT', annotation: 'No multi-region CloudTrail trail' });
    expect(single).toEqual(none);
  });

  it('2. a multi-region trail that is not logging -> NON_COMPLIANT, trail named', async () => {
    // Act
    const v = await evaluateAccount(
      rule,
      lookups([trail('org-audit')], { [arn('org-audit')]: { logging: false, eventSelectors: ALL } }),
    );
    // Assess
    expect(v).toEqual({
      compliance: 'NON_COMPLIANT',
      annotation: 'No multi-region trail logs all management events: org-audit (not logging)',
      offenders: ['org-audit (not logging)'],
    });
  });

  it('3. a logging multi-region trail with WriteOnly management events -> NON_COMPLIANT', async () => {
    // Act
    const v = await evaluateAccount(
      rule,
      lookups([trail('writes')], {
        [arn('writes')]: { eventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true }] },
      }),
    );
    // Assess
    expect(v.compliance).toBe('NON_COMPLIANT');
    expect(v.offenders).toEqual(['writes (no read management events)']);
  });

  it('4. classic selectors ReadWriteType All with management events -> COMPLIANT', async () => {
    // Prepare: the first trail only logs data events; the second qualifies.
    const trails = [trail('a-data-only'), trail('b-audit')];
    const states: Record<string, State> = {
      [arn('a-data-only')]: {
        eventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: false }] as EventSelector[],
      },
      [arn('b-audit')]: {
        eventSelectors: [
          { ReadWriteType: 'ReadOnly', IncludeManagementEvents: true },
          { ReadWriteType: 'WriteOnly' },
        ] as EventSelector[],
      },
    };
    // Act
    const v = await evaluateAccount(rule, lookups(trails, states));
    // Assess
    expect(v).toEqual({
      compliance: 'COMPLIANT',
      annotation: 'Trail b-audit is multi-region and logging read and write management events',
    });
  });

  it('5. advanced selectors eventCategory Management, no readOnly field -> COMPLIANT', async () => {
    // Act
    const v = await evaluateAccount(
      rule,
      lookups([trail('adv')], {
        [arn('adv')]: {
          advancedEventSelectors: [
            {
              Name: 'Management events',
              FieldSelectors: [
                { Field: 'eventCategory', Equals: ['Management'] },
                { Field: 'eventSource', NotEquals: ['kms.amazonaws.com'] },
              ],
            },
          ],
        },
      }),
    );
    // Assess
    expect(v.compliance).toBe('COMPLIANT');
  });

  it('6. advanced selectors with readOnly = true only -> NON_COMPLIANT', async () => {
    // Act
    const v = await evaluateAccount(
      rule,
      lookups([trail('reads')], {
        [arn('reads')]: {
          advancedEventSelectors: [
            {
              FieldSelectors: [
                { Field: 'eventCategory', Equals: ['Management'] },
                { Field: 'readOnly', Equals: ['true'] },
              ],
            },
            {
              FieldSelectors: [
                { Field: 'eventCategory', Equals: ['Management'] },
                { Field: 'eventSource', NotEquals: ['glue.amazonaws.com'] },
              ],
            },
          ],
        },
      }),
    );
    // Assess
    expect(v.offenders).toEqual(['reads (no write management events)']);
  });

  it('7. requireLogFileValidation true and the trail does not validate -> NON_COMPLIANT', async () => {
    // Prepare
    const trails = [trail('audit', { LogFileValidationEnabled: false })];
    const states = { [arn('audit')]: { eventSelectors: ALL } };
    // Act
    const strict = await evaluateAccount(rule, lookups(trails, states), { requireLogFileValidation: 'true' });
    const lax = await evaluateAccount(rule, lookups(trails, states));
    // Assess
    expect(strict.offenders).toEqual(['audit (log file validation off)']);
    expect(lax.compliance).toBe('COMPLIANT');
  });

  it("8. another account's trail whose status cannot be read -> NON_COMPLIANT, reason named", async () => {
    // Prepare
    const orgArn = arn('org-trail', '999988887777');
    const trails = [trail('org-trail', { TrailARN: orgArn, IsOrganizationTrail: true })];
    // Act
    const v = await evaluateAccount(rule, lookups(trails, { [orgArn]: { unreadable: true } }));
    // Assess
    expect(v.compliance).toBe('NON_COMPLIANT');
    expect(v.offenders).toEqual(['org-trail (status unreadable: not authorized)']);
    // This account's own trail must be readable: that is an error, not a finding.
    await expect(
      evaluateAccount(rule, lookups([trail('own')], { [arn('own')]: { unreadable: true } })),
    ).rejects.toThrow('not authorized');
  });

  it('9. an invalid requireLogFileValidation -> error naming the parameter', () => {
    // Act / Assess
    expect(() => ruleContext(rule, {}, { requireLogFileValidation: 'sometimes' })).toThrow(
      /Invalid rule parameter 'requireLogFileValidation'/,
    );
  });

  it('10. a trail whose GetEventSelectors returns no selectors -> NON_COMPLIANT, trail named', async () => {
    // Prepare: AWS stores the default selector on a trail created without one, so an empty answer
    // means nothing is selected; a later trail with the default selector still qualifies.
    const trails = [trail('a-empty'), trail('b-default')];
    const states = { [arn('b-default')]: { eventSelectors: ALL } };
    // Act
    const alone = await evaluateAccount(rule, lookups([trail('a-empty')], {}));
    const withDefault = await evaluateAccount(rule, lookups(trails, states));
    // Assess
    expect(alone).toEqual({
      compliance: 'NON_COMPLIANT',
      annotation: 'No multi-region trail logs all management events: a-empty (no event selectors)',
      offenders: ['a-empty (no event selectors)'],
    });
    expect(withDefault.compliance).toBe('COMPLIANT');
  });

  it('11. a multi-region trail whose home is another region -> judged by its state, asked by ARN', async () => {
    // Prepare: scanned from eu-west-1, the trail lives in us-east-1 (DescribeTrails lists it as a shadow trail)
    const asked: string[] = [];
    const home = trail('org-audit', { HomeRegion: 'us-east-1' });
    const base = lookups([home], { [arn('org-audit')]: { eventSelectors: ALL } });
    // Act
    const v = await evaluateAccount(rule, {
      ...base,
      logging: async (a: string) => {
        asked.push(`status ${a}`);
        return base.logging(a);
      },
      selectors: async (a: string) => {
        asked.push(`selectors ${a}`);
        return base.selectors(a);
      },
    });
    // Assess: the ARN, never the bare name (a name only finds trails of the caller's region)
    expect(v.compliance).toBe('COMPLIANT');
    expect(asked).toEqual([`status ${arn('org-audit')}`, `selectors ${arn('org-audit')}`]);
  });
});

describe('Lookup: getTrailSelectors of a shadow trail', () => {
  afterEach(() => vi.restoreAllMocks());

  /** CloudTrail as seen from each region: what GetEventSelectors answers there (an error name, or selectors). */
  function cloudTrail(answers: Record<string, string | EventSelector[]>): string[] {
    const asked: string[] = [];
    vi.spyOn(CloudTrailClient.prototype, 'send').mockImplementation(async function (
      this: CloudTrailClient,
      command: unknown,
    ) {
      expect(command).toBeInstanceOf(GetEventSelectorsCommand);
      const region = await this.config.region();
      asked.push(region);
      const answer = answers[region];
      if (typeof answer === 'string')
        throw Object.assign(new Error(`${answer} in ${region}`), { name: answer });
      return { EventSelectors: answer ?? [] };
    });
    return asked;
  }
  const aws = () =>
    createAwsContext({ region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });

  it('asks the home region (from the ARN) when this region does not hold the trail', async () => {
    for (const code of ['TrailNotFoundException', 'InvalidHomeRegionException']) {
      // Prepare
      vi.restoreAllMocks();
      const asked = cloudTrail({ 'eu-west-1': code, 'us-east-1': ALL });
      // Act
      const selectors = await getTrailSelectors(aws(), arn('org-audit'));
      // Assess
      expect({ code, asked, selectors }).toEqual({
        code,
        asked: ['eu-west-1', 'us-east-1'],
        selectors: { eventSelectors: ALL, advancedEventSelectors: [] },
      });
    }
  });

  it('asks only this region when it answers, and never retries a refusal or a trail of this region elsewhere', async () => {
    // Prepare / Act / Assess: answered here
    let asked = cloudTrail({ 'eu-west-1': ALL });
    expect((await getTrailSelectors(aws(), arn('org-audit'))).eventSelectors).toEqual(ALL);
    expect(asked).toEqual(['eu-west-1']);
    // Access denied here is the answer (the permission is missing), not a reason to ask elsewhere
    vi.restoreAllMocks();
    asked = cloudTrail({ 'eu-west-1': 'AccessDeniedException', 'us-east-1': ALL });
    await expect(getTrailSelectors(aws(), arn('org-audit'))).rejects.toThrow('AccessDeniedException');
    expect(asked).toEqual(['eu-west-1']);
    // A trail whose home is this region and that is not found: no other region to ask
    vi.restoreAllMocks();
    asked = cloudTrail({ 'eu-west-1': 'TrailNotFoundException' });
    const local = 'arn:aws:cloudtrail:eu-west-1:123456789012:trail/gone';
    await expect(getTrailSelectors(aws(), local)).rejects.toThrow('TrailNotFoundException');
    expect(asked).toEqual(['eu-west-1']);
  });
});
