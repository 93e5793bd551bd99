import { defineRuleMeta, Severity } from '../../runtime/meta';
import { requiredTagKeys } from './shared';

/** The metadata of glue-job-tagged (evaluation: functions/rules/glue-job-tagged.ts). */
export const meta = defineRuleMeta({
  scope: 'resource',
  id: 'glue-job-tagged',
  description: 'Glue jobs carry user tags, including every required tag key.',
  control: 'Access control: tag-based access control',
  severity: Severity.LOW,
  resourceType: 'AWS::Glue::Job',
  resourceTypes: ['AWS::Glue::Job'],
  parameters: { requiredTagKeys: requiredTagKeys() },
  iam: ['glue:GetJobs', 'tag:GetResources'],
});
