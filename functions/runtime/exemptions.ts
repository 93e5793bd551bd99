// Exemptions that expire (issue 9 §3): one parser and validator for the deployment configuration
// (checked at synth), the SSM parameters the rules read, `scan --exemptions FILE` and resource tags.
import { Compliance, type ComplianceType, type ExemptionNote, type Verdict } from './types';

export type { ExemptionNote };

/** An accepted risk on record: this rule does not judge this resource until `expires`. */
export interface Exemption {
  rule: string;
  /** The resource id the rule reports (resource rules), or the offender's name (account rules). */
  resourceId: string;
  reason: string;
  approver: string;
  /** Last day the exemption is in force (UTC), YYYY-MM-DD. */
  expires: string;
}

/** Default for `exemptionMaxDays`: an expiry at most this many days after validation. */
export const DEFAULT_EXEMPTION_MAX_DAYS = 365;
/** Highest `exemptionMaxDays` a deployment may set (about three years). */
export const EXEMPTION_MAX_DAYS_LIMIT = 1096;
/** Tag keys that exempt a resource from one rule: `glue-guardrails:exempt:<rule-id>`. */
export const EXEMPTION_TAG_PREFIX = 'glue-guardrails:exempt:';
/** AWS tag values hold at most 256 characters (Tag data type, "Maximum value length"). */
export const TAG_VALUE_LIMIT = 256;
export const REASON_LIMIT = 256;
export const APPROVER_LIMIT = 128;
/** AWS Config resource ids are at most 768 characters (PutEvaluations ComplianceResourceId). */
export const RESOURCE_ID_LIMIT = 768;

/** Environment of every rule function: the SSM path holding this rule's exemptions. */
export const EXEMPTIONS_PATH_ENV = 'GLUE_GUARDRAILS_EXEMPTIONS_PATH';
/** `true` when the deployment lets tags exempt resources from this rule. */
export const TAG_EXEMPTIONS_ENV = 'GLUE_GUARDRAILS_TAG_EXEMPTIONS';
/** The deployment's `exemptionMaxDays` (tags are checked against it when read). */
export const EXEMPTION_MAX_DAYS_ENV = 'GLUE_GUARDRAILS_EXEMPTION_MAX_DAYS';

/** One or more exemptions are malformed, expired at creation or too long; names each. */
export class InvalidExemptionError extends Error {
  override readonly name = 'InvalidExemptionError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid exemption(s):\n  - ${problems.join('\n  - ')}`);
  }
}

const FIELDS = ['rule', 'resourceId', 'reason', 'approver', 'expires'] as const;
const RULE_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// The tag character set (letters, digits, space, _ . : = + @ -) without '/', the tag separator.
const APPROVER = /^[\p{L}\p{N} _.:=+@-]+$/u;
// Any printable text: no control characters (they would corrupt annotations and alerts).
const CONTROL = /\p{Cc}/u;
const DAY_MS = 86_400_000;

/** Today's date (UTC) as YYYY-MM-DD. */
export function isoDay(at: Date = new Date()): string {
  return at.toISOString().slice(0, 10);
}

/** Days since the epoch of a valid YYYY-MM-DD date, or undefined when it is not a real date. */
export function dayNumber(text: string): number | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    return undefined;
  return ms / DAY_MS;
}

export interface ValidateOptions {
  /** The validation date (YYYY-MM-DD): synth time for the deployment, now for a scan or a tag. */
  today: string;
  /** Longest allowed time from `today` to expiry, in days (default 365). */
  maxDays?: number;
  /** Known rule ids; an exemption naming another rule is rejected. */
  rules?: readonly string[];
  /**
   * true (creation: synth, `--exemptions`): an expiry before today is rejected. false (a rule
   * reading stored exemptions later): it is kept and reported as expired.
   */
  rejectExpired?: boolean;
  /** How problems name the list (`exemptions`, a file name). */
  where?: string;
}

const label = (where: string, i: number, raw: Record<string, unknown>): string => {
  const rule = typeof raw.rule === 'string' ? raw.rule : '?';
  const id = typeof raw.resourceId === 'string' ? raw.resourceId : '?';
  return `${where}[${i}] (${clip(rule)} / ${clip(id)})`;
};
const clip = (text: string): string => (text.length > 80 ? `${text.slice(0, 77)}...` : text);

function textProblem(name: string, value: unknown, limit: number): string | undefined {
  if (typeof value !== 'string') return `${name} must be a string`;
  if (value.trim() === '') return `${name} is empty`;
  if (value.length > limit) return `${name} is over ${limit} characters (${value.length})`;
  if (CONTROL.test(value)) return `${name} holds a control character`;
  return undefined;
}

