import { listConnections } from '../lookups/glue';
import { namedOffenders, offenderVerdict } from '../runtime/evaluations';
import { defineRule } from '../runtime/rule';
import { Compliance } from '../runtime/types';
import { enforcesSsl, sslProperty } from './lib/connections';
import { meta } from './meta/glue-connection-ssl-enforced';

/**
 * Database connections of the Data Catalog require SSL. The switch depends on the connection
 * (lib/connections.ts, which cites its sources): `JDBC_ENFORCE_SSL = "true"` on JDBC connections
 * and on typed database connections (MYSQL, ORACLE, ...) that carry a JDBC_CONNECTION_URL;
 * `ENFORCE_SSL = "true"` on typed connections defined by HOST/PORT/DATABASE. Services that always
 * encrypt (SNOWFLAKE, AZURESQL, SYNAPSE), MONGODB (TLS lives in its URL) and non-database types are
 * not judged. The remediation script fixes exactly these connections with the same definition.
 * Connections are not recorded by AWS Config: the rule is periodic, reports against the account
 * and names offenders. Passwords are never requested.
 *
 * Scenarios:
 *  1. No database connection with an SSL setting (other types, always-encrypted services) -> NOT_APPLICABLE
 *  2. A JDBC connection without JDBC_ENFORCE_SSL, or set to false          -> NON_COMPLIANT, named
 *  3. A typed database connection with a JDBC URL and no JDBC_ENFORCE_SSL  -> NON_COMPLIANT, named
 *  4. A typed connection defined by host and port without ENFORCE_SSL true -> NON_COMPLIANT, named
 *  5. Every judged connection has its SSL property true                    -> COMPLIANT
 *  6. Many offenders                                                       -> annotation truncated, all in offenders
 */
export const rule = defineRule({
  ...meta,
  lookups: { connections: listConnections },
  async evaluate({ lookups, accountId }) {
    const judged = (await lookups.connections(accountId)).filter((c) => sslProperty(c) !== undefined);
    if (judged.length === 0) {
      return {
        compliance: Compliance.NOT_APPLICABLE,
        annotation: 'No database connections with an SSL setting in this account and region',
      };
    }
    const offenders = namedOffenders(
      judged,
      (c) => c.Name ?? '(unnamed)',
      (c) => (enforcesSsl(c) ? undefined : `${sslProperty(c)} not true`),
    );
    return offenderVerdict(judged.length, offenders, {
      offending: (n, total) => `${n} of ${total} database connections do not enforce SSL`,
      compliant: (total) => `All ${total} database connections enforce SSL`,
    });
  },
});
