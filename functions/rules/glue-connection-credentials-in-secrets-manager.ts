import type { Connection } from '@aws-sdk/client-glue';
import { listConnections } from '../lookups/glue';
import { offenderVerdict } from '../runtime/evaluations';
import { defineRule, Frequency, Severity } from '../runtime/rule';
import { Compliance } from '../runtime/types';
import { isJdbc } from './glue-connection-ssl-enforced';

function secretReference(c: Connection): string | undefined {
  const id = c.ConnectionProperties?.SECRET_ID?.trim() || c.AuthenticationConfiguration?.SecretArn?.trim();
  return id || undefined;
}

/** Why a JDBC connection's credentials are not (only) in Secrets Manager; undefined when they are. */
function credentialGap(c: Connection): string | undefined {
  const secret = secretReference(c);
  // The listing hides and strips passwords; a stored USERNAME is the visible half of a stored pair.
  const storedUser = (c.ConnectionProperties?.USERNAME ?? '').trim() !== '';
  if (!secret)
    return storedUser ? 'user name and password stored in the connection' : 'no Secrets Manager secret';
  if (storedUser) return 'stores a user name beside its secret';
  return undefined;
}

/**
 * JDBC connections take their credentials from a Secrets Manager secret (`SECRET_ID`, or
 * `AuthenticationConfiguration.SecretArn`) rather than a user name and password stored in the
 * Data Catalog. Connections are listed with HidePassword and stripped of password properties:
 * the rule never reads a password. Not recorded by AWS Config: periodic, against the account.
 *
 * Scenarios:
 *  1. No JDBC connections (other types are not judged)                     -> NOT_APPLICABLE
 *  2. A JDBC connection with USERNAME/PASSWORD and no secret               -> NON_COMPLIANT, named
 *  3. A JDBC connection with SECRET_ID                                     -> COMPLIANT
 *  4. A JDBC connection with AuthenticationConfiguration.SecretArn         -> COMPLIANT
 *  5. A JDBC connection with a secret and a stored USERNAME as well        -> NON_COMPLIANT, named
 *  6. A JDBC connection with neither secret nor user name                  -> NON_COMPLIANT, named
 *  7. Many offenders                                                       -> annotation truncated, all in offenders
 */
export const rule = defineRule({
  scope: 'account',
  id: 'glue-connection-credentials-in-secrets-manager',
  description:
    'Every JDBC connection takes its credentials from AWS Secrets Manager, not from stored properties.',
  control: 'Secrets management: connection credentials',
  severity: Severity.HIGH,
  periodic: Frequency.TWENTY_FOUR_HOURS,
  parameters: {},
  iam: ['glue:GetConnections'],
  lookups: { connections: listConnections },
  async evaluate({ lookups, accountId }) {
    const jdbc = (await lookups.connections(accountId)).filter(isJdbc);
    if (jdbc.length === 0) {
      return {
        compliance: Compliance.NOT_APPLICABLE,
        annotation: 'No JDBC connections in this account and region',
      };
    }
    const offenders = jdbc
      .map((c) => ({ name: c.Name ?? '(unnamed)', gap: credentialGap(c) }))
      .filter((o) => o.gap !== undefined)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((o) => `${o.name} (${o.gap})`);
    return offenderVerdict(jdbc.length, offenders, {
      offending: (n, total) => `${n} of ${total} JDBC connections not using Secrets Manager`,
      compliant: (total) => `All ${total} JDBC connections take credentials from Secrets Manager`,
    });
  },
});