/** What is wrong with one exemption's expiry, or undefined. */
export function expiryProblem(
  expires: unknown,
  options: { today: string; maxDays: number; rejectExpired: boolean },
): string | undefined {
  if (typeof expires !== 'string') return 'expires must be a date YYYY-MM-DD';
  const day = dayNumber(expires);
  if (day === undefined) return `expires ${JSON.stringify(clip(expires))} is not a date YYYY-MM-DD`;
  const today = dayNumber(options.today);
  if (today === undefined) throw new Error(`today ${JSON.stringify(options.today)} is not a date`);
  if (options.rejectExpired && day < today)
    return `expires ${expires} is before ${options.today}: expired at creation`;
  if (day - today > options.maxDays)
    return `expires ${expires} is more than ${options.maxDays} days after ${options.today}`;
  return undefined;
}

/**
 * Validates a list of exemptions (the deployment's `exemptions`, a `--exemptions` file, an SSM
 * parameter's JSON). Every problem is collected and thrown together in an InvalidExemptionError,
 * each naming its exemption by position, rule and resource; nothing else is ever thrown.
 *
 * @example
 * parseExemptions([{ rule: 'glue-job-tagged', resourceId: 'etl', reason: 'legacy', approver: 'cro', expires: '2027-01-31' }], { today: '2026-12-05' });
 */
