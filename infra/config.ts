import { readFileSync } from 'node:fs';
import { ruleCatalog } from '../functions/rules/catalog';
import { errorMessage } from '../functions/runtime/errors';
import type { AnyRuleMeta } from '../functions/runtime/meta';
import { parseParameters } from '../functions/runtime/parameters';
import { Checker } from './config-checker';
import { type ExemptionConfig, exemptionConfig } from './exemptions';
import { connectionPasswordKeyArn, glueServiceRoleArns } from './permission-settings';

/** CDK context key holding the configuration (an object, or JSON text when given with `-c`). */
export const CONFIG_CONTEXT_KEY = 'glueGuardrails';
/** CDK context key naming a JSON file that holds the configuration (wins over the inline one). */
export const CONFIG_FILE_CONTEXT_KEY = 'glueGuardrailsConfigFile';

/** CloudWatch Logs retention periods (days) the Logs API accepts. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** How one rule's remediation is wired (defaults come from the catalog's RemediationLink). */
export interface RemediationSettings {
  automatic: boolean;
  /** 1-25 (AWS::Config::RemediationConfiguration MaximumAutomaticAttempts). */
  maximumAutomaticAttempts: number;
  /** Seconds between automatic attempts (RetryAttemptSeconds, 1-2678000). */
  retryAttemptSeconds: number;
  /** Static document parameters, e.g. `KmsKeyId` for EnableGlueCatalogEncryption (a list for
   * StringList parameters). */
  parameters: Record<string, string | string[]>;
}

export interface RuleSettings {
  /** Raw input parameters as AWS Config passes them (strings), validated at synth. */
  parameters: Record<string, string>;
  /** Absent when the rule has no remediation. */
  remediation?: RemediationSettings;
}

/** Where the StackSet's member accounts find the Lambda code (see "A whole organization" in README.md). */
export interface OrganizationSettings {
  /** Organizational units the StackSet deploys to (CloudFormation parameter default). */
  organizationalUnitIds: string[];
  /** Regions of every target account (also where the Lambda code is published). */
  regions: string[];
  /** `SELF` from the management account, `DELEGATED_ADMIN` from a delegated administrator. */
  callAs: 'SELF' | 'DELEGATED_ADMIN';
  /** Code buckets are `<prefix>-<publishing account id>-<region>`, one per region. */
  assetBucketPrefix: string;
  /** Key prefix of the code objects in those buckets. */
  assetKeyPrefix: string;
  stackSetName: string;
  maxConcurrentPercentage: number;
  failureTolerancePercentage: number;
  /** The organization-wide AWS Config aggregator the organization stack creates (on by default). */
  aggregator: AggregatorSettings;
}

/** An organization-wide Config aggregator: every account's results, read with `scan --aggregator`. */
export interface AggregatorSettings {
  enabled: boolean;
  /** ConfigurationAggregatorName (1-256 of letters, digits, '_' and '-'). */
  name: string;
  /** Every region (AllAwsRegions, current and future) instead of the StackSet's Regions. */
  allRegions: boolean;
}

/**
 * The whole deployment configuration, validated and defaulted. Exemptions (ExemptionConfig):
 * `exemptions`, `exemptionMaxDays`, `tagExemptionRules` (see "Exemptions" in README.md).
 */
export interface GuardrailsConfig extends ExemptionConfig {
  /** Prepended to Config rule and SSM document names (letters, digits, '-', '_'). */
  namePrefix: string;
  /** Enabled rule ids, in catalog order. */
  enabledRules: string[];
  rules: Record<string, RuleSettings>;
  notificationEmail?: string;
  createConfigRecorder: boolean;
  logRetentionDays: number;
  /** Lambda timeout in seconds: a periodic sweep pages through every resource of a type. */
  functionTimeoutSeconds: number;
  functionMemoryMb: number;
  /**
   * Periodic sweeps put only evaluations whose compliance or annotation changed, re-asserting an
   * unchanged result once it is this many hours old; 0 puts every evaluation on every sweep.
   * Default 168 (7 days): see "Performance and cost" in README.md.
   */
  evaluationMaxAgeHours: number;
  organization: OrganizationSettings;
  /**
   * Roles (ARNs or patterns, `${Partition}`/`${Account}` placeholders allowed) the job
   * remediations may pass to Glue when UpdateJob re-sends a job's role.
   */
  glueServiceRoleArns: string[];
  /** The key the Data Catalog encrypts connection passwords with (EnforceGlueConnectionSsl decrypts). */
  connectionPasswordKeyArn?: string;
}

