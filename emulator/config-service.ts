/**
 * The tests play the AWS Config service: they issue result tokens, record configuration items and
 * read back what a rule reported. These helpers talk to the test-only routes that
 * emulator/fidelity.py adds under /moto-api/glue-guardrails/; none of them exists in AWS.
 */

// Must match RESULT_TOKEN_PREFIX in emulator/fidelity.py.
const resultTokenPrefix = 'ggtest1.';
const testRoutes = '/moto-api/glue-guardrails';

export interface AccountScope {
  /** Defaults to the emulator's default account, 123456789012. */
  accountId?: string;
  /** Defaults to us-east-1. */
  region?: string;
}

export interface StoredEvaluation {
  ConfigRuleName: string;
  ComplianceResourceType: string;
  ComplianceResourceId: string;
  ComplianceType: 'COMPLIANT' | 'NON_COMPLIANT' | 'NOT_APPLICABLE';
  Annotation?: string;
  OrderingTimestamp: Date;
  ResultRecordedTime: Date;
  ConfigRuleInvokedTime: Date;
}

/** A configuration item as GetResourceConfigHistory returns it (API field names, not the event's). */
export interface SeedConfigurationItem {
  resourceType: string;
  resourceId: string;
  resourceName?: string;
  arn?: string;
  accountId?: string;
  awsRegion?: string;
  availabilityZone?: string;
  version?: string;
  configurationItemStatus?: string;
  configurationItemCaptureTime?: Date | string;
  configurationStateId?: string;
  configurationItemMD5Hash?: string;
  resourceCreationTime?: Date | string;
  tags?: Record<string, string>;
  relationships?: {
    resourceType?: string;
    resourceId?: string;
    resourceName?: string;
    relationshipName?: string;
  }[];
  /** An object is stored as its JSON string, as the API returns it. */
  configuration?: unknown;
  /** Object values are stored as JSON strings, as the API returns them. */
  supplementaryConfiguration?: Record<string, unknown>;
}

interface RawStoredEvaluation {
  ConfigRuleName: string;
  ResourceType: string;
  ResourceId: string;
  ComplianceType: StoredEvaluation['ComplianceType'];
  Annotation: string | null;
  OrderingTimestamp: number;
  ResultRecordedTime: number;
  ConfigRuleInvokedTime: number;
}

/** A ResultToken as Config would pass to the rule's Lambda; the emulator maps it back to the rule. */
export function mintResultToken(configRuleName: string): string {
  const claims = JSON.stringify({ configRuleName, issuedAt: Date.now() / 1000 });
  return `${resultTokenPrefix}${Buffer.from(claims).toString('base64url')}`;
}

async function call(
  endpoint: string,
  path: string,
  init: RequestInit,
  scope: AccountScope = {},
): Promise<unknown> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (scope.accountId !== undefined) headers['x-moto-account-id'] = scope.accountId;
  const response = await fetch(`${endpoint}${testRoutes}/${path}`, { ...init, headers });
  const body: unknown = await response.json();
  if (!response.ok) throw new Error(`emulator ${path}: HTTP ${response.status} ${JSON.stringify(body)}`);
  return body;
}

/** The latest result per resource that PutEvaluations stored for the rule, ordered by type and id. */
export async function readStoredEvaluations(
  endpoint: string,
  configRuleName: string,
  scope: AccountScope = {},
): Promise<StoredEvaluation[]> {
  const query = new URLSearchParams({ rule: configRuleName, region: scope.region ?? 'us-east-1' });
  const body = (await call(endpoint, `evaluations?${query}`, { method: 'GET' }, scope)) as {
    evaluations: RawStoredEvaluation[];
  };
  return body.evaluations.map((raw) => ({
    ConfigRuleName: raw.ConfigRuleName,
    ComplianceResourceType: raw.ResourceType,
    ComplianceResourceId: raw.ResourceId,
    ComplianceType: raw.ComplianceType,
    ...(raw.Annotation === null ? {} : { Annotation: raw.Annotation }),
    OrderingTimestamp: new Date(raw.OrderingTimestamp * 1000),
    ResultRecordedTime: new Date(raw.ResultRecordedTime * 1000),
    ConfigRuleInvokedTime: new Date(raw.ConfigRuleInvokedTime * 1000),
  }));
}

/** The next PutEvaluations call (in any account) reports its first `count` evaluations as failed. */
export async function failNextPutEvaluations(endpoint: string, count: number): Promise<void> {
  await call(endpoint, 'fail-next-put-evaluations', { method: 'POST', body: JSON.stringify({ count }) });
}

/**
 * Makes a custom rule exist for GetComplianceDetailsByConfigRule before anything was reported for it
 * (moto can only create custom rules backed by a Lambda function). PutEvaluations with a minted
 * token does this implicitly.
 */
export async function registerConfigRule(
  endpoint: string,
  configRuleName: string,
  scope: AccountScope = {},
): Promise<void> {
  const body = { configRuleName, region: scope.region ?? 'us-east-1' };
  await call(endpoint, 'config-rules', { method: 'POST', body: JSON.stringify(body) }, scope);
}

/** Records a configuration item that GetResourceConfigHistory will return (e.g. an oversized one). */
export async function seedConfigurationItem(
  endpoint: string,
  item: SeedConfigurationItem,
  scope: AccountScope = {},
): Promise<void> {
  const body = { ...item, awsRegion: item.awsRegion ?? scope.region };
  await call(endpoint, 'config-items', { method: 'POST', body: JSON.stringify(body) }, scope);
}
