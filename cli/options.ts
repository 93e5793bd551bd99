import { type ParseArgsConfig, parseArgs } from 'node:util';
import { rules as registry } from '../functions/rules/index';
import { type AwsContext, createAwsContext } from '../functions/runtime/aws';
import type { AnyRule } from '../functions/runtime/rule';
import { localEndpointCredentials } from './credentials';
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
 * An AWS context from --region/--endpoint/--profile. With a loopback --endpoint and no credentials
 * configured, it signs with dummy credentials and says so on stderr (see credentials.ts).
 */
export async function awsFromOptions(values: {
  region?: string;
  endpoint?: string;
  profile?: string;
}): Promise<AwsContext> {
  if (values.endpoint && !/^https?:\/\/[^\s]+$/.test(values.endpoint)) {
    throw new UsageError(`--endpoint must be an http(s) URL, got '${values.endpoint}'`);
  }
  const overrides: Parameters<typeof createAwsContext>[0] = {};
  if (values.region) overrides.region = values.region;
  if (values.endpoint) overrides.endpoint = values.endpoint;
  if (values.profile) overrides.profile = values.profile;
  let aws: AwsContext;
  try {
    aws = createAwsContext(overrides);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const dummy = await localEndpointCredentials({
    endpoint: aws.config.endpoint,
    profile: aws.config.profile,
    region: aws.config.region,
  });
  return dummy ? createAwsContext({ ...overrides, credentials: dummy }) : aws;
}

/** The rules named by --rules a,b (all when absent); unknown ids are a usage error. */
export function selectRules(csv: string | undefined): AnyRule[] {
  if (!csv) return [...registry];
  const ids = csv
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = ids.filter((id) => !registry.some((r) => r.id === id));
  if (unknown.length > 0) {
    throw new UsageError(
      `Unknown rule(s): ${unknown.join(', ')}. Known: ${registry.map((r) => r.id).join(', ')}`,
    );
  }
  return registry.filter((r) => ids.includes(r.id));
}

/** Parses repeated `--param <rule-id>.<name>=<value>` into per-rule parameter objects. */
export function ruleParams(values: string[] | undefined): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const v of values ?? []) {
    const m = /^([a-z0-9-]+)\.([A-Za-z0-9]+)=(.*)$/s.exec(v);
    if (!m) throw new UsageError(`--param expects <rule-id>.<name>=<value>, got '${v}'`);
    const [, ruleId, name, value] = m as unknown as [string, string, string, string];
    if (!registry.some((r) => r.id === ruleId))
      throw new UsageError(`--param names unknown rule '${ruleId}'`);
    out[ruleId] ??= {};
    out[ruleId][name] = value;
  }
  return out;
}
