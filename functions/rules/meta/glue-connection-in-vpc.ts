import { defineRuleMeta, Frequency, Severity } from '../../runtime/meta';
import { EQUIVALENTS, mappedFrom } from './frameworks';

/** The metadata of glue-connection-in-vpc (evaluation: functions/rules/glue-connection-in-vpc.ts). */
export const meta = defineRuleMeta({
  scope: 'account',
  id: 'glue-connection-in-vpc',
  description:
    'Every database connection (JDBC or typed: MySQL, Oracle, SQL Server, ...) and NETWORK connection runs in a VPC subnet with at least one security group.',
  control: 'Network isolation: connections in a VPC',
  severity: Severity.HIGH,
  periodic: Frequency.TWENTY_FOUR_HOURS,
  parameters: {},
  iam: ['glue:GetConnections'],
  frameworks: mappedFrom(EQUIVALENTS.LAMBDA_3),
});