export function parseExemptions(value: unknown, options: ValidateOptions): Exemption[] {
  const where = options.where ?? 'exemptions';
  const maxDays = options.maxDays ?? DEFAULT_EXEMPTION_MAX_DAYS;
  const rejectExpired = options.rejectExpired ?? true;
  if (!Array.isArray(value)) throw new InvalidExemptionError([`${where} must be a list (JSON array)`]);
  const problems: string[] = [];
  const out: Exemption[] = [];
  const seen = new Map<string, number>();
  for (const [i, item] of value.entries()) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      problems.push(`${where}[${i}]: must be an object with ${FIELDS.join(', ')}`);
      continue;
    }
    const raw = item as Record<string, unknown>;
    const name = label(where, i, raw);
    const mine: string[] = [];
    for (const key of Object.keys(raw))
      if (!(FIELDS as readonly string[]).includes(key))
        mine.push(`unknown field ${JSON.stringify(clip(key))} (known: ${FIELDS.join(', ')})`);
    if (typeof raw.rule !== 'string' || !RULE_ID.test(raw.rule)) mine.push('rule must be a rule id');
    else if (options.rules && !options.rules.includes(raw.rule)) mine.push(`unknown rule ${raw.rule}`);
    const problemsOf = [
      textProblem('resourceId', raw.resourceId, RESOURCE_ID_LIMIT),
      textProblem('reason', raw.reason, REASON_LIMIT),
      textProblem('approver', raw.approver, APPROVER_LIMIT),
    ];
    if (problemsOf[2] === undefined && !APPROVER.test((raw.approver as string).trim()))
      problemsOf[2] = 'approver may hold only letters, digits, spaces and _ . : = + @ -';
    mine.push(...problemsOf.filter((p): p is string => p !== undefined));
    const expiry = expiryProblem(raw.expires, { today: options.today, maxDays, rejectExpired });
    if (expiry) mine.push(expiry);
    if (mine.length > 0) {
      problems.push(`${name}: ${mine.join('; ')}`);
      continue;
    }
    const exemption: Exemption = {
      rule: raw.rule as string,
      resourceId: raw.resourceId as string,
      reason: (raw.reason as string).trim(),
      approver: (raw.approver as string).trim(),
      expires: raw.expires as string,
    };
    const key = `${exemption.rule}\u0000${exemption.resourceId}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push(`${name}: the same rule and resource as ${where}[${first}]`);
      continue;
    }
    seen.set(key, i);
    out.push(exemption);
  }
  if (problems.length > 0) throw new InvalidExemptionError(problems);
  return out;
}

/** Parses JSON text holding a list of exemptions; bad JSON is an InvalidExemptionError too. */
export function parseExemptionsJson(text: string, options: ValidateOptions): Exemption[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InvalidExemptionError([
      `${options.where ?? 'exemptions'} is not valid JSON (${(error as Error).message})`,
    ]);
  }
  return parseExemptions(value, options);
}

/** The tag key exempting a resource from `rule`. */
export function exemptionTagKey(rule: string): string {
  return `${EXEMPTION_TAG_PREFIX}${rule}`;
}

/** The tag value of an exemption: `<expires>/<approver>/<reason>` (at most 256 characters). */
export function exemptionTagValue(e: Pick<Exemption, 'expires' | 'approver' | 'reason'>): string {
  return `${e.expires}/${e.approver}/${e.reason}`;
}

/**
 * Reads the exemption tag of `rule` on a resource: undefined when the resource has none, else
 * the exemption or the problem that makes the tag unusable (malformed, over-long, too far ahead).
 */
export function exemptionFromTags(
  tags: Readonly<Record<string, string>> | undefined,
  rule: string,
  resourceId: string,
  options: { today: string; maxDays: number },
): { exemption: Exemption } | { problem: string } | undefined {
  const key = exemptionTagKey(rule);
  if (!tags || !Object.hasOwn(tags, key)) return undefined;
  const value = tags[key] ?? '';
  const where = `tag ${key}`;
  if (value.length > TAG_VALUE_LIMIT)
    return { problem: `${where}: the value is over ${TAG_VALUE_LIMIT} characters` };
  const first = value.indexOf('/');
  const second = first < 0 ? -1 : value.indexOf('/', first + 1);
  if (second < 0) return { problem: `${where}: the value is not <expires>/<approver>/<reason>` };
  const raw = {
    rule,
    resourceId,
    expires: value.slice(0, first),
    approver: value.slice(first + 1, second),
    reason: value.slice(second + 1),
  };
  try {
    const [exemption] = parseExemptions([raw], { ...options, rejectExpired: false, where });
    return exemption ? { exemption } : { problem: `${where}: unreadable` };
  } catch (error) {
    const problems = error instanceof InvalidExemptionError ? error.problems : [String(error)];
    // The problem names the tag already; drop the list-style prefix "tag ...[0] (rule / id): ".
    const prefix = `${label(where, 0, raw)}: `;
    const text = problems.map((p) => (p.startsWith(prefix) ? p.slice(prefix.length) : p)).join('; ');
    return { problem: `${where}: ${text}` };
  }
}

/** What one invocation (or one scan) knows about exemptions. */
export interface ExemptionSettings {
  /** Exemptions from the deployment configuration (or `--exemptions`), already validated. */
  deployment: readonly Exemption[];
  /** Whether a resource tag may exempt from this rule (a deployment setting, default none). */
  tagsAllowed: boolean;
  maxDays: number;
  /** The date an exemption is judged in force on (YYYY-MM-DD, UTC). */
  today: string;
}

/** An exemption as reported: its source and whether it is in force (through its expiry day). */
export function noteOf(e: Exemption, source: ExemptionNote['source'], today: string): ExemptionNote {
  const expired = (dayNumber(e.expires) ?? 0) < (dayNumber(today) ?? 0);
  return { ...e, source, status: expired ? 'expired' : 'active' };
}

export interface ExemptionMatch {
  /** The exemption that applies (active) or applied until it expired; undefined when none. */
  note?: ExemptionNote;
  /** A tag that was present but ignored, and why (not allowed for this rule, or malformed). */
  ignoredTag?: string;
}

/**
 * The exemption of `resourceId` from `rule`: an active one wins over an expired one, the
 * deployment's over a tag's. A tag counts only when the deployment allows tag exemptions for
 * the rule; otherwise it is reported as ignored.
 */
export function findExemption(
  settings: ExemptionSettings,
  rule: string,
  resourceId: string,
  tags?: Readonly<Record<string, string>>,
): ExemptionMatch {
  const candidates: ExemptionNote[] = settings.deployment
    .filter((e) => e.rule === rule && e.resourceId === resourceId)
    .map((e) => noteOf(e, 'deployment', settings.today));
  const match: ExemptionMatch = {};
  const fromTag = exemptionFromTags(tags, rule, resourceId, settings);
  if (fromTag) {
    if (!settings.tagsAllowed)
      match.ignoredTag = `tag ${exemptionTagKey(rule)} ignored: this deployment does not allow tag exemptions for ${rule}`;
    else if ('problem' in fromTag) match.ignoredTag = `${fromTag.problem} (ignored)`;
    else candidates.push(noteOf(fromTag.exemption, 'tag', settings.today));
  }
  const note = candidates.find((c) => c.status === 'active') ?? candidates[0];
  if (note) match.note = note;
  return match;
}

/** `until 2027-01-31, approved by alice (deployment): legacy job` */
export function describeExemption(note: ExemptionNote): string {
  const when = note.status === 'active' ? `until ${note.expires}` : `expired ${note.expires}`;
  return `${when}, approved by ${note.approver} (${note.source}): ${note.reason}`;
}

/** The verdict of a resource under an active exemption: NOT_APPLICABLE naming it. */
export function exemptVerdict(note: ExemptionNote): Verdict {
  return {
    compliance: Compliance.NOT_APPLICABLE,
    annotation: `Exempt ${describeExemption(note)}`,
    exemptions: [note],
  };
}

/** A verdict made as usual, annotated with the expired exemption and any ignored tag. */
export function annotateVerdict(verdict: Verdict, match: ExemptionMatch): Verdict {
  const notes: string[] = [];
  if (match.note?.status === 'expired')
    notes.push(`Exemption expired ${match.note.expires} (approved by ${match.note.approver}).`);
  if (match.ignoredTag) notes.push(`${match.ignoredTag}.`);
  if (notes.length === 0 && !match.note) return verdict;
  const out: Verdict = { ...verdict, annotation: [...notes, verdict.annotation].join(' ') };
  if (match.note) out.exemptions = [...(verdict.exemptions ?? []), match.note];
  return out;
}

/**
 * The name an account-level rule gives an offender: the text before its first ` (` (offenders
 * read `name (reason)` or just `name`). An exemption's resourceId names it on account rules.
 */
export function offenderName(offender: string): string {
  const cut = offender.indexOf(' (');
  return cut < 0 ? offender : offender.slice(0, cut);
}

/**
 * Applies exemptions to an account-level verdict: offenders under an active exemption leave the
 * offender list (and are listed in `exemptions`); offenders whose exemption expired stay, noted
 * as expired. When every offender is exempt the verdict is NOT_APPLICABLE naming them.
 */
export function exemptOffenders(
  verdict: Verdict,
  settings: ExemptionSettings,
  rule: string,
  describe: (prefix: string, names: readonly string[]) => string,
): Verdict {
  if (!verdict.offenders?.length) return verdict;
  const remaining: string[] = [];
  const active: ExemptionNote[] = [];
  const expired: ExemptionNote[] = [];
  for (const offender of verdict.offenders) {
    const { note } = findExemption({ ...settings, tagsAllowed: false }, rule, offenderName(offender));
    if (note?.status === 'active') active.push(note);
    else {
      if (note) expired.push(note);
      remaining.push(offender);
    }
  }
  if (active.length === 0 && expired.length === 0) return verdict;
  const exemptions = [...(verdict.exemptions ?? []), ...active, ...expired];
  if (remaining.length === 0) {
    return {
      compliance: Compliance.NOT_APPLICABLE,
      annotation: describe(
        `Every offender is exempt (${active.length})`,
        active.map((n) => `${n.resourceId} until ${n.expires}`),
      ),
      exemptions,
    };
  }
  const expiredText =
    expired.length > 0 ? `, exemption expired for ${expired.map((n) => n.resourceId).join(', ')}` : '';
  const compliance: ComplianceType = verdict.compliance;
  return {
    compliance,
    annotation: describe(
      `${remaining.length} offender(s) not exempt (${active.length} exempt${expiredText})`,
      remaining,
    ),
    offenders: remaining,
    exemptions,
  };
}

/** The partition of a region (for ARNs the rules build). */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** The Glue ARN of a swept resource whose tags can be read with glue:GetTags, if any. */
export function glueArnOf(
  resourceType: string,
  resourceId: string,
  where: { region: string; accountId: string },
): string | undefined {
  const kind =
    resourceType === 'AWS::Glue::Job'
      ? 'job'
      : resourceType === 'AWS::Glue::MLTransform'
        ? 'mlTransform'
        : '';
  if (!kind || resourceId === '') return undefined;
  return `arn:${partitionOf(where.region)}:glue:${where.region}:${where.accountId}:${kind}/${resourceId}`;
}

/** Reads the tag-exemption and max-days settings of a rule function from its environment. */
export function exemptionEnv(env: NodeJS.ProcessEnv = process.env): {
  path?: string;
  tagsAllowed: boolean;
  maxDays: number;
} {
  const rawDays = env[EXEMPTION_MAX_DAYS_ENV]?.trim();
  let maxDays = DEFAULT_EXEMPTION_MAX_DAYS;
  if (rawDays) {
    if (!/^\d{1,4}$/.test(rawDays) || Number(rawDays) < 1 || Number(rawDays) > EXEMPTION_MAX_DAYS_LIMIT)
      throw new Error(
        `${EXEMPTION_MAX_DAYS_ENV} must be a whole number of days from 1 to ${EXEMPTION_MAX_DAYS_LIMIT}, got '${rawDays}'`,
      );
    maxDays = Number(rawDays);
  }
  const path = env[EXEMPTIONS_PATH_ENV]?.trim();
  return {
    ...(path ? { path } : {}),
    tagsAllowed: env[TAG_EXEMPTIONS_ENV]?.trim().toLowerCase() === 'true',
    maxDays,
  };
}
