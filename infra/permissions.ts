// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ARN templates and CloudFormation Fn::Sub text, not JS placeholders
import { Fn } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';

/** What the scoping of some actions depends on (from configuration). */
export interface ScopeInputs {
  /** Role ARNs or patterns (`${Partition}`, `${Account}` placeholders) Glue may be passed. */
  glueServiceRoleArns: readonly string[];
  /** The catalog's connection password key, when known. */
  connectionPasswordKeyArn?: string | undefined;
}

/** Where one action is granted. */
interface Scope {
  /** Statement id; actions with the same scope share one statement. */
  sid: string;
  /** ARN templates (`${Partition}`, `${Region}`, `${Account}`); empty grants nothing. */
  resources: readonly string[];
  conditions?: Record<string, Record<string, string>>;
  /** Why a wildcard in `resources` is as narrow as it gets (the cdk-nag acknowledgement). */
  why?: string;
  /** Why the action is granted nowhere (when `resources` is empty). */
  withheld?: string;
}

const arn = (service: string, resource: string): string =>
  `arn:\${Partition}:${service}:\${Region}:\${Account}:${resource}`;
const CATALOG = arn('glue', 'catalog');

// Resource types from the Service Authorization Reference, "Actions, resources, and condition keys
// for AWS Glue" (also cfn-lint's data/AdditionalSpecs/Policies.json): job, crawler, connection and
// the root catalog ARN `catalog`. GetJobs, GetCrawlers, GetSecurityConfiguration(s) and
// GetDevEndpoints have no resource type and stay on "*".
const AT_RUN_TIME = 'of this account and region: AWS Config names the resource at run time';
const JOBS: Scope = { sid: 'GlueJobs', resources: [arn('glue', 'job/*')], why: `any job ${AT_RUN_TIME}` };
const CRAWLERS: Scope = {
  sid: 'GlueCrawlers',
  resources: [arn('glue', 'crawler/*')],
  why: `any crawler ${AT_RUN_TIME}`,
};
const CONNECTIONS: Scope = {
  sid: 'GlueConnections',
  resources: [CATALOG, arn('glue', 'connection/*')],
  why: `any connection ${AT_RUN_TIME} (or every connection, for a sweep)`,
};
const CATALOG_SETTINGS: Scope = { sid: 'GlueCatalog', resources: [CATALOG] };

/** Per-action scoping; an action not listed here is granted on "*". */
const SCOPES: Record<string, (inputs: ScopeInputs) => Scope> = {
  'glue:GetJob': () => JOBS,
  'glue:UpdateJob': () => JOBS,
  'glue:GetCrawler': () => CRAWLERS,
  'glue:UpdateCrawler': () => CRAWLERS,
  'glue:GetConnection': () => CONNECTIONS,
  'glue:GetConnections': () => CONNECTIONS,
  'glue:UpdateConnection': () => CONNECTIONS,
  'glue:GetDataCatalogEncryptionSettings': () => CATALOG_SETTINGS,
  'glue:PutDataCatalogEncryptionSettings': () => CATALOG_SETTINGS,
  'glue:GetResourcePolicy': () => CATALOG_SETTINGS,
  'glue:PutResourcePolicy': () => CATALOG_SETTINGS,
  'glue:DeleteResourcePolicy': () => CATALOG_SETTINGS,
  // UpdateJob/UpdateCrawler re-send the resource's role: only the configured Glue service roles.
  'iam:PassRole': (inputs) => ({
    sid: 'PassRolesToGlueOnly',
    resources: inputs.glueServiceRoleArns,
    conditions: { StringEquals: { 'iam:PassedToService': 'glue.amazonaws.com' } },
    why: 'the configured Glue service roles (glueServiceRoleArns), only to Glue (iam:PassedToService)',
  }),
  // Glue encrypts a connection password on UpdateConnection with the caller's permission on the
  // catalog's key (API_ConnectionPasswordEncryption): only through Glue, whatever key the catalog uses.
  'kms:Encrypt': () => ({
    sid: 'EncryptThroughGlueOnly',
    resources: ['*'],
    conditions: { StringEquals: { 'kms:ViaService': 'glue.${Region}.amazonaws.com' } },
    why: 'only through Glue in this region (kms:ViaService), with whichever key the catalog is set to',
  }),
  // The remediation script decrypts ENCRYPTED_PASSWORD itself: only the catalog's password key.
  'kms:Decrypt': (inputs) => ({
    sid: 'DecryptConnectionPasswords',
    resources: inputs.connectionPasswordKeyArn ? [inputs.connectionPasswordKeyArn] : [],
    withheld:
      'no connection password key is configured, so the remediation fails on catalogs that return ' +
      'connection passwords encrypted until one is: set connectionPasswordKeyArn (or ' +
      'rules.glue-catalog-connection-passwords-encrypted.remediation.parameters.KmsKeyId) to the key ARN',
  }),
  // Key metadata only; the key is a document parameter given at run time.
  'kms:DescribeKey': () => ({
    sid: 'DescribeKeys',
    resources: ['*'],
    why: 'key metadata only, of the key given to the run as a document parameter',
  }),
};

