/**
 * IAM action and resource matching for policy rules. Action names are case-insensitive and may
 * hold the wildcards `*` (any run of characters) and `?` (one character), in the service prefix
 * too (IAM JSON policy reference, "Action" and "Resource" elements); resource ARNs are
 * case-sensitive.
 */
import type { NormalizedStatement } from './policy';

const compiled = new Map<string, RegExp>();

function globToRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  const key = `${caseInsensitive ? 'i' : 's'}:${pattern}`;
  let re = compiled.get(key);
  if (!re) {
    const body = pattern
      .split('')
      .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    re = new RegExp(`^${body}$`, caseInsensitive ? 'is' : 's');
    compiled.set(key, re);
  }
  return re;
}

/** True when an action pattern (`glue:Create*`, `*`) matches a concrete action (`glue:CreateJob`). */
export function actionMatches(pattern: string, action: string): boolean {
  return globToRegExp(pattern.trim(), true).test(action);
}

/** True when a resource pattern (`arn:aws:s3:::bucket/*`, `*`) matches a concrete ARN. */
export function resourceMatches(pattern: string, arn: string): boolean {
  return globToRegExp(pattern.trim(), false).test(arn);
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

/** True when a statement applies to every resource: `Resource: "*"`, or a NotResource (everything but a few). */
export function statementCoversAllResources(statement: ResourcePart): boolean {
  if (statement.notResource.length > 0) return !statement.notResource.some((p) => p.trim() === '*');
  return statement.resource.some((p) => p.trim() === '*');
}
