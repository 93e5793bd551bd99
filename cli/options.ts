import { type ParseArgsConfig, parseArgs } from 'node:util';
import { ruleCatalog } from '../functions/rules/catalog';
import { InvalidParameterValueError } from '../functions/runtime/errors';
import type { AnyRuleMeta } from '../functions/runtime/meta';
import { parseParameters } from '../functions/runtime/parameters';
import { UsageError } from './errors';

export const AWS_OPTIONS = {
  region: { type: 'string' },
  endpoint: { type: 'string' },
  profile: { type: 'string' },
} as const;

/** `--format table|json`, shared by the commands that print findings or records. */
export const FORMAT_OPTION = { format: { type: 'string', default: 'table' } } as const;
export type OutputFormat = 'table' | 'json';

/** The --format value, or a usage error naming it. */
export function outputFormat(values: { format?: unknown }): OutputFormat {
  const format = values.format ?? 'table';
  if (format !== 'table' && format !== 'json')
    throw new UsageError(`--format must be table or json, got '${format}'`);
  return format;
}

export const AWS_USAGE = `  --region R          AWS region (default: AWS_REGION)
  --endpoint URL      send every AWS call to this endpoint (an emulator, a VPC endpoint)
  --profile P         named profile from the shared AWS config`;

/** parseArgs, with its errors turned into usage errors. */
export function parse<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * The rules named by --rules a,b (all when absent), taken from `rules` (the registry, or the
 * catalog when only metadata is needed); ids are checked against the catalog. Unknown ids, and a
 * value naming no rule at all (`--rules ","`, blanks), are usage errors: scanning nothing must not
 * look like a clean result.
 */
export function selectRules<R extends { id: string }>(csv: string | undefined, rules: readonly R[]): R[] {
  if (csv === undefined) return [...rules];
  const ids = csv
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (ids.length === 0) {
    throw new UsageError(
      `--rules names no rule (got '${csv}'). Known: ${ruleCatalog.map((r) => r.id).join(', ')}`,
    );
  }
  const unknown = ids.filter((id) => !ruleCatalog.some((r) => r.id === id));
  if (unknown.length > 0) {
    throw new UsageError(
      `Unknown rule(s): ${unknown.join(', ')}. Known: ${ruleCatalog.map((r) => r.id).join(', ')}`,
    );
  }
  return rules.filter((r) => ids.includes(r.id));
}

/** Parses repeated `--param <rule-id>.<name>=<value>` into per-rule parameter objects. */
export function ruleParams(values: string[] | undefined): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const v of values ?? []) {
    const m = /^([a-z0-9-]+)\.([A-Za-z0-9]+)=(.*)$/s.exec(v);
    if (!m) throw new UsageError(`--param expects <rule-id>.<name>=<value>, got '${v}'`);
    const [, ruleId, name, value] = m as unknown as [string, string, string, string];
    if (!ruleCatalog.some((r) => r.id === ruleId))
      throw new UsageError(`--param names unknown rule '${ruleId}'`);
    out[ruleId] ??= {};
    if (Object.hasOwn(out[ruleId], name))
      throw new UsageError(`--param ${ruleId}.${name} is given more than once`);
    out[ruleId][name] = value;
  }
  return out;
}

/**
 * Checks --param values against the selected rules before anything runs: a parameter of a rule
 * that --rules leaves out would be silently ignored, and an invalid name or value would only
 * surface as an evaluation error. Both are usage errors.
 */
export function checkRuleParams(
  rules: readonly Pick<AnyRuleMeta, 'id' | 'parameters'>[],
  parameters: Record<string, Record<string, string>>,
): void {
  for (const [ruleId, values] of Object.entries(parameters)) {
    const rule = rules.find((r) => r.id === ruleId);
    if (!rule) throw new UsageError(`--param names rule '${ruleId}', which --rules does not select`);
    try {
      parseParameters(rule.parameters, JSON.stringify(values));
    } catch (error) {
      if (error instanceof InvalidParameterValueError)
        throw new UsageError(`--param ${ruleId}: ${error.message}`);
      throw error;
    }
  }
}