/** A KMS action reached a role without a scoping rule here (a new document calls it). */
export class UnscopedActionError extends Error {
  override readonly name = 'UnscopedActionError';
}

/** One resource of a statement that holds a wildcard, for a cdk-nag acknowledgement. */
export interface WildcardResource {
  /** As cdk-nag names it in `AwsSolutions-IAM5[Resource::<id>]`. */
  nagId: string;
  /** The actions on it and why it is as narrow as it gets. */
  reason: string;
}

export interface ScopedStatements {
  statements: iam.PolicyStatement[];
  /** Actions granted on "*" with no condition (no resource type to name). */
  unscoped: string[];
  /** Actions granted nowhere, with the reason (configuration is missing). */
  withheld: Array<{ action: string; reason: string }>;
  /** Wildcard resources of scoped statements (patterns, or "*" narrowed by a condition). */
  wildcards: WildcardResource[];
}

const PLACEHOLDERS: Record<string, string> = {
  Partition: 'AWS::Partition',
  Region: 'AWS::Region',
  Account: 'AWS::AccountId',
};

function render(template: string, placeholder: (name: string) => string): string {
  return template.replace(/\$\{(Partition|Region|Account)\}/g, (_, name: string) => placeholder(name));
}

/** A template as CloudFormation takes it: an Fn::Sub only when it names the stack's own values. */
function resolveTemplate(template: string): string {
  const sub = render(template, (name) => `\${${PLACEHOLDERS[name]}}`);
  return sub === template ? template : Fn.sub(sub);
}

/** How cdk-nag flattens an Fn::Sub: `${AWS::Region}` reads `<AWS::Region>`. */
function nagId(template: string): string {
  return render(template, (name) => `<${PLACEHOLDERS[name]}>`);
}

function conditions(scope: Scope): Record<string, Record<string, string>> | undefined {
  if (!scope.conditions) return undefined;
  return Object.fromEntries(
    Object.entries(scope.conditions).map(([op, kv]) => [
      op,
      Object.fromEntries(Object.entries(kv).map(([k, v]) => [k, resolveTemplate(v)])),
    ]),
  );
}

/**
 * IAM statements granting `actions`, each on the narrowest resources the table above knows:
 * actions sharing a scope share a statement, the rest go to one statement on "*" (id
 * `unscopedSid`). KMS actions must be in the table, so no new key permission lands on "*" unseen.
 */
export function scopedStatements(
  actions: readonly string[],
  inputs: ScopeInputs,
  unscopedSid: string,
): ScopedStatements {
  const groups = new Map<string, { scope: Scope; actions: string[] }>();
  const unscoped: string[] = [];
  const withheld: ScopedStatements['withheld'] = [];
  for (const action of new Set(actions)) {
    const scopeOf = SCOPES[action];
    if (!scopeOf) {
      if (action.startsWith('kms:')) {
        throw new UnscopedActionError(`${action} has no scoping rule in infra/permissions.ts`);
      }
      unscoped.push(action);
      continue;
    }
    const scope = scopeOf(inputs);
    if (scope.resources.length === 0) {
      withheld.push({ action, reason: scope.withheld ?? 'no resource is configured' });
      continue;
    }
    const group = groups.get(scope.sid) ?? { scope, actions: [] };
    group.actions.push(action);
    groups.set(scope.sid, group);
  }
  const statements: iam.PolicyStatement[] = [];
  const wildcards: WildcardResource[] = [];
  if (unscoped.length > 0) {
    statements.push(new iam.PolicyStatement({ sid: unscopedSid, actions: unscoped, resources: ['*'] }));
  }
  for (const { scope, actions: grouped } of groups.values()) {
    statements.push(
      new iam.PolicyStatement({
        sid: scope.sid,
        actions: grouped,
        resources: scope.resources.map(resolveTemplate),
        conditions: conditions(scope),
      }),
    );
    for (const resource of scope.resources) {
      if (resource.includes('*')) {
        wildcards.push({ nagId: nagId(resource), reason: `${grouped.join(', ')}: ${scope.why}` });
      }
    }
  }
  return { statements, unscoped, withheld, wildcards };
}

/**
 * One cdk-nag acknowledgement reason per wildcard resource id: the unscoped actions' reason for
 * "*", merged with the reasons of scoped statements that share an id.
 */
export function wildcardReasons(scoped: ScopedStatements, unscopedReason: string): Map<string, string> {
  const reasons = new Map<string, string[]>();
  const add = (id: string, reason: string): void => {
    reasons.set(id, [...(reasons.get(id) ?? []), reason]);
  };
  if (scoped.unscoped.length > 0) add('*', `${scoped.unscoped.join(', ')}: ${unscopedReason}`);
  for (const w of scoped.wildcards) add(w.nagId, w.reason);
  return new Map([...reasons].map(([id, list]) => [id, list.join('; ')]));
}
