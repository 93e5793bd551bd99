import { defineRuleMeta, Frequency, Severity } from '../../runtime/meta';
import { requiredTagKeys } from './shared';

/** The metadata of glue-connection-tagged (evaluation: functions/rules/glue-connection-tagged.ts). */
export const meta = defineRuleMeta({
  scope: 'account',
  id: 'glue-connection-tagged',
  description: 'Every Glue connection carries user tags, including every required tag key.',
  control: 'Access control: tag-based access control on connections',
  severity: Severity.LOW,
  periodic: Frequency.TWENTY_FOUR_HOURS,
  parameters: { requiredTagKeys: requiredTagKeys() },
  iam: ['glue:GetConnections', 'tag:GetResources'],
});
