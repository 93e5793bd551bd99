import type { Connection } from '@aws-sdk/client-glue';
import { listConnections } from '../lookups/glue';
import { namedOffenders, offenderVerdict } from '../runtime/evaluations';
import { defineRule } from '../runtime/rule';
import { Compliance } from '../runtime/types';
import { isDatabaseConnection } from './lib/connections';
import { meta } from './meta/glue-connection-credentials-in-secrets-manager';

/**
 * Where the connection names its Secrets Manager secret: SECRET_ID (JDBC and MONGODB, Glue API
 * reference), AuthenticationConfiguration.SecretArn (typed connectors), or the Spark properties'
 * `secretId` that Glue Studio's typed connections carry.
 */
function secretReference(c: Connection): string | undefined {
  const id =
    c.ConnectionProperties?.SECRET_ID?.trim() ||
    c.AuthenticationConfiguration?.SecretArn?.trim() ||
    c.SparkProperties?.secretId?.trim();
  return id || undefined;
}

/** Why a database connection's credentials are not (only) in Secrets Manager; undefined when they are. */
function credentialGap(c: Connection): string | undefined {
  const secret = secretReference(c);
  // The listing hides and strips passwords; a stored USERNAME is the visible half of a stored pair.
  const storedUser = (c.ConnectionProperties?.USERNAME ?? '').trim() !== '';
  if (!secret) {
    if (storedUser) return 'user name and password stored in the connection';
    // IAM database authentication (AuthenticationType IAM) has no credential to store.
    return c.AuthenticationConfiguration?.AuthenticationType === 'IAM'
      ? undefined
      : 'no Secrets Manager secret';
  }
  if (storedUser) return 'stores a user name beside its secret';
  return undefined;
}

/**
 * Database connections (JDBC, and the typed connectors MYSQL, POSTGRESQL, ORACLE, SQLSERVER,
 * REDSHIFT, SNOWFLAKE, MONGODB, ...: lib/connections.ts) take their credentials from a Secrets
 * Manager secret (`SECRET_ID`, `AuthenticationConfiguration.SecretArn`, or Spark properties'
 * `secretId`) rather than a user name and password stored in the Data Catalog; IAM authentication
 * stores none. Connections are listed with HidePassword and stripped of password properties: the
 * rule never reads a password. Not recorded by AWS Config: periodic, against the account.
 *
 * Scenarios:
 *  1. No database connections (other types are not judged)                 -> NOT_APPLICABLE
 *  2. A JDBC connection with USERNAME/PASSWORD and no secret               -> NON_COMPLIANT, named
 *  3. A JDBC connection with SECRET_ID                                     -> COMPLIANT
 *  4. A JDBC connection with AuthenticationConfiguration.SecretArn         -> COMPLIANT
 *  5. A JDBC connection with a secret and a stored USERNAME as well        -> NON_COMPLIANT, named
 *  6. A JDBC connection with neither secret nor user name                  -> NON_COMPLIANT, named
 *  7. A typed database connection (MYSQL, MONGODB, ...) with USERNAME/PASSWORD and no secret -> NON_COMPLIANT, named
 *  8. A typed connection whose Spark properties name the secret (secretId) -> COMPLIANT
 *  9. A connection authenticated with IAM and no stored user name          -> COMPLIANT
 * 10. Many offenders                                                       -> annotation truncated, all in offenders
 */
export const rule = defineRule({
  ...meta,
  lookups: { connections: listConnections },
  async evaluate({ lookups, accountId }) {
    const judged = (await lookups.connections(accountId)).filter(isDatabaseConnection);
    if (judged.length === 0) {
      return {
        compliance: Compliance.NOT_APPLICABLE,
        annotation: 'No database connections in this account and region',
      };
    }
    const offenders = namedOffenders(judged, (c) => c.Name ?? '(unnamed)', credentialGap);
    return offenderVerdict(judged.length, offenders, {
      offending: (n, total) => `${n} of ${total} database connections not using Secrets Manager`,
      compliant: (total) => `All ${total} database connections take credentials from Secrets Manager`,
    });
  },
});
