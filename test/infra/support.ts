import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rules } from '../../functions/rules/index';
import type { AnyRule } from '../../functions/runtime/rule';
import { loadDocument } from '../../remediation/catalog/documents';

export const PREFIX = 'acme-';
export const KMS_KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** Values for document parameters only the deployer knows, by parameter name. */
const DEPLOYER_VALUES: Record<string, string> = {
  KmsKeyId: KMS_KEY,
  SecurityConfigurationName: 'ledger-kms',
};
/** Parameters the mapping fills in itself. */
const MAPPED = new Set(['AutomationAssumeRole', 'NotificationTopicArn', 'RuleName']);

/**
 * Static parameters for every required document parameter of a rule's remediation. A new
 * required parameter without a known value fails here, naming it, so the table is kept up to date.
 */
export function requiredStaticParameters(rule: AnyRule): Record<string, string> {
  const link = rule.remediation;
  if (!link) return {};
  const params = loadDocument(link.document).parameters ?? {};
  const out: Record<string, string> = {};
  for (const [name, spec] of Object.entries(params)) {
    if (spec.default !== undefined || MAPPED.has(name) || name === link.resourceIdParameter) continue;
    const value = DEPLOYER_VALUES[name];
    if (value === undefined)
      throw new Error(`test/infra/support.ts: no test value for document parameter ${name}`);
    out[name] = value;
  }
  return out;
}

/**
 * Rules the full configuration lets tags exempt from: a periodic job rule (its sweep reads tags
 * with glue:GetTags), a change-only job rule and an ML transform rule (configuration items only).
 */
export const TAG_EXEMPTION_RULES = [
  'glue-job-network-isolated',
  'glue-job-logging-enabled',
  'glue-ml-transform-encrypted',
] as const;
/** Of those, the rules whose role may call glue:GetTags. */
export const TAG_READING_RULES = ['glue-job-network-isolated'] as const;

/** Days from today (UTC) as YYYY-MM-DD. */
export function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Exemptions of the full configuration: one resource rule, one account rule. */
export function fullConfigExemptions(): Array<Record<string, string>> {
  return [
    {
      rule: 'glue-job-logging-enabled',
      resourceId: 'legacy-etl',
      reason: 'Retired with the Q1 migration',
      approver: 'cro@example.com',
      expires: daysFromToday(90),
    },
    {
      rule: 'glue-connection-ssl-enforced',
      resourceId: 'mainframe-link',
      reason: 'Vendor gateway terminates TLS',
      approver: 'ciso@example.com',
      expires: daysFromToday(30),
    },
  ];
}

/** A full configuration: every rule, every remediation deployable, recorder, e-mail, organization. */
export function fullConfig(): Record<string, unknown> {
  const ruleSettings: Record<string, unknown> = {};
  for (const rule of rules) {
    if (!rule.remediation) continue;
    ruleSettings[rule.id] = {
      remediation: {
        automatic: false,
        maximumAutomaticAttempts: 5,
        retryAttemptSeconds: 120,
        parameters: requiredStaticParameters(rule),
      },
    };
  }
  ruleSettings['glue-job-security-configuration-encrypted'] = {
    ...(ruleSettings['glue-job-security-configuration-encrypted'] as object),
    parameters: { allowSseS3: 'true' },
  };
  return {
    namePrefix: PREFIX,
    notificationEmail: 'secops@example.com',
    createConfigRecorder: true,
    logRetentionDays: 400,
    rules: ruleSettings,
    exemptions: fullConfigExemptions(),
    tagExemptionRules: [...TAG_EXEMPTION_RULES],
    organization: {
      organizationalUnitIds: ['ou-ab12-34cd56ef'],
      regions: ['us-east-1', 'eu-west-1'],
      callAs: 'DELEGATED_ADMIN',
      assetBucketPrefix: 'acme-guardrails',
    },
  };
}

/** A fresh cloud assembly directory. */
export function tempOutdir(name: string): string {
  return mkdtempSync(join(tmpdir(), `glue-guardrails-${name}-`));
}

export type Statement = {
  Action: string | string[];
  Resource?: unknown;
  Effect: string;
  Condition?: unknown;
  Sid?: string;
};
type Resource = { Type: string; Properties: Record<string, unknown>; DependsOn?: string | string[] };

/** The statements of an IAM policy resource. */
export function policyStatements(policy: Resource): Statement[] {
  return (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
}

/** Every action of an IAM policy resource's statements. */
export function policyActions(policy: Resource): string[] {
  const doc = policy.Properties.PolicyDocument as { Statement: Statement[] };
  return doc.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
}

/** The AWS::IAM::Policy resources attached to a role (by logical id). */
export function policiesOfRole(resources: Record<string, Resource>, roleId: string): Resource[] {
  return Object.values(resources).filter(
    (r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles ?? []).includes(`"${roleId}"`),
  );
}
