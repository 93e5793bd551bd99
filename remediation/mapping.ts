import type { AnyRule, RemediationLink } from '../functions/runtime/rule';
import { loadDocument } from './runner/documents';
import type { AutomationDocument } from './runner/types';

/** One parameter of AWS::Config::RemediationConfiguration: a resource value or static values, never both. */
export type RemediationParameterValue =
  | { ResourceValue: { Value: 'RESOURCE_ID' } }
  | { StaticValue: { Values: string[] } };

export interface RemediationMappingOptions {
  /** Static document parameters (the resource id and role parameters are not allowed here). */
  staticParameters: Record<string, string | string[]>;
  /** The role the automation assumes (`AutomationAssumeRole`). */
  assumeRoleArn: string;
  resourceId?: string;
}

/** The rule has no remediation, or the mapping does not fit its document. */
export class RemediationMappingError extends Error {
  override readonly name = 'RemediationMappingError';
}

const ROLE = 'AutomationAssumeRole';

function link(rule: AnyRule): RemediationLink {
  if (!rule.remediation) throw new RemediationMappingError(`Rule '${rule.id}' has no remediation document`);
  return rule.remediation;
}

/**
 * Checks the mapping against the document: the resource id parameter and AutomationAssumeRole
 * exist, static names are document parameters other than those two, and every parameter without
 * a default is supplied. The same check guards the deployed configuration and the CLI.
 */
function check(rule: AnyRule, remediation: RemediationLink, staticNames: string[]): AutomationDocument {
  const doc = loadDocument(remediation.document);
  const params = doc.parameters ?? {};
  const where = `Rule '${rule.id}' -> document '${remediation.document}'`;
  for (const p of [remediation.resourceIdParameter, ROLE]) {
    if (!(p in params)) throw new RemediationMappingError(`${where}: the document has no parameter '${p}'`);
  }
  for (const name of staticNames) {
    if (name === remediation.resourceIdParameter || name === ROLE) {
      throw new RemediationMappingError(
        `${where}: '${name}' is set by the mapping and cannot also be static`,
      );
    }
    if (!(name in params)) {
      throw new RemediationMappingError(
        `${where}: unknown parameter '${name}'. The document takes: ${Object.keys(params).join(', ')}`,
      );
    }
  }
  const given = new Set([remediation.resourceIdParameter, ROLE, ...staticNames]);
  const missing = Object.entries(params)
    .filter(([n, spec]) => spec.default === undefined && !given.has(n))
    .map(([n]) => n);
  if (missing.length > 0) {
    throw new RemediationMappingError(`${where}: required parameter(s) not mapped: ${missing.join(', ')}`);
  }
  return doc;
}

const values = (v: string | string[]): string[] => (Array.isArray(v) ? [...v] : [v]);

/**
 * The `Parameters` of the rule's AWS::Config::RemediationConfiguration (PascalCase, as
 * CloudFormation takes them): the rule's resource id parameter gets `RESOURCE_ID`, the role and
 * every static parameter get static values.
 *
 * @example
 * remediationParameters(rule, { staticParameters: { NotificationTopicArn: topicArn }, assumeRoleArn })
 * // { CatalogId: { ResourceValue: { Value: 'RESOURCE_ID' } }, AutomationAssumeRole: { StaticValue: { Values: [arn] } }, ... }
 */
export function remediationParameters(
  rule: AnyRule,
  options: RemediationMappingOptions,
): Record<string, RemediationParameterValue> {
  const remediation = link(rule);
  check(rule, remediation, Object.keys(options.staticParameters));
  const out: Record<string, RemediationParameterValue> = {
    [remediation.resourceIdParameter]: { ResourceValue: { Value: 'RESOURCE_ID' } },
    [ROLE]: { StaticValue: { Values: [options.assumeRoleArn] } },
  };
  for (const [name, value] of Object.entries(options.staticParameters)) {
    out[name] = { StaticValue: { Values: values(value) } };
  }
  return out;
}

/**
 * Concrete parameters for the local runner: what AWS Config would pass for `resourceId`, from
 * the same mapping as the deployed configuration. A StaticValue with one value is passed as a
 * string (Config does the same for String parameters), several values as a list.
 */
export function runnerParameters(
  rule: AnyRule,
  options: RemediationMappingOptions & { resourceId: string },
): Record<string, string | string[]> {
  const remediation = link(rule);
  const doc = check(rule, remediation, Object.keys(options.staticParameters));
  const mapped = remediationParameters(rule, options);
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(mapped)) {
    if ('ResourceValue' in value) {
      out[name] = options.resourceId;
      continue;
    }
    const list = value.StaticValue.Values;
    out[name] = doc.parameters?.[name]?.type === 'StringList' || list.length !== 1 ? list : list[0]!;
  }
  return out;
}
