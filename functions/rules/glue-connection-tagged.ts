import { listConnections } from '../lookups/glue';
import { listTagsByResourceType } from '../lookups/tags';
import { offenderVerdict } from '../runtime/evaluations';
import { defineRule } from '../runtime/rule';
import { Compliance } from '../runtime/types';
import { tagProblem } from './lib/tags';
import { meta } from './meta/glue-connection-tagged';

/**
 * Glue connections carry tags, so tag-based access control (`aws:ResourceTag` conditions on
 * GetConnection and friends, as the FSI Glue approval blog recommends) can work. Security Hub
 * Glue.1 semantics: without `requiredTagKeys` a connection with no user tags is non-compliant;
 * with it every listed key must be present (case-sensitive). `aws:` tags never count.
 *
 * Connections are not recorded by AWS Config: periodic, one verdict against the account naming
 * the offenders. One paged GetConnections (passwords hidden) and one paged `tag:GetResources`
 * (ResourceTypeFilters `glue:connection`) per sweep, never one GetTags per connection.
 *
 * Scenarios:
 *  1. No connections                                                  -> NOT_APPLICABLE
 *  2. No requiredTagKeys, a connection with no (or only aws:) tags    -> NON_COMPLIANT, named
 *  3. requiredTagKeys given, a connection lacks one                   -> NON_COMPLIANT, named
 *  4. Every connection satisfies the rule                             -> COMPLIANT
 *  5. Many offenders                                                  -> annotation truncated, all in offenders
 */
export const rule = defineRule({
  ...meta,
  lookups: { connections: listConnections, tags: listTagsByResourceType },
  async evaluate({ params, lookups, accountId }) {
    const [connections, tags] = await Promise.all([
      lookups.connections(accountId),
      lookups.tags('glue:connection'),
    ]);
    if (connections.length === 0) {
      return {
        compliance: Compliance.NOT_APPLICABLE,
        annotation: 'No Glue connections in this account and region',
      };
    }
    const offenders = connections
      .map((c) => c.Name ?? '(unnamed)')
      .filter((name) => tagProblem(tags.get(name), params.requiredTagKeys) !== undefined)
      .sort();
    const wanted =
      params.requiredTagKeys.length > 0 ? `tag keys ${params.requiredTagKeys.join(', ')}` : 'user tags';
    return offenderVerdict(connections.length, offenders, {
      offending: (n, total) => `${n} of ${total} connections lack ${wanted}`,
      compliant: (total) => `All ${total} connections carry ${wanted}`,
    });
  },
});
