import { defineRuleMeta, Frequency, Severity } from '../../runtime/meta';
import { bool } from '../../runtime/parameters';
import { EQUIVALENTS, mappedFrom } from './frameworks';

/** The metadata of glue-dev-endpoint-security-configuration-encrypted (evaluation: functions/rules/glue-dev-endpoint-security-configuration-encrypted.ts). */
export const meta = defineRuleMeta({
  scope: 'account',
  id: 'glue-dev-endpoint-security-configuration-encrypted',
  description:
    'Every Glue development endpoint uses a security configuration encrypting S3 data, CloudWatch logs and job bookmarks.',
  control: 'Data protection: ETL encryption at rest (security configuration)',
  severity: Severity.MEDIUM,
  periodic: Frequency.TWENTY_FOUR_HOURS,
  parameters: { allowSseS3: bool(false, 'Accept SSE-S3 (instead of SSE-KMS) for S3 data') },
  iam: ['glue:GetDevEndpoints', 'glue:GetSecurityConfigurations'],
  frameworks: mappedFrom(EQUIVALENTS.EMR_3),
});
