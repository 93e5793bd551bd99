import { defineRuleMeta, Frequency, Severity } from '../../runtime/meta';

/** The metadata of glue-lakeformation-permissions-enforced (evaluation: functions/rules/glue-lakeformation-permissions-enforced.ts). */
export const meta = defineRuleMeta({
  scope: 'account',
  id: 'glue-lakeformation-permissions-enforced',
  description:
    'Lake Formation does not grant ALL to IAM_ALLOWED_PRINCIPALS by default on new Data Catalog databases and tables.',
  control: 'Access control: Lake Formation permissions on the Data Catalog',
  severity: Severity.HIGH,
  periodic: Frequency.TWENTY_FOUR_HOURS,
  parameters: {},
  iam: ['lakeformation:GetDataLakeSettings'],
});
