import { defineRuleMeta, Severity } from '../../runtime/meta';
import { str } from '../../runtime/parameters';
import { EQUIVALENTS, mappedFrom } from './frameworks';
import { GLUE_VERSION } from './shared';

/** The metadata of glue-job-supported-version (evaluation: functions/rules/glue-job-supported-version.ts). */
export const meta = defineRuleMeta({
  scope: 'resource',
  id: 'glue-job-supported-version',
  description: 'Glue Spark jobs run on a Glue version at or above the minimum (default 3.0).',
  control: 'Operational security: supported runtime versions',
  severity: Severity.MEDIUM,
  resourceType: 'AWS::Glue::Job',
  resourceTypes: ['AWS::Glue::Job'],
  parameters: {
    minimumGlueVersion: str('Lowest accepted Glue version for Spark jobs, as major.minor', {
      default: '3.0',
      pattern: GLUE_VERSION,
    }),
  },
  iam: ['glue:GetJobs'],
  frameworks: mappedFrom(EQUIVALENTS.GLUE_4),
});
