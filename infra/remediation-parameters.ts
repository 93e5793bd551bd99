import type { RemediationDocumentSpec } from './remediations';

/** One parameter of a RemediationConfiguration: exactly one of the two kinds (CONTRACTS §4). */
export type RemediationParameterValue =
  | { ResourceValue: { Value: 'RESOURCE_ID' } }
  | { StaticValue: { Values: string[] } };

export interface RemediationParameterInputs {
  document: RemediationDocumentSpec;
  /** The document parameter that receives RESOURCE_ID (RemediationLink.resourceIdParameter). */
  resourceIdParameter: string;
  /** The role SSM assumes (the document's `assumeRole` is `{{ AutomationAssumeRole }}`). */
  assumeRoleArn: string;
  /** Where the document publishes its result. */
  topicArn: string;
  /** The Config rule name, for documents that record which rule asked for them. */
  ruleName: string;
  /** Static values from configuration (e.g. KmsKeyId; a list for StringList parameters). */
  staticParameters: Record<string, string | string[]>;
}

/** The mapped parameters, and the required ones nothing maps (the remediation cannot deploy). */
export interface RemediationParameterMapping {
  parameters: Record<string, RemediationParameterValue>;
  missing: string[];
}

/** Document parameter names that receive the alert topic / the rule name. */
const TOPIC_PARAMETERS = ['TopicArn', 'SnsTopicArn', 'NotificationTopicArn'];
const RULE_PARAMETERS = ['RuleName', 'ConfigRuleName'];

/** The mapping cannot be built: names the document and parameter. */
export class RemediationParameterError extends Error {
  override readonly name = 'RemediationParameterError';
}

/**
 * The `Parameters` of a RemediationConfiguration: RESOURCE_ID to the parameter the rule names,
 * the assume role, the topic, the rule name, and configured static values. A configured name the
 * document does not declare is an error; required parameters left unmapped are returned in
 * `missing`.
 *
 * @example
 * remediationParameters({ document, resourceIdParameter: 'CatalogId', assumeRoleArn, topicArn, ruleName, staticParameters: { KmsKeyId } })
 */
export function remediationParameters(inputs: RemediationParameterInputs): RemediationParameterMapping {
  const { document, resourceIdParameter } = inputs;
  const declared = document.document.parameters ?? {};
  const out: Record<string, RemediationParameterValue> = {};
  const fail = (problem: string): never => {
    throw new RemediationParameterError(`Remediation ${document.name}: ${problem}`);
  };
  if (!(resourceIdParameter in declared)) {
    fail(`the rule maps RESOURCE_ID to '${resourceIdParameter}', which the document does not declare`);
  }
  out[resourceIdParameter] = { ResourceValue: { Value: 'RESOURCE_ID' } };
  const staticValue = (value: string | string[]): RemediationParameterValue => ({
    StaticValue: { Values: Array.isArray(value) ? value : [value] },
  });
  if ('AutomationAssumeRole' in declared) out.AutomationAssumeRole = staticValue(inputs.assumeRoleArn);
  for (const name of TOPIC_PARAMETERS) if (name in declared) out[name] = staticValue(inputs.topicArn);
  for (const name of RULE_PARAMETERS) if (name in declared) out[name] = staticValue(inputs.ruleName);
  for (const [name, value] of Object.entries(inputs.staticParameters)) {
    if (!(name in declared)) {
      fail(
        `configured parameter '${name}' is not a parameter of the document (known: ${Object.keys(declared).join(', ')})`,
      );
    }
    if (name in out) fail(`parameter '${name}' is set by the deployment and cannot be configured`);
    out[name] = staticValue(value);
  }
  const missing = Object.entries(declared)
    .filter(([name, spec]) => spec.default === undefined && !(name in out))
    .map(([name]) => name);
  return { parameters: out, missing };
}
