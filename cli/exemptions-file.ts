import { readFileSync } from 'node:fs';
import { ruleCatalog } from '../functions/rules/catalog';
import {
  DEFAULT_EXEMPTION_MAX_DAYS,
  EXEMPTION_MAX_DAYS_LIMIT,
  type Exemption,
  type ExemptionNote,
  type ExemptionSettings,
  InvalidExemptionError,
  isoDay,
  noteOf,
  parseExemptions,
} from '../functions/runtime/exemptions';
import { UsageError } from './errors';

/** What `scan --exemptions FILE` read: the exemptions and the deployment's tag setting. */
export interface ScanExemptions {
  exemptions: Exemption[];
  /** Rules a resource tag may exempt from (the deployment's `tagExemptionRules`; default none). */
  tagExemptionRules: string[];
  maxDays: number;
  /** The day the scan judges exemptions on (YYYY-MM-DD, UTC). */
  today: string;
}

/**
 * Reads `--exemptions FILE`: the deployment configuration's format, either its `exemptions` list
 * alone (a JSON array) or an object with `exemptions` and optionally `exemptionMaxDays` and
 * `tagExemptionRules` (so the deployment's configuration file itself can be given; its other
 * settings are not read). Validated with the runtime's validator; an exemption past its date is
 * kept and reported as expired. Any problem is a UsageError naming each bad exemption.
 */
export function readExemptionsFile(path: string, today: string = isoDay()): ScanExemptions {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--exemptions ${path}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--exemptions ${path} is not valid JSON (${(error as Error).message})`);
  }
  const ids = ruleCatalog.map((r) => r.id);
  const raw: Record<string, unknown> =
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : { exemptions: value };
  const days = raw.exemptionMaxDays ?? DEFAULT_EXEMPTION_MAX_DAYS;
  if (!Number.isInteger(days) || (days as number) < 1 || (days as number) > EXEMPTION_MAX_DAYS_LIMIT)
    throw new UsageError(
      `--exemptions ${path}: exemptionMaxDays must be an integer from 1 to ${EXEMPTION_MAX_DAYS_LIMIT}, got ${JSON.stringify(days)}`,
    );
  const tagRules = raw.tagExemptionRules ?? [];
  if (!Array.isArray(tagRules) || tagRules.some((r) => typeof r !== 'string' || !ids.includes(r)))
    throw new UsageError(
      `--exemptions ${path}: tagExemptionRules must list rule ids (known: ${ids.join(', ')})`,
    );
  try {
    const exemptions = parseExemptions(raw.exemptions ?? [], {
      today,
      maxDays: days as number,
      rules: ids,
      rejectExpired: false,
      where: path,
    });
    return { exemptions, tagExemptionRules: tagRules as string[], maxDays: days as number, today };
  } catch (error) {
    if (error instanceof InvalidExemptionError) throw new UsageError(`--exemptions ${error.message}`);
    throw error;
  }
}

/** The settings one rule is evaluated with. */
export function settingsFor(scan: ScanExemptions, rule: string): ExemptionSettings {
  return {
    deployment: scan.exemptions.filter((e) => e.rule === rule),
    tagsAllowed: scan.tagExemptionRules.includes(rule),
    maxDays: scan.maxDays,
    today: scan.today,
  };
}

/**
 * Every exemption of the scanned rules: the file's (in force or expired, whether or not a
 * resource matched) and the tags' that were applied, once each, by rule then resource.
 */
export function reportedExemptions(
  scan: ScanExemptions | undefined,
  rules: readonly string[],
  applied: readonly ExemptionNote[],
): ExemptionNote[] {
  const byKey = new Map<string, ExemptionNote>();
  const add = (n: ExemptionNote): void => {
    const key = `${n.rule}\u0000${n.resourceId}\u0000${n.source}`;
    if (!byKey.has(key)) byKey.set(key, n);
  };
  for (const e of scan?.exemptions ?? [])
    if (rules.includes(e.rule)) add(noteOf(e, 'deployment', scan?.today ?? isoDay()));
  for (const n of applied) add(n);
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...byKey.values()].sort(
    (a, b) => cmp(a.rule, b.rule) || cmp(a.resourceId, b.resourceId) || cmp(a.source, b.source),
  );
}
