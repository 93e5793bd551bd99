import { defineRuleMeta, Frequency, Severity } from '../../runtime/meta';
import { bool } from '../../runtime/parameters';
import { EQUIVALENTS, mappedFrom } from './frameworks';

/** The metadata of glue-audit-trail-enabled (evaluation: functions/rules/glue-audit-trail-enabled.ts). */
export const meta = defineRuleMeta({
  scope: 'account',
  id: 'glue-audit-trail-enabled',
  description:
    'A multi-region CloudTrail trail is logging read and write management events (Glue API calls).',
  control: 'Logging and monitoring: audit trail of Glue API calls',
  severity: Severity.HIGH,
  periodic: Frequency.TWENTY_FOUR_HOURS,
  parameters: {
    requireLogFileValidation: bool(
      false,
      'Also require CloudTrail log file integrity validation on the trail',
    ),
  },
  iam: ['cloudtrail:DescribeTrails', 'cloudtrail:GetTrailStatus', 'cloudtrail:GetEventSelectors'],
  frameworks: mappedFrom(EQUIVALENTS.CLOUDTRAIL_1),
});
