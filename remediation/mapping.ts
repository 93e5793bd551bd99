import type { AnyRuleMeta, RemediationLink } from '../functions/runtime/meta';
import { type ParamSpecs, parseParameters } from '../functions/runtime/parameters';
import { loadDocument } from './catalog/documents';
import type { AutomationDocument, ParameterSpec } from './catalog/types';

/** One parameter of AWS::Config::RemediationConfiguration: a resource value or static values, never both. */
export type RemediationParameterValue =
  | { ResourceValue: { Value: 'RESOURCE_ID' } }
  | { StaticValue: { Values: string[] } };

export interface RemediationMappingOptions {
  /**
   * Static document parameters from the deployer or the CLI (not the resource id or role
   * parameters, nor those the rule's link fixes or takes from its rule parameters).
   */
  staticParameters: Record<string, string | string[]>;
  /** The role the automation assumes (`AutomationAssumeRole`). */
  assumeRoleArn: string;
  /**
   * The rule's input parameters as AWS Config passes them (strings); an absent one takes the
   * rule's default. They feed the link's `fromRuleParameters`.
   */
  ruleParameters?: Record<string, string>;
  resourceId?: string;
}

/** The rule has no remediation, or the mapping does not fit its document. */
export class RemediationMappingError extends Error {
  override readonly name = 'RemediationMappingError';
}

const ROLE = 'AutomationAssumeRole';

interface Resolved {
  remediation: RemediationLink;
  doc: AutomationDocument;
  where: string;
  /** Every static parameter: the link's, those taken from rule parameters, then the caller's. */
  statics: Record<string, string[]>;
}

const values = (v: string | string[]): string[] => (Array.isArray(v) ? [...v] : [v]);

/** A typed rule parameter value as static values; [] when it is empty (the document default applies). */
function ruleValues(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map(String);
  const text = String(value);
  return text === '' ? [] : [text];
}

/** What SSM would refuse at run time is refused when the mapping is built (synth, CLI). */
function valueProblem(name: string, spec: ParameterSpec, list: string[]): string | undefined {
  if (spec.type !== 'StringList' && list.length !== 1) return `'${name}' takes one value, got ${list.length}`;
  for (const v of list) {
    if (spec.type === 'Boolean' && v !== 'true' && v !== 'false') {
      return `'${name}' is a Boolean, got '${v}'`;
    }
    if (spec.allowedPattern !== undefined && !new RegExp(spec.allowedPattern).test(v)) {
      return `'${name}' value '${v}' does not match the document's allowedPattern ${spec.allowedPattern}`;
    }
    if (spec.allowedValues !== undefined && !spec.allowedValues.map(String).includes(v)) {
      return `'${name}' value '${v}' is not one of ${spec.allowedValues.join(', ')}`;
    }
  }
  return undefined;
}

/** The values a rule's link fixes: its staticParameters and the rule parameters it passes on. */
function linkedValues(
  rule: AnyRuleMeta,
  remediation: RemediationLink,
  where: string,
  ruleParameters: Record<string, string> | undefined,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(remediation.staticParameters ?? {})) out[name] = values(value);
  const from = Object.entries(remediation.fromRuleParameters ?? {});
  if (from.length === 0) return out;
  let parsed: Record<string, unknown>;
  try {
    parsed = parseParameters(rule.parameters as ParamSpecs, JSON.stringify(ruleParameters ?? {}));
  } catch (error) {
    throw new RemediationMappingError(`${where}: ${(error as Error).message}`);
  }
  for (const [docParam, ruleParam] of from) {
    if (!(ruleParam in parsed)) {
      throw new RemediationMappingError(`${where}: '${docParam}' names no rule parameter '${ruleParam}'`);
    }
    const list = ruleValues(parsed[ruleParam]);
    if (list.length > 0) out[docParam] = list;
  }
  return out;
}

function link(rule: AnyRuleMeta): RemediationLink {
  if (!rule.remediation) throw new RemediationMappingError(`Rule '${rule.id}' has no remediation document`);
  return rule.remediation;
}

/**
 * Merges and checks the mapping against the document: the resource id parameter and
 * AutomationAssumeRole exist, every static name is another document parameter, a caller's value
 * never overrides one the rule's link fixes, and rule-linked values are ones the document accepts.
 * The same check guards the deployed configuration and the CLI.
 */
