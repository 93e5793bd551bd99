/**
 * Parses values that point at a secret store instead of holding a secret: a CloudFormation
 * dynamic reference (`{{resolve:ssm-secure:name}}`, `{{resolve:secretsmanager:id:SecretString:key}}`),
 * a well-formed Secrets Manager, SSM parameter or KMS key ARN, and (only where the key says it
 * names an SSM parameter) a hierarchical parameter name such as `/etl/db/password`.
 *
 * A value counts as a reference only when it parses as one from its first character to its last:
 * `{{resolve:hunter2`, `arn:aws:ssm:hunter2` and `arn:aws:secretsmanager:x` are literals.
 * Every check is a split on `:` plus anchored single-class patterns, so the cost is linear in
 * the value's length whatever it holds.
 */

/** What a parsed reference points at. */
export type SecretReferenceKind =
  | 'dynamic-ssm'
  | 'dynamic-ssm-secure'
  | 'dynamic-secretsmanager'
  | 'secretsmanager-arn'
  | 'ssm-parameter-arn'
  | 'kms-key-arn'
  | 'ssm-parameter-name';

/** SSM parameter names: letters, digits and `_.-/` (SSM PutParameter), at most 2,048 with the path. */
const PARAMETER_NAME = /^[A-Za-z0-9_.\-/]{1,2048}$/;
/** Secrets Manager secret names: letters, digits and `/_+=.@-`, 1 to 512 characters. */
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
const ACCOUNT = /^\d{12}$/;
const PARTITION_PART = /^[a-z]{1,8}$/;
const REGION_WORD = /^[a-z]{1,12}$/;
const DIGITS = /^\d{1,10}$/;
/** One field after the secret id in a dynamic reference (JSON key, version stage or id). */
const DYNAMIC_FIELD = /^[^\s{}:]{0,256}$/;
/** A KMS key id (a UUID or a multi-Region `mrk-` id) or an alias name. */
const KMS_KEY_ID = /^(?:mrk-)?[0-9a-f-]{32,36}$/;
const KMS_ALIAS = /^alias\/[A-Za-z0-9/_-]{1,250}$/;

/** `aws`, `aws-cn`, `aws-us-gov`, `aws-iso-b`...: `aws` then up to three lower-case words. */
function isPartition(p: string): boolean {
  const parts = p.split('-');
  return parts[0] === 'aws' && parts.length <= 4 && parts.slice(1).every((x) => PARTITION_PART.test(x));
}

/** `us-east-1`, `eu-central-2`, `us-gov-west-1`, `ap-southeast-5`: words then a number. */
function isRegion(r: string): boolean {
  const parts = r.split('-');
  if (parts.length < 3 || parts.length > 5) return false;
  const last = parts[parts.length - 1] ?? '';
  return DIGITS.test(last) && parts.slice(0, -1).every((x) => REGION_WORD.test(x));
}

/** The kind of a well-formed ARN of a secret store (or KMS key), or undefined. */
export function parseSecretArn(value: string): SecretReferenceKind | undefined {
  const f = value.split(':');
  if (f[0] !== 'arn' || f.length < 6) return undefined;
  const [, partition = '', service = '', region = '', account = ''] = f;
  if (!isPartition(partition) || !isRegion(region) || !ACCOUNT.test(account)) return undefined;
  const resource = f.slice(5);
  if (service === 'secretsmanager') {
    return resource.length === 2 && resource[0] === 'secret' && SECRET_NAME.test(resource[1] ?? '')
      ? 'secretsmanager-arn'
      : undefined;
  }
  if (resource.length !== 1) return undefined;
  const r = resource[0] ?? '';
  if (service === 'ssm') {
    const name = r.startsWith('parameter/') ? r.slice('parameter/'.length) : '';
    return name !== '' && !name.startsWith('/') && PARAMETER_NAME.test(name)
      ? 'ssm-parameter-arn'
      : undefined;
  }
  if (service === 'kms') {
    const ok = (r.startsWith('key/') && KMS_KEY_ID.test(r.slice(4))) || KMS_ALIAS.test(r);
    return ok ? 'kms-key-arn' : undefined;
  }
  return undefined;
}

/** `{{resolve:service:...}}` with a well-formed body, or undefined. */
export function parseDynamicReference(value: string): SecretReferenceKind | undefined {
  const open = '{{resolve:';
  if (!value.startsWith(open) || !value.endsWith('}}')) return undefined;
  const body = value.slice(open.length, -2);
  if (body.includes('{') || body.includes('}')) return undefined;
  const f = body.split(':');
  const service = f[0];
  if (service === 'ssm' || service === 'ssm-secure') {
    // name[:version], or a parameter ARN in place of the name
    const rest = f.slice(1);
    const arnFields = rest[0] === 'arn' ? 6 : 1;
    const id = rest.slice(0, arnFields).join(':');
    const tail = rest.slice(arnFields);
    const idOk = arnFields === 6 ? parseSecretArn(id) === 'ssm-parameter-arn' : PARAMETER_NAME.test(id);
    const versionOk = tail.length === 0 || (tail.length === 1 && DIGITS.test(tail[0] ?? ''));
    if (!idOk || !versionOk) return undefined;
    return service === 'ssm' ? 'dynamic-ssm' : 'dynamic-ssm-secure';
  }
  if (service === 'secretsmanager') {
    // secret-id[:SecretString[:json-key[:version-stage[:version-id]]]]; the id may be an ARN
    const rest = f.slice(1);
    const arnFields = rest[0] === 'arn' ? 7 : 1;
    const id = rest.slice(0, arnFields).join(':');
    const tail = rest.slice(arnFields);
    const idOk = arnFields === 7 ? parseSecretArn(id) === 'secretsmanager-arn' : SECRET_NAME.test(id);
    if (!idOk || tail.length > 4) return undefined;
    if (tail.length > 0 && tail[0] !== 'SecretString' && tail[0] !== '') return undefined;
    if (!tail.slice(1).every((x) => DYNAMIC_FIELD.test(x))) return undefined;
    return 'dynamic-secretsmanager';
  }
  return undefined;
}

/**
 * What `value` references, or undefined when it is a literal. `parameterNames` also accepts a
 * hierarchical SSM parameter name (`/etl/db/password`): pass it only when the key says its value
 * names an SSM parameter (`--ssm-password-parameter`), where a bare name is the convention.
 */
export function parseSecretReference(
  value: string,
  options: { parameterNames?: boolean } = {},
): SecretReferenceKind | undefined {
  const v = value.trim();
  if (v.startsWith('{{')) return parseDynamicReference(v);
  if (v.startsWith('arn:')) return parseSecretArn(v);
  if (
    options.parameterNames &&
    v.startsWith('/') &&
    v.length > 1 &&
    PARAMETER_NAME.test(v) &&
    !v.includes('//')
  ) {
    return 'ssm-parameter-name';
  }
  return undefined;
}
