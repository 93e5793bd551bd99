import { defineRuleMeta, Frequency, Severity } from '../../runtime/meta';
import { EQUIVALENTS, mappedFrom } from './frameworks';

/** The metadata of glue-connection-ssl-enforced (evaluation: functions/rules/glue-connection-ssl-enforced.ts). */
export const meta = defineRuleMeta({
  scope: 'account',
  id: 'glue-connection-ssl-enforced',
  description:
    'Every database connection in the Glue Data Catalog requires SSL (JDBC_ENFORCE_SSL, or ENFORCE_SSL on typed connectors, = true).',
  control: 'Data protection: encryption in transit (database connections)',
  severity: Severity.HIGH,
  periodic: Frequency.TWENTY_FOUR_HOURS,
  parameters: {},
  iam: ['glue:GetConnections'],
  remediation: { document: 'EnforceGlueConnectionSsl', automatic: true, resourceIdParameter: 'CatalogId' },
  frameworks: mappedFrom(EQUIVALENTS.DMS_9),
});
