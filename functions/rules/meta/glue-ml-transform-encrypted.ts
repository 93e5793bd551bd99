import { defineRuleMeta, Severity } from '../../runtime/meta';
import { ML_TRANSFORM_TYPE } from './shared';

/** The metadata of glue-ml-transform-encrypted (evaluation: functions/rules/glue-ml-transform-encrypted.ts). */
export const meta = defineRuleMeta({
  scope: 'resource',
  id: 'glue-ml-transform-encrypted',
  description: 'Glue ML transforms encrypt their user data with SSE-KMS.',
  control: 'Data protection: ML transform encryption at rest',
  severity: Severity.MEDIUM,
  resourceType: ML_TRANSFORM_TYPE,
  resourceTypes: [ML_TRANSFORM_TYPE],
  parameters: {},
  iam: ['glue:GetMLTransforms'],
});
