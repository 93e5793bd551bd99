// Where the deployment's exemptions live (issue 9 §3). AWS Config input parameters hold at most
// 1,024 characters, so the list goes to SSM Parameter Store instead: standard-tier String
// parameters (values up to 4 KB; the advanced tier's 8 KB is charged per parameter and still too
// small for hundreds), several per rule under one path that the rule reads with one paged
// GetParametersByPath. IAM authorizes GetParametersByPath against the requested path
// (https://docs.aws.amazon.com/systems-manager/latest/userguide/ps-retrieval-authorization.html),
// so each rule's role is granted its own path only.
import {
  DEFAULT_EXEMPTION_MAX_DAYS,
  EXEMPTION_MAX_DAYS_LIMIT,
  type Exemption,
  InvalidExemptionError,
  isoDay,
  parseExemptions,
} from '../functions/runtime/exemptions';
import type { AnyRuleMeta } from '../functions/runtime/meta';
import type { Checker } from './config-checker';

/** Standard-tier parameter values hold at most 4,096 characters (4 KB); chunks stay in bytes under it. */
export const STANDARD_PARAMETER_BYTES = 4_096;
/** Root of every exemption path (a name may not start with `aws` or `ssm`). */
export const EXEMPTIONS_ROOT = '/glue-guardrails/exemptions';

/** The path holding one deployed rule's exemptions: `/glue-guardrails/exemptions/<config rule name>`. */
export function exemptionsPath(configRuleName: string): string {
  return `${EXEMPTIONS_ROOT}/${configRuleName}`;
}

/**
 * One rule's exemptions as JSON arrays that each fit a standard-tier parameter, in order; none
 * when the rule has no exemption (the path is then empty and the rule reads nothing).
 */
export function exemptionChunks(
  exemptions: readonly Exemption[],
  limitBytes = STANDARD_PARAMETER_BYTES,
): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  const size = (items: string[]): number => Buffer.byteLength(`[${items.join(',')}]`, 'utf8');
  for (const e of exemptions) {
    const item = JSON.stringify(e);
    if (size([item]) > limitBytes)
      throw new Error(`Exemption ${e.rule} / ${e.resourceId} does not fit one parameter`);
    if (current.length > 0 && size([...current, item]) > limitBytes) {
      chunks.push(`[${current.join(',')}]`);
      current = [];
    }
    current.push(item);
  }
  if (current.length > 0) chunks.push(`[${current.join(',')}]`);
  return chunks;
}

/** The exemption settings of the deployment configuration, validated at synth. */
export interface ExemptionConfig {
  /** Days an expiry may lie ahead of its validation (synth) date; default 365. */
  exemptionMaxDays: number;
  /** Validated exemptions, each for an enabled-or-not rule of the catalog. */
  exemptions: Exemption[];
  /** Rules a resource tag may exempt from (default none). */
  tagExemptionRules: string[];
}

/**
 * Reads `exemptionMaxDays`, `exemptions` and `tagExemptionRules` with the runtime's validator: a
 * malformed, expired-at-creation or over-long exemption fails synth with a message naming it.
 */
export function exemptionConfig(
  c: Checker,
  raw: Record<string, unknown>,
  rules: readonly AnyRuleMeta[],
  today: string = isoDay(),
): ExemptionConfig {
  const ruleIds = rules.map((r) => r.id);
  const maxDays = c.int(
    'exemptionMaxDays',
    raw.exemptionMaxDays,
    DEFAULT_EXEMPTION_MAX_DAYS,
    1,
    EXEMPTION_MAX_DAYS_LIMIT,
  );
  let exemptions: Exemption[] = [];
  if (raw.exemptions !== undefined) {
    try {
      exemptions = parseExemptions(raw.exemptions, { today, maxDays, rules: ruleIds, where: 'exemptions' });
    } catch (error) {
      if (!(error instanceof InvalidExemptionError)) throw error;
      c.problems.push(...error.problems);
    }
  }
  const tagExemptionRules =
    raw.tagExemptionRules === undefined
      ? []
      : c.strings('tagExemptionRules', raw.tagExemptionRules, /^[a-z0-9-]+$/);
  for (const id of tagExemptionRules) {
    const rule = rules.find((r) => r.id === id);
    if (!rule) c.fail('tagExemptionRules', `unknown rule '${id}'`);
    else if (tagReadableTypes(rule).length === 0)
      c.fail(
        'tagExemptionRules',
        `${id} does not evaluate Glue jobs or ML transforms, whose tags it could read on every trigger`,
      );
  }
  return { exemptionMaxDays: maxDays, exemptions, tagExemptionRules };
}

/**
 * The ARN resource types (`job`, `mlTransform`) whose tags a rule reads on change triggers (the configuration item)
 * and on sweeps (glue:GetTags on the ARN it builds); none for other rules, which cannot take tag
 * exemptions.
 */
export function tagReadableTypes(rule: AnyRuleMeta): string[] {
  if (rule.scope !== 'resource') return [];
  const types = new Set([rule.resourceType, ...rule.resourceTypes]);
  const out: string[] = [];
  if (types.has('AWS::Glue::Job')) out.push('job');
  if (types.has('AWS::Glue::MLTransform')) out.push('mlTransform');
  return out;
}
