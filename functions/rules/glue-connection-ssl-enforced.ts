import type { Connection } from '@aws-sdk/client-glue';
import { listConnections } from '../lookups/glue';
import { offenderVerdict } from '../runtime/evaluations';
import { defineRule, Frequency, Severity } from '../runtime/rule';
import { Compliance } from '../runtime/types';

/** JDBC_ENFORCE_SSL is a JDBC connection property; other types have their own TLS settings. */
export function isJdbc(c: Connection): boolean {
  if (c.ConnectionType) return c.ConnectionType === 'JDBC';
  return c.ConnectionProperties?.JDBC_CONNECTION_URL !== undefined;
}

/**
 * JDBC connections of the Data Catalog require SSL (`JDBC_ENFORCE_SSL = "true"`). Connections
 * are not recorded by AWS Config: the rule is periodic, reports against the account and names
 * offenders. Passwords are never requested.
 *
 * Scenarios:
 *  1. No JDBC connections (other types are not judged)                    -> NOT_APPLICABLE
 *  2. A JDBC connection without JDBC_ENFORCE_SSL, or set to false          -> NON_COMPLIANT, named
 *  3. Every JDBC connection has JDBC_ENFORCE_SSL true                      -> COMPLIANT
 *  4. Many offenders                                                       -> annotation truncated, all in offenders
 */
export const rule = defineRule({
  scope: 'account',
  id: 'glue-connection-ssl-enforced',
  description: 'Every JDBC connection in the Glue Data Catalog requires SSL (JDBC_ENFORCE_SSL = true).',
  control: 'Data protection: encryption in transit (JDBC SSL)',
  severity: Severity.HIGH,
  periodic: Frequency.TWENTY_FOUR_HOURS,
  parameters: {},
  iam: ['glue:GetConnections'],
  lookups: { connections: listConnections },
  remediation: { document: 'EnforceGlueConnectionSsl', automatic: true, resourceIdParameter: 'CatalogId' },
  async evaluate({ lookups, accountId }) {
    const jdbc = (await lookups.connections(accountId)).filter(isJdbc);
    if (jdbc.length === 0) {
      return {
        compliance: Compliance.NOT_APPLICABLE,
        annotation: 'No JDBC connections in this account and region',
      };
    }
    const offenders = jdbc
      .filter((c) => c.ConnectionProperties?.JDBC_ENFORCE_SSL?.trim().toLowerCase() !== 'true')
      .map((c) => c.Name ?? '(unnamed)')
      .sort();
    return offenderVerdict(jdbc.length, offenders, {
      offending: (n, total) => `${n} of ${total} JDBC connections do not enforce SSL`,
      compliant: (total) => `All ${total} JDBC connections enforce SSL`,
    });
  },
});
