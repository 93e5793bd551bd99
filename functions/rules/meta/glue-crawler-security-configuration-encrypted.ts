import { defineRuleMeta, Frequency, Severity } from '../../runtime/meta';
import { bool } from '../../runtime/parameters';
import { EQUIVALENTS, mappedFrom } from './frameworks';

/** The metadata of glue-crawler-security-configuration-encrypted (evaluation: functions/rules/glue-crawler-security-configuration-encrypted.ts). */
export const meta = defineRuleMeta({
  scope: 'account',
  id: 'glue-crawler-security-configuration-encrypted',
  description:
    'Every Glue crawler uses a security configuration encrypting S3 data (SSE-KMS) and CloudWatch logs.',
  control: 'Data protection: ETL encryption at rest (security configuration)',
  severity: Severity.MEDIUM,
  periodic: Frequency.TWENTY_FOUR_HOURS,
  parameters: { allowSseS3: bool(false, 'Accept SSE-S3 (instead of SSE-KMS) for S3 data') },
  iam: ['glue:GetCrawlers', 'glue:GetSecurityConfigurations'],
  remediation: {
    document: 'AttachGlueCrawlerSecurityConfiguration',
    automatic: false,
    resourceIdParameter: 'AccountId',
    fromRuleParameters: { AllowSseS3: 'allowSseS3' },
  },
  frameworks: mappedFrom(EQUIVALENTS.EMR_3),
});