/** The configuration is invalid; the message names the setting and what is wrong. */
export class InvalidConfigurationError extends Error {
  override readonly name = 'InvalidConfigurationError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid glue-guardrails configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

const PREFIX = /^[A-Za-z0-9_-]{0,20}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const OU_ID = /^(ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}|r-[a-z0-9]{4,32})$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const BUCKET_PREFIX = /^[a-z0-9][a-z0-9-]{1,30}$/;
const KEY_PREFIX = /^([A-Za-z0-9!_.*'()-]+\/)*$/;
const TOP_LEVEL = [
  'namePrefix',
  'enabledRules',
  'rules',
  'notificationEmail',
  'createConfigRecorder',
  'logRetentionDays',
  'functionTimeoutSeconds',
  'functionMemoryMb',
  'evaluationMaxAgeHours',
  'organization',
  'glueServiceRoleArns',
  'connectionPasswordKeyArn',
  'exemptions',
  'exemptionMaxDays',
  'tagExemptionRules',
];

function ruleSettings(c: Checker, rule: AnyRuleMeta, value: unknown): RuleSettings {
  const path = `rules.${rule.id}`;
  const raw = c.object(path, value);
  c.unknownKeys(path, raw, ['parameters', 'remediation']);
  const parameters = c.stringMap(`${path}.parameters`, raw.parameters);
  try {
    // The runtime's own parser: a value the Lambda would reject fails synth with the same message.
    parseParameters(rule.parameters, JSON.stringify(parameters));
  } catch (error) {
    c.fail(`${path}.parameters`, errorMessage(error));
  }
  const settings: RuleSettings = { parameters };
  const link = rule.remediation;
  if (!link) {
    if (raw.remediation !== undefined) c.fail(`${path}.remediation`, 'this rule has no remediation');
    return settings;
  }
  const rem = c.object(`${path}.remediation`, raw.remediation);
  c.unknownKeys(`${path}.remediation`, rem, [
    'automatic',
    'maximumAutomaticAttempts',
    'retryAttemptSeconds',
    'parameters',
  ]);
  settings.remediation = {
    automatic: c.bool(`${path}.remediation.automatic`, rem.automatic, link.automatic),
    maximumAutomaticAttempts: c.int(
      `${path}.remediation.maximumAutomaticAttempts`,
      rem.maximumAutomaticAttempts,
      3,
      1,
      25,
    ),
    retryAttemptSeconds: c.int(
      `${path}.remediation.retryAttemptSeconds`,
      rem.retryAttemptSeconds,
      60,
      1,
      2678000,
    ),
    parameters: c.valueMap(`${path}.remediation.parameters`, rem.parameters),
  };
  return settings;
}

function organizationSettings(c: Checker, value: unknown): OrganizationSettings {
  const raw = c.object('organization', value);
  const known = [
    'organizationalUnitIds',
    'regions',
    'callAs',
    'assetBucketPrefix',
    'assetKeyPrefix',
    'stackSetName',
    'maxConcurrentPercentage',
    'failureTolerancePercentage',
    'aggregator',
  ];
  c.unknownKeys('organization', raw, known);
  const aggregator = c.object('organization.aggregator', raw.aggregator);
  c.unknownKeys('organization.aggregator', aggregator, ['enabled', 'name', 'allRegions']);
  const callAs = raw.callAs ?? 'SELF';
  if (callAs !== 'SELF' && callAs !== 'DELEGATED_ADMIN') {
    c.fail('organization.callAs', `must be SELF or DELEGATED_ADMIN, got ${JSON.stringify(callAs)}`);
  }
  return {
    organizationalUnitIds: c.strings('organization.organizationalUnitIds', raw.organizationalUnitIds, OU_ID),
    regions: c.strings('organization.regions', raw.regions, REGION),
    callAs: callAs === 'DELEGATED_ADMIN' ? 'DELEGATED_ADMIN' : 'SELF',
    assetBucketPrefix: c.string(
      'organization.assetBucketPrefix',
      raw.assetBucketPrefix,
      'glue-guardrails-assets',
      BUCKET_PREFIX,
    ),
    assetKeyPrefix: c.string(
      'organization.assetKeyPrefix',
      raw.assetKeyPrefix,
      'glue-guardrails/',
      KEY_PREFIX,
    ),
    stackSetName: c.string(
      'organization.stackSetName',
      raw.stackSetName,
      'glue-guardrails',
      /^[A-Za-z][A-Za-z0-9-]{0,127}$/,
    ),
    maxConcurrentPercentage: c.int(
      'organization.maxConcurrentPercentage',
      raw.maxConcurrentPercentage,
      25,
      1,
      100,
    ),
    failureTolerancePercentage: c.int(
      'organization.failureTolerancePercentage',
      raw.failureTolerancePercentage,
      10,
      0,
      100,
    ),
    aggregator: {
      enabled: c.bool('organization.aggregator.enabled', aggregator.enabled, true),
      name: c.string('organization.aggregator.name', aggregator.name, 'glue-guardrails', /^[\w-]{1,256}$/),
      allRegions: c.bool('organization.aggregator.allRegions', aggregator.allRegions, false),
    },
  };
}

/**
 * Validates a raw configuration against the catalog and fills in defaults. Every problem is
 * collected, so one synth reports all of them.
 *
 * @example
 * parseConfig({ rules: { 'glue-job-security-configuration-encrypted': { parameters: { allowSseS3: 'true' } } } });
 */
export function parseConfig(
  value: unknown,
  rules: readonly AnyRuleMeta[] = ruleCatalog,
  /** The synth date exemptions are checked against (YYYY-MM-DD; default today, UTC). */
  today?: string,
): GuardrailsConfig {
  const c = new Checker();
  const raw = c.object('configuration', value ?? {});
  c.unknownKeys('configuration', raw, TOP_LEVEL);
  const ids = rules.map((r) => r.id);
  const enabled =
    raw.enabledRules === undefined ? ids : c.strings('enabledRules', raw.enabledRules, /^[a-z0-9-]+$/);
  for (const id of enabled) {
    if (!ids.includes(id)) c.fail('enabledRules', `unknown rule '${id}' (known: ${ids.join(', ')})`);
  }
  const rawRules = c.object('rules', raw.rules);
  for (const id of Object.keys(rawRules)) {
    if (!ids.includes(id)) c.fail(`rules.${id}`, `unknown rule (known: ${ids.join(', ')})`);
  }
  const settings: Record<string, RuleSettings> = {};
  for (const rule of rules) settings[rule.id] = ruleSettings(c, rule, rawRules[rule.id]);
  const retention = c.int('logRetentionDays', raw.logRetentionDays, 365, 1, 3653);
  if (!(LOG_RETENTION_DAYS as readonly number[]).includes(retention)) {
    c.fail('logRetentionDays', `must be one of ${LOG_RETENTION_DAYS.join(', ')}, got ${retention}`);
  }
  const email = raw.notificationEmail;
  if (email !== undefined && (typeof email !== 'string' || !EMAIL.test(email))) {
    c.fail('notificationEmail', `${JSON.stringify(email)} is not an e-mail address`);
  }
  const config: GuardrailsConfig = {
    namePrefix: c.string('namePrefix', raw.namePrefix, '', PREFIX),
    enabledRules: ids.filter((id) => enabled.includes(id)),
    rules: settings,
    createConfigRecorder: c.bool('createConfigRecorder', raw.createConfigRecorder, false),
    logRetentionDays: retention,
    functionTimeoutSeconds: c.int('functionTimeoutSeconds', raw.functionTimeoutSeconds, 300, 30, 900),
    functionMemoryMb: c.int('functionMemoryMb', raw.functionMemoryMb, 512, 128, 10240),
    evaluationMaxAgeHours: c.int('evaluationMaxAgeHours', raw.evaluationMaxAgeHours, 168, 0, 2160),
    organization: organizationSettings(c, raw.organization),
    glueServiceRoleArns: glueServiceRoleArns(c, raw.glueServiceRoleArns),
    ...exemptionConfig(c, raw, rules, today),
  };
  const passwordKey = connectionPasswordKeyArn(c, raw.connectionPasswordKeyArn);
  if (passwordKey) config.connectionPasswordKeyArn = passwordKey;
  if (typeof email === 'string' && EMAIL.test(email)) config.notificationEmail = email;
  if (config.enabledRules.length === 0) c.fail('enabledRules', 'no rule is enabled');
  if (c.problems.length > 0) throw new InvalidConfigurationError(c.problems);
  return config;
}

/**
 * Reads the configuration from CDK context: `glueGuardrailsConfigFile` (a JSON file) or
 * `glueGuardrails` (an object in cdk.json, or JSON text from `-c glueGuardrails='{...}'`).
 */
export function configFromContext(tryGetContext: (key: string) => unknown): GuardrailsConfig {
  const file = tryGetContext(CONFIG_FILE_CONTEXT_KEY);
  let raw: unknown = tryGetContext(CONFIG_CONTEXT_KEY);
  if (typeof file === 'string' && file !== '') {
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new InvalidConfigurationError([`${CONFIG_FILE_CONTEXT_KEY} ${file}: ${errorMessage(error)}`]);
    }
  } else if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw);
    } catch (error) {
      throw new InvalidConfigurationError([
        `${CONFIG_CONTEXT_KEY} is not valid JSON: ${errorMessage(error)}`,
      ]);
    }
  }
  return parseConfig(raw);
}

/** The rules the configuration enables, in catalog order. */
export function enabledRules(
  config: GuardrailsConfig,
  rules: readonly AnyRuleMeta[] = ruleCatalog,
): AnyRuleMeta[] {
  return rules.filter((r) => config.enabledRules.includes(r.id));
}
