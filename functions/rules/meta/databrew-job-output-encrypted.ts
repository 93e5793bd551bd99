import { defineRuleMeta, Frequency, Severity } from '../../runtime/meta';
import { bool } from '../../runtime/parameters';

/** The metadata of databrew-job-output-encrypted (evaluation: functions/rules/databrew-job-output-encrypted.ts). */
export const meta = defineRuleMeta({
  scope: 'account',
  id: 'databrew-job-output-encrypted',
  description: 'Every DataBrew job encrypts its output (SSE-S3 or SSE-KMS; SSE-KMS when requireKms).',
  control: 'Data protection: DataBrew output encryption',
  severity: Severity.MEDIUM,
  periodic: Frequency.TWENTY_FOUR_HOURS,
  parameters: { requireKms: bool(false, 'Accept only SSE-KMS (not SSE-S3)') },
  iam: ['databrew:ListJobs'],
});
