import { defineRuleMeta, Frequency, Severity } from '../../runtime/meta';
import { bool } from '../../runtime/parameters';
import { EQUIVALENTS, mappedFrom } from './frameworks';

/** The metadata of glue-job-security-configuration-encrypted (evaluation: functions/rules/glue-job-security-configuration-encrypted.ts). */
export const meta = defineRuleMeta({
  scope: 'resource',
  id: 'glue-job-security-configuration-encrypted',
  description:
    'Glue jobs use a security configuration encrypting S3 data (SSE-KMS), CloudWatch logs and job bookmarks.',
  control: 'Data protection: ETL encryption at rest (security configuration)',
  severity: Severity.HIGH,
  resourceType: 'AWS::Glue::Job',
  resourceTypes: ['AWS::Glue::Job'],
  periodic: Frequency.TWENTY_FOUR_HOURS,
  parameters: { allowSseS3: bool(false, 'Accept SSE-S3 (instead of SSE-KMS) for S3 data') },
  iam: ['glue:GetJobs', 'glue:GetSecurityConfigurations'],
  remediation: {
    document: 'AttachGlueJobSecurityConfiguration',
    automatic: false,
    resourceIdParameter: 'JobName',
    fromRuleParameters: { AllowSseS3: 'allowSseS3' },
  },
  frameworks: mappedFrom(EQUIVALENTS.EMR_3),
});
