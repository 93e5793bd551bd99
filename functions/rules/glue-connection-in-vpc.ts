import type { Connection } from '@aws-sdk/client-glue';
import { listConnections } from '../lookups/glue';
import { namedOffenders, offenderVerdict } from '../runtime/evaluations';
import { defineRule } from '../runtime/rule';
import { Compliance } from '../runtime/types';
import { isVpcBound } from './lib/connections';
import { meta } from './meta/glue-connection-in-vpc';

function placementGap(c: Connection): string | undefined {
  const req = c.PhysicalConnectionRequirements;
  if (!req) return 'no physical connection requirements';
  const subnet = (req.SubnetId ?? '').trim() !== '';
  const groups = (req.SecurityGroupIdList ?? []).some((g) => g.trim() !== '');
  if (!subnet && !groups) return 'no subnet and no security group';
  if (!subnet) return 'no subnet';
  if (!groups) return 'no security group';
  return undefined;
}

/**
 * Database connections (JDBC and the typed connectors MYSQL, POSTGRESQL, ORACLE, SQLSERVER,
 * REDSHIFT, SNOWFLAKE, MONGODB, ...: lib/connections.ts) and NETWORK connections run in a VPC:
 * their physical connection requirements, a ConnectionInput member for every type, name a subnet
 * and at least one security group. Other connection types are not judged. Connections are not
 * recorded by AWS Config: periodic, against the account, offenders named.
 *
 * Scenarios:
 *  1. No database or NETWORK connections                                   -> NOT_APPLICABLE
 *  2. A database or NETWORK connection without physical connection requirements -> NON_COMPLIANT, named
 *  3. A connection with a subnet but no security group                     -> NON_COMPLIANT, named
 *  4. A connection with security groups but no subnet                      -> NON_COMPLIANT, named
 *  5. A typed database connection (MYSQL, ORACLE, ...) outside a VPC       -> NON_COMPLIANT, named
 *  6. Every database and NETWORK connection has a subnet and a security group -> COMPLIANT
 *  7. Many offenders                                                       -> annotation truncated, all in offenders
 */
export const rule = defineRule({
  ...meta,
  lookups: { connections: listConnections },
  async evaluate({ lookups, accountId }) {
    const judged = (await lookups.connections(accountId)).filter(isVpcBound);
    if (judged.length === 0) {
      return {
        compliance: Compliance.NOT_APPLICABLE,
        annotation: 'No database or NETWORK connections in this account and region',
      };
    }
    const offenders = namedOffenders(judged, (c) => c.Name ?? '(unnamed)', placementGap);
    return offenderVerdict(judged.length, offenders, {
      offending: (n, total) => `${n} of ${total} database/NETWORK connections not placed in a VPC`,
      compliant: (total) => `All ${total} database/NETWORK connections have a subnet and security groups`,
    });
  },
});
