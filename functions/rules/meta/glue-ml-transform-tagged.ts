import { defineRuleMeta, Severity } from '../../runtime/meta';
import { ML_TRANSFORM_TYPE, requiredTagKeys } from './shared';

/** The metadata of glue-ml-transform-tagged (evaluation: functions/rules/glue-ml-transform-tagged.ts). */
export const meta = defineRuleMeta({
  scope: 'resource',
  id: 'glue-ml-transform-tagged',
  description: 'Glue ML transforms carry user tags, including every required tag key.',
  control: 'Access control: tag-based access control',
  severity: Severity.LOW,
  resourceType: ML_TRANSFORM_TYPE,
  resourceTypes: [ML_TRANSFORM_TYPE],
  parameters: { requiredTagKeys: requiredTagKeys() },
  iam: ['glue:GetMLTransforms', 'tag:GetResources'],
});
