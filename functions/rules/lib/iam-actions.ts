/**
 * IAM action and resource matching for policy rules. Action names are case-insensitive and may
 * hold the wildcards `*` (any run of characters) and `?` (one character), in the service prefix
 * too (IAM JSON policy reference, "Action" and "Resource" elements); resource ARNs are
 * case-sensitive. Matching is by the non-backtracking globMatch (./glob): patterns are attacker
 * data, and nothing is compiled or cached per pattern.
 */
import { globMatch } from './glob';
import type { NormalizedStatement } from './policy';

/** True when an action pattern (`glue:Create*`, `*`) matches a concrete action (`glue:CreateJob`). */
export function actionMatches(pattern: string, action: string): boolean {
  return globMatch(pattern.trim(), action, { caseInsensitive: true });
}

/** True when a resource pattern (`arn:aws:s3:::bucket/*`, `*`) matches a concrete ARN. */
export function resourceMatches(pattern: string, arn: string): boolean {
  return globMatch(pattern.trim(), arn);
}

// No real action or ARN contains these characters: only a wildcard can absorb them.
const SENTINEL = '\u0000\u0001/\u0002';

/**
 * True when an action pattern matches EVERY action of a service (`*`, `glue:*`, `gl*:*`): the
 * pattern has to absorb an action name that no literal could spell.
 */
export function coversWholeService(pattern: string, service: string): boolean {
  return actionMatches(pattern, `${service}:${SENTINEL}`);
}

/**
 * True when a resource pattern covers every ARN that starts with `prefix`
 * (`arn:aws:s3:::bucket/*` covers all objects of the bucket; `arn:aws:s3:::bucket/logs/*` does not).
 */
export function coversEveryResourceUnder(pattern: string, prefix: string): boolean {
  return resourceMatches(pattern, `${prefix}${SENTINEL}`);
}

type ActionPart = Pick<NormalizedStatement, 'action' | 'notAction'>;
type ResourcePart = Pick<NormalizedStatement, 'resource' | 'notResource'>;

/**
 * True when a statement applies to this action: one of its `Action` patterns matches it, or it
 * has `NotAction` and none of those patterns matches it.
 */
export function statementCoversAction(statement: ActionPart, action: string): boolean {
  if (statement.notAction.length > 0) return !statement.notAction.some((p) => actionMatches(p, action));
  return statement.action.some((p) => actionMatches(p, action));
}

/**
 * True when a statement grants a service wholesale: an `Action` pattern covers every action of it
 * (`glue:*`, `*`), or it uses `NotAction` without excluding the whole service (an Allow with
 * `NotAction: iam:*`, or `NotAction: glue:DeleteJob`, still grants everything else in Glue).
 */
export function statementCoversService(statement: ActionPart, service: string): boolean {
  if (statement.notAction.length > 0) return !statement.notAction.some((p) => coversWholeService(p, service));
  return statement.action.some((p) => coversWholeService(p, service));
}

/**
 * True when a statement applies to a concrete resource ARN: a `Resource` pattern matches it, or it
 * has `NotResource` and none of those patterns matches it.
 */
export function statementCoversResource(statement: ResourcePart, arn: string): boolean {
  if (statement.notResource.length > 0) return !statement.notResource.some((p) => resourceMatches(p, arn));
  return statement.resource.some((p) => resourceMatches(p, arn));
}

/** The partitions an account can live in (IAM user guide, ARN format). */
export const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov'] as const;

/** Which resources "all resources" means for a statement. */
export interface ResourceScope {
  /** The service prefix of the resources' ARNs, e.g. `glue`. */
  service: string;
  /** The policy's partition; when unknown, every partition in PARTITIONS is considered. */
  partition?: string;
  /** The policy's own account, so a partial account wildcard (`1234*`) that covers it counts. */
  accountId?: string;
}

// Twelve characters no account id has: only a pattern that admits every account id matches it.
const ANY_ACCOUNT = '\u0000'.repeat(12);

/** The account ids whose every resource a pattern might cover: any, the policy's own, the one it names. */
function candidateAccounts(pattern: string, accountId: string | undefined): string[] {
  const named = pattern.trim().split(':')[4] ?? '';
  return [ANY_ACCOUNT, ...(accountId ? [accountId] : []), ...(/^\d{12}$/.test(named) ? [named] : [])];
}

/** An ARN of the service that only wildcards can match, in every field but partition and account. */
function sentinelArn(partition: string, service: string, account: string): string {
  return `arn:${partition}:${service}:${SENTINEL}:${account}:${SENTINEL}`;
}

/**
 * True when a Resource pattern matches every ARN of the service, in every region, of one account
 * (the policy's own, the one the pattern names, or all): `*`, `arn:aws:glue:*:*:*`, `arn:*:glue:*`,
 * `arn:aws:glue:*:123456789012:*`, and `arn:aws:glue:*:*:*` + `/*` (every resource with a type path,
 * i.e. all but the catalog itself). Not: one region (`arn:aws:glue:us-east-1:...:*`), one resource
 * type (`...:job/*`). Checked for the scope's partition, or for any of PARTITIONS when unknown.
 */
export function coversAllServiceResources(pattern: string, scope: ResourceScope): boolean {
  const partitions = scope.partition ? [scope.partition] : PARTITIONS;
  return partitions.some((p) =>
    candidateAccounts(pattern, scope.accountId).some((a) =>
      resourceMatches(pattern, sentinelArn(p, scope.service, a)),
    ),
  );
}

/**
 * True when a statement applies to every resource. With a scope: a `Resource` pattern covers every
 * resource of the service (coversAllServiceResources), or `NotResource` does not exclude all of them
 * (an Allow on everything but a few resources, even a few of the service's, is still wholesale).
 * Without one: a pattern that covers every ARN of a partition (`*`, `arn:aws:*`), or a NotResource
 * that does not exclude all of those.
 */
export function statementCoversAllResources(statement: ResourcePart, scope?: ResourceScope): boolean {
  // No real service prefix holds the sentinel: only wildcards in the service field absorb it.
  const where = scope ?? { service: SENTINEL };
  if (statement.notResource.length > 0) {
    const partitions = where.partition ? [where.partition] : PARTITIONS;
    // Left in when, in some partition, no exclusion takes in every resource of every account.
    return partitions.some(
      (p) =>
        !statement.notResource.some((n) => resourceMatches(n, sentinelArn(p, where.service, ANY_ACCOUNT))),
    );
  }
  return statement.resource.some((p) => coversAllServiceResources(p, where));
}
