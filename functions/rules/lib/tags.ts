import { list, type ParamSpec } from '../../runtime/parameters';
import { Compliance, type Verdict } from '../../runtime/types';

/**
 * A user tag key as AWS accepts it (letters, digits, spaces and `_ . : / = + - @`, 1-128
 * characters), excluding the reserved `aws:` prefix: such a key can never be required.
 */
export const TAG_KEY = /^(?![aA][wW][sS]:)[\p{L}\p{N}\p{Z}_.:/=+\-@]{1,128}$/u;

/** The `requiredTagKeys` parameter shared by the tag rules (Security Hub Glue.1 semantics). */
export function requiredTagKeys(): ParamSpec<string[]> {
  return list(
    'Tag keys every resource must carry (comma-separated, case-sensitive); empty requires at least one user tag',
    { pattern: TAG_KEY, itemName: 'tag key (aws: keys are reserved)' },
  );
}

/** Tags a user set: AWS-reserved `aws:` keys (CloudFormation, Service Catalog...) never count. */
export function userTags(tags: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tags ?? {})) if (!/^aws:/i.test(k)) out[k] = v;
  return out;
}

/**
 * What is wrong with a resource's tags, or undefined when they satisfy the rule: with no
 * required keys, at least one user tag; otherwise every required key (case-sensitive).
 */
export function tagProblem(
  tags: Record<string, string> | undefined,
  required: readonly string[],
): string | undefined {
  const keys = Object.keys(userTags(tags));
  if (required.length === 0) return keys.length === 0 ? 'has no user tags' : undefined;
  const missing = required.filter((k) => !keys.includes(k));
  return missing.length > 0 ? `is missing tag keys ${missing.join(', ')}` : undefined;
}

/**
 * The verdict for one resource's tags. Tag keys are named, values never are.
 *
 * @example
 * judgeTags('Job', { owner: 'data' }, ['owner', 'cost-center']) // NON_COMPLIANT: missing cost-center
 */
export function judgeTags(
  what: string,
  tags: Record<string, string> | undefined,
  required: readonly string[],
): Verdict {
  const problem = tagProblem(tags, required);
  if (problem) return { compliance: Compliance.NON_COMPLIANT, annotation: `${what} ${problem}` };
  return {
    compliance: Compliance.COMPLIANT,
    annotation: required.length === 0 ? `${what} has user tags` : `${what} carries the required tag keys`,
  };
}
