// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ARN templates and CloudFormation Fn::Sub text, not JS placeholders
import type { Checker } from './config-checker';

/**
 * The AWS naming convention for Glue service roles (the console creates `AWSGlueServiceRole*`,
 * with or without the `service-role/` path). `${Partition}` and `${Account}` become the deploying
 * stack's own, so the same value works in every StackSet member account.
 */
export const DEFAULT_GLUE_SERVICE_ROLE_ARNS: readonly string[] = [
  'arn:${Partition}:iam::${Account}:role/service-role/AWSGlueServiceRole*',
  'arn:${Partition}:iam::${Account}:role/AWSGlueServiceRole*',
];

/** The rule whose remediation sets the catalog's connection password key (its `KmsKeyId`). */
export const PASSWORD_KEY_RULE = 'glue-catalog-connection-passwords-encrypted';

/**
 * An IAM role ARN or ARN pattern: partition and account literal or the `${Partition}` /
 * `${Account}` placeholders (never a wildcard account), then a role path and name where `*` and
 * `?` match as in IAM.
 */
const ROLE_ARN_PATTERN =
  /^arn:(?:\$\{Partition\}|aws|aws-cn|aws-us-gov):iam::(?:\$\{Account\}|\d{12}):role\/([\w+=,.@/*?-]{1,512})$/;
/** A KMS key ARN (the form EnableGlueCatalogEncryption's `KmsKeyId` takes: no alias). */
export const KEY_ARN_PATTERN =
  /^arn:aws(?:-cn|-us-gov)?:kms:[a-z]{2}(?:-[a-z]+)+-\d:\d{12}:key\/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;

/**
 * Reads `glueServiceRoleArns`: the roles the job remediations may re-pass to Glue on UpdateJob.
 * A pattern that matches every role (`role/*`) is refused: it would give back what the setting
 * takes away.
 */
export function glueServiceRoleArns(c: Checker, value: unknown): string[] {
  const path = 'glueServiceRoleArns';
  if (value === undefined) return [...DEFAULT_GLUE_SERVICE_ROLE_ARNS];
  if (!Array.isArray(value) || value.length === 0) {
    c.fail(path, 'must be a non-empty list of IAM role ARNs or ARN patterns');
    return [...DEFAULT_GLUE_SERVICE_ROLE_ARNS];
  }
  const out: string[] = [];
  for (const [i, item] of value.entries()) {
    const name = typeof item === 'string' ? ROLE_ARN_PATTERN.exec(item)?.[1] : undefined;
    if (name === undefined) {
      c.fail(
        `${path}[${i}]`,
        `${JSON.stringify(item)} is not an IAM role ARN or ARN pattern ` +
          '(arn:${Partition}:iam::${Account}:role/<path/><name>, * and ? allowed in the path and name)',
      );
    } else if (!/[^*?/]/.test(name)) {
      c.fail(`${path}[${i}]`, `${JSON.stringify(item)} matches every role: name the Glue service roles`);
    } else out.push(item as string);
  }
  return out;
}

/** Reads `connectionPasswordKeyArn`: the key the catalog encrypts connection passwords with. */
export function connectionPasswordKeyArn(c: Checker, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !KEY_ARN_PATTERN.test(value)) {
    c.fail(
      'connectionPasswordKeyArn',
      `${JSON.stringify(value)} is not a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>; no alias)`,
    );
    return undefined;
  }
  return value;
}

/**
 * The catalog's connection password key for IAM scoping: `connectionPasswordKeyArn`, else the
 * `KmsKeyId` the password-encryption remediation is configured with (when it is a key ARN).
 */
export function connectionPasswordKey(config: {
  connectionPasswordKeyArn?: string;
  rules: Record<string, { remediation?: { parameters: Record<string, string | string[]> } }>;
}): string | undefined {
  if (config.connectionPasswordKeyArn) return config.connectionPasswordKeyArn;
  const configured = config.rules[PASSWORD_KEY_RULE]?.remediation?.parameters.KmsKeyId;
  return typeof configured === 'string' && KEY_ARN_PATTERN.test(configured) ? configured : undefined;
}

/** What infra/permissions.ts scopes with, from the configuration. */
export function scopeInputs(config: {
  glueServiceRoleArns: readonly string[];
  connectionPasswordKeyArn?: string;
  rules: Record<string, { remediation?: { parameters: Record<string, string | string[]> } }>;
}): { glueServiceRoleArns: readonly string[]; connectionPasswordKeyArn?: string | undefined } {
  return {
    glueServiceRoleArns: config.glueServiceRoleArns,
    connectionPasswordKeyArn: connectionPasswordKey(config),
  };
}
