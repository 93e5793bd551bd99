import { Compliance, type Verdict } from '../../runtime/types';

export { requiredTagKeys, TAG_KEY } from '../meta/shared';

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
