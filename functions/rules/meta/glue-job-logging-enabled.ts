import { defineRuleMeta, Severity } from '../../runtime/meta';

/** The metadata of glue-job-logging-enabled (evaluation: functions/rules/glue-job-logging-enabled.ts). */
export const meta = defineRuleMeta({
  scope: 'resource',
  id: 'glue-job-logging-enabled',
  description: 'Glue Spark jobs log continuously to CloudWatch (built in from Glue 5.0).',
  control: 'Automating audits: job logging to CloudWatch',
  severity: Severity.MEDIUM,
  resourceType: 'AWS::Glue::Job',
  resourceTypes: ['AWS::Glue::Job'],
  parameters: {},
  iam: ['glue:GetJobs'],
  remediation: {
    document: 'EnableGlueJobContinuousLogging',
    automatic: true,
    resourceIdParameter: 'JobName',
  },
});