function resolve(rule: AnyRuleMeta, options: RemediationMappingOptions): Resolved {
  const remediation = link(rule);
  const doc = loadDocument(remediation.document);
  const params = doc.parameters ?? {};
  const where = `Rule '${rule.id}' -> document '${remediation.document}'`;
  for (const p of [remediation.resourceIdParameter, ROLE]) {
    if (!(p in params)) throw new RemediationMappingError(`${where}: the document has no parameter '${p}'`);
  }
  const linked = linkedValues(rule, remediation, where, options.ruleParameters);
  for (const name of Object.keys(options.staticParameters)) {
    const fixed = remediation.staticParameters?.[name];
    if (fixed !== undefined) {
      throw new RemediationMappingError(
        `${where}: '${name}' is fixed by the rule (${values(fixed).join(', ')}) and cannot be set`,
      );
    }
    const ruleParam = remediation.fromRuleParameters?.[name];
    if (ruleParam !== undefined) {
      throw new RemediationMappingError(
        `${where}: '${name}' comes from the rule parameter '${ruleParam}': set that instead`,
      );
    }
  }
  const statics: Record<string, string[]> = { ...linked };
  for (const [name, value] of Object.entries(options.staticParameters)) statics[name] = values(value);
  for (const name of Object.keys(statics)) {
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
  // Only rule-linked values are literal here; a deployer's may be a CloudFormation token.
  for (const [name, list] of Object.entries(linked)) {
    const problem = valueProblem(name, params[name]!, list);
    if (problem) throw new RemediationMappingError(`${where}: ${problem}`);
  }
  return { remediation, doc, where, statics };
}

function unmapped(resolved: Resolved): string[] {
  const { remediation, doc, statics } = resolved;
  const given = new Set([remediation.resourceIdParameter, ROLE, ...Object.keys(statics)]);
  return Object.entries(doc.parameters ?? {})
    .filter(([n, spec]) => spec.default === undefined && !given.has(n))
    .map(([n]) => n);
}

function checked(rule: AnyRuleMeta, options: RemediationMappingOptions): Resolved {
  const resolved = resolve(rule, options);
  const missing = unmapped(resolved);
  if (missing.length > 0) {
    throw new RemediationMappingError(
      `${resolved.where}: required parameter(s) not mapped: ${missing.join(', ')}`,
    );
  }
  return resolved;
}

/**
 * The required document parameters the mapping leaves without a value (those only a deployer
 * can choose, such as a KMS key); [] when the remediation can be configured as it is.
 * Throws RemediationMappingError when the given values do not fit the document.
 */
export function missingParameters(rule: AnyRuleMeta, options: RemediationMappingOptions): string[] {
  return unmapped(resolve(rule, options));
}

/**
 * The `Parameters` of the rule's AWS::Config::RemediationConfiguration (PascalCase, as
 * CloudFormation takes them): the rule's resource id parameter gets `RESOURCE_ID`; the role, the
 * values the rule's link fixes or takes from its rule parameters, and every caller's static
 * parameter get static values.
 *
 * @example
 * remediationParameters(rule, { staticParameters: { NotificationTopicArn: topicArn }, assumeRoleArn })
 * // { CatalogId: { ResourceValue: { Value: 'RESOURCE_ID' } }, AutomationAssumeRole: { StaticValue: { Values: [arn] } }, ... }
 */
export function remediationParameters(
  rule: AnyRuleMeta,
  options: RemediationMappingOptions,
): Record<string, RemediationParameterValue> {
  const { remediation, statics } = checked(rule, options);
  const out: Record<string, RemediationParameterValue> = {
    [remediation.resourceIdParameter]: { ResourceValue: { Value: 'RESOURCE_ID' } },
    [ROLE]: { StaticValue: { Values: [options.assumeRoleArn] } },
  };
  for (const [name, list] of Object.entries(statics)) out[name] = { StaticValue: { Values: list } };
  return out;
}

/**
 * Concrete parameters for the local runner: what AWS Config would pass for `resourceId`, from
 * the same mapping as the deployed configuration. A StaticValue with one value is passed as a
 * string (Config does the same for String parameters), several values as a list.
 */
export function runnerParameters(
  rule: AnyRuleMeta,
  options: RemediationMappingOptions & { resourceId: string },
): Record<string, string | string[]> {
  const { doc } = checked(rule, options);
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
