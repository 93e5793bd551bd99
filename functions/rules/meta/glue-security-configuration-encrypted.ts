import { defineRuleMeta, Frequency, Severity } from '../../runtime/meta';
import { list } from '../../runtime/parameters';
import { EQUIVALENTS, mappedFrom } from './frameworks';
import { KMS_KEY_ARN } from './shared';

/** The metadata of glue-security-configuration-encrypted (evaluation: functions/rules/glue-security-configuration-encrypted.ts). */
export const meta = defineRuleMeta({
  scope: 'account',
  id: 'glue-security-configuration-encrypted',
  description:
    'Every Glue security configuration encrypts S3 data (SSE-KMS), CloudWatch logs (SSE-KMS) and job bookmarks (CSE-KMS).',
  control: 'Data protection: ETL encryption at rest (security configuration)',
  severity: Severity.MEDIUM,
  periodic: Frequency.TWENTY_FOUR_HOURS,
  parameters: {
    kmsKeyArns: list('Approved KMS key ARNs (comma-separated); empty accepts any KMS key', {
      pattern: KMS_KEY_ARN,
      itemName: 'KMS key ARN',
    }),
  },
  iam: ['glue:GetSecurityConfigurations'],
  frameworks: mappedFrom(EQUIVALENTS.EMR_3),
});
