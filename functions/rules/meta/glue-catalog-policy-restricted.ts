import { defineRuleMeta, Frequency, Severity } from '../../runtime/meta';
import { bool, list } from '../../runtime/parameters';
import { EQUIVALENTS, mappedFrom } from './frameworks';

/** The metadata of glue-catalog-policy-restricted (evaluation: functions/rules/glue-catalog-policy-restricted.ts). */
export const meta = defineRuleMeta({
  scope: 'account',
  id: 'glue-catalog-policy-restricted',
  description:
    'The Glue Data Catalog resource policy grants no access to any principal or unapproved account without a restricting condition.',
  control: 'Access control: Data Catalog resource policy',
  severity: Severity.CRITICAL,
  periodic: Frequency.TWENTY_FOUR_HOURS,
  parameters: {
    allowedAccountIds: list('Account ids that may be granted catalog access (comma-separated)', {
      pattern: /^\d{12}$/,
      itemName: 'AWS account id',
    }),
    requireSourceVpce: bool(
      false,
      'Every cross-account statement must be pinned to VPC endpoints (aws:SourceVpce)',
    ),
  },
  iam: ['glue:GetResourcePolicy'],
  remediation: { document: 'RestrictGlueCatalogPolicy', automatic: false, resourceIdParameter: 'CatalogId' },
  frameworks: mappedFrom(EQUIVALENTS.LAMBDA_1),
});
