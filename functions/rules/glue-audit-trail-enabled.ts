import type { AdvancedEventSelector, EventSelector, Trail } from '@aws-sdk/client-cloudtrail';
import { getTrailLogging, getTrailSelectors, listTrails } from '../lookups/cloudtrail';
import { errorMessage } from '../runtime/errors';
import { describeOffenders } from '../runtime/evaluations';
import { defineRule } from '../runtime/rule';
import { Compliance } from '../runtime/types';
import { meta } from './meta/glue-audit-trail-enabled';

interface Coverage {
  read: boolean;
  write: boolean;
}

/**
 * Management-event coverage of classic selectors. `ReadWriteType` and `IncludeManagementEvents`
 * default to All and true within a selector (CloudTrail API reference, EventSelector); selectors
 * are ORed, and no selector at all covers nothing.
 */
export function classicCoverage(selectors: readonly EventSelector[]): Coverage {
  const c: Coverage = { read: false, write: false };
  for (const s of selectors) {
    if (s.IncludeManagementEvents === false) continue;
    const rw = s.ReadWriteType ?? 'All';
    if (rw === 'All' || rw === 'ReadOnly') c.read = true;
    if (rw === 'All' || rw === 'WriteOnly') c.write = true;
  }
  return c;
}

const GLUE_SOURCE = 'glue.amazonaws.com';

/**
 * Management-event coverage of advanced selectors for Glue: a selector with
 * `eventCategory = Management`; a `readOnly` field narrows it to reads or writes; an `eventSource`
 * field that leaves out glue.amazonaws.com excludes Glue. Fields of one selector are ANDed,
 * selectors are ORed (CloudTrail API reference, AdvancedFieldSelector).
 */
export function advancedCoverage(selectors: readonly AdvancedEventSelector[]): Coverage {
  const c: Coverage = { read: false, write: false };
  for (const s of selectors) {
    const fields = s.FieldSelectors ?? [];
    const field = (name: string) => fields.filter((f) => f.Field === name);
    const management = field('eventCategory').some((f) => f.Equals?.includes('Management'));
    if (!management) continue;
    const glueExcluded = field('eventSource').some(
      (f) =>
        (f.Equals !== undefined && !f.Equals.includes(GLUE_SOURCE)) ||
        (f.NotEquals?.includes(GLUE_SOURCE) ?? false),
    );
    if (glueExcluded) continue;
    const readOnly = field('readOnly').flatMap((f) => f.Equals ?? []);
    const readOnlyNot = field('readOnly').flatMap((f) => f.NotEquals ?? []);
    const allows = (v: 'true' | 'false') =>
      (readOnly.length === 0 || readOnly.includes(v)) && !readOnlyNot.includes(v);
    if (allows('true')) c.read = true;
    if (allows('false')) c.write = true;
  }
  return c;
}

function accountOf(arn: string): string | undefined {
  return arn.split(':')[4];
}

/**
 * A multi-region CloudTrail trail is logging management events, read and write, so every Glue API
 * call is captured (AWS Glue logs its API calls as CloudTrail management events). Periodic against
 * the account. Calls: one DescribeTrails (includeShadowTrails, not paged), then a GetTrailStatus
 * and a GetEventSelectors per multi-region trail until one qualifies (a region holds at most a few
 * trails). With `requireLogFileValidation`, the qualifying trail must also validate its log files
 * (integrity evidence for audits). A trail whose status cannot be read (an organization trail seen
 * from a member account may refuse it) is named, never assumed to log; a trail of this account
 * that cannot be read is an error naming the missing permission.
 *
 * A trail created without selectors is *configured* with the default selector (ReadWriteType All,
 * IncludeManagementEvents true), which GetEventSelectors then returns ("By default, trails created
 * without specific event selectors are configured to log all read and write management events":
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_PutEventSelectors.html; and
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html).
 * So a trail whose GetEventSelectors answers with neither classic nor advanced selectors selects
 * no event: it is named ("no event selectors"), never assumed to log.
 *
 * Scenarios:
 *  1. No trail, or only single-region trails                              -> NON_COMPLIANT
 *  2. A multi-region trail that is not logging                            -> NON_COMPLIANT, trail named
 *  3. A logging multi-region trail with WriteOnly management events       -> NON_COMPLIANT
 *  4. Classic selectors ReadWriteType All, management events included    -> COMPLIANT
 *  5. Advanced selectors eventCategory Management, no readOnly field      -> COMPLIANT
 *  6. Advanced selectors with readOnly = true only                        -> NON_COMPLIANT
 *  7. requireLogFileValidation true and the trail does not validate       -> NON_COMPLIANT
 *  8. Another account's (organization) trail whose status cannot be read -> NON_COMPLIANT, reason named
 *     (this account's own trail unreadable: an error naming the permission)
 *  9. Invalid requireLogFileValidation                                    -> error naming the parameter
 * 10. GetEventSelectors returns no selectors at all                       -> NON_COMPLIANT, trail named
 * 11. A multi-region trail whose home is another region (a shadow trail here) -> judged by its real
 *     state: status and selectors asked by ARN, the selectors in its home region when this region
 *     does not hold them (lookups/cloudtrail.ts getTrailSelectors), never an ERROR
 */
export const rule = defineRule({
  ...meta,
  lookups: { trails: listTrails, logging: getTrailLogging, selectors: getTrailSelectors },
  async evaluate({ params, lookups, accountId }) {
    const multiRegion = ((await lookups.trails()) as Trail[])
      .filter((t) => t.IsMultiRegionTrail && t.TrailARN)
      .sort((a, b) => (a.TrailARN ?? '').localeCompare(b.TrailARN ?? ''));
    if (multiRegion.length === 0) {
      return { compliance: Compliance.NON_COMPLIANT, annotation: 'No multi-region CloudTrail trail' };
    }
    const problems: string[] = [];
    for (const trail of multiRegion) {
      const arn = trail.TrailARN as string;
      const name = trail.Name ?? arn;
      let logging: boolean;
      let coverage: Coverage | undefined;
      try {
        logging = await lookups.logging(arn);
        const sel = await lookups.selectors(arn);
        if (sel.advancedEventSelectors.length > 0) coverage = advancedCoverage(sel.advancedEventSelectors);
        else if (sel.eventSelectors.length > 0) coverage = classicCoverage(sel.eventSelectors);
      } catch (error) {
        // Our own trail must be readable: a missing permission is an error, not a finding.
        if (accountOf(arn) === accountId) throw error;
        problems.push(`${name} (status unreadable: ${errorMessage(error)})`);
        continue;
      }
      if (!logging) problems.push(`${name} (not logging)`);
      else if (!coverage) problems.push(`${name} (no event selectors)`);
      else if (!coverage.read || !coverage.write) {
        const missing = !coverage.read && !coverage.write ? 'no' : coverage.read ? 'no write' : 'no read';
        problems.push(`${name} (${missing} management events)`);
      } else if (params.requireLogFileValidation && !trail.LogFileValidationEnabled) {
        problems.push(`${name} (log file validation off)`);
      } else {
        return {
          compliance: Compliance.COMPLIANT,
          annotation: `Trail ${name} is multi-region and logging read and write management events`,
        };
      }
    }
    return {
      compliance: Compliance.NON_COMPLIANT,
      annotation: describeOffenders('No multi-region trail logs all management events', problems),
      offenders: problems,
    };
  },
});
