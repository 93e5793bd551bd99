import { defineRuleMeta, Frequency, Severity } from '../../runtime/meta';
import { EQUIVALENTS, mappedFrom } from './frameworks';

/** The metadata of glue-connection-credentials-in-secrets-manager (evaluation: functions/rules/glue-connection-credentials-in-secrets-manager.ts). */
export const meta = defineRuleMeta({
  scope: 'account',
  id: 'glue-connection-credentials-in-secrets-manager',
  description:
    'Every database connection (JDBC or typed: MySQL, Oracle, SQL Server, ...) takes its credentials from AWS Secrets Manager, not from stored properties.',
  control: 'Secrets management: connection credentials',
  severity: Severity.HIGH,
  periodic: Frequency.TWENTY_FOUR_HOURS,
  parameters: {},
  iam: ['glue:GetConnections'],
  frameworks: mappedFrom(EQUIVALENTS.CODEBUILD_2),
});
