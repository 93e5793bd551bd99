import { defineRuleMeta, Frequency, Severity } from '../../runtime/meta';
import { bool } from '../../runtime/parameters';

/** The metadata of glue-job-network-isolated (evaluation: functions/rules/glue-job-network-isolated.ts). */
export const meta = defineRuleMeta({
  scope: 'resource',
  id: 'glue-job-network-isolated',
  description: 'Glue Spark jobs in a VPC disable the Glue service proxy (--disable-proxy-v2 true).',
  control: 'Isolation of compute environments: service proxy disabled',
  severity: Severity.MEDIUM,
  resourceType: 'AWS::Glue::Job',
  resourceTypes: ['AWS::Glue::Job'],
  periodic: Frequency.TWENTY_FOUR_HOURS,
  parameters: {
    requireConnection: bool(false, 'Every Spark job must run in a VPC (have a VPC connection)'),
    acceptLegacyDisableProxy: bool(
      false,
      'Accept the deprecated --disable-proxy true, which routes only S3 downloads through the VPC',
    ),
  },
  iam: ['glue:GetJobs', 'glue:GetConnections'],
  remediation: { document: 'SetGlueJobDisableProxy', automatic: false, resourceIdParameter: 'JobName' },
});
