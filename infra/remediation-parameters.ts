import type { AnyRuleMeta } from '../functions/runtime/meta';
import {
  missingParameters,
  type RemediationParameterValue,
  remediationParameters,
} from '../remediation/mapping';
import type { RemediationDocumentSpec } from './remediations';

export type { RemediationParameterValue } from '../remediation/mapping';

/** Document parameters the deployment fills in itself (configuration may not set them). */
const TOPIC_PARAMETER = 'NotificationTopicArn';
const RULE_PARAMETER = 'RuleName';

export interface DeploymentParameterInputs {
  rule: AnyRuleMeta;
  document: RemediationDocumentSpec;
  /** The role SSM assumes (the document's `assumeRole` is `{{ AutomationAssumeRole }}`). */
  assumeRoleArn: string;
  /** The alert topic the document publishes its result to. */
  topicArn: string;
  /** The deployed Config rule name (sent back as the SNS attribute `rule`). */
  ruleName: string;
  /** Static values from configuration (e.g. KmsKeyId; a list for StringList parameters). */
  configured: Record<string, string | string[]>;
  /**
   * The rule's configured input parameters (`rules.<id>.parameters`, the ConfigRule's
   * InputParameters): the document receives those its link names in `fromRuleParameters`, so it
   * judges as the deployed rule does. Absent: the rule's defaults.
   */
  ruleParameters?: Record<string, string>;
}

/** The mapped parameters, or the required ones only the deployer can supply. */
export type DeploymentParameters =
  | { parameters: Record<string, RemediationParameterValue>; missing: [] }
  | { parameters?: undefined; missing: string[] };

/** Configuration tried to set a parameter the deployment owns. */
export class RemediationParameterError extends Error {
  override readonly name = 'RemediationParameterError';
}

/**
 * The RemediationConfiguration `Parameters` of a deployed rule, built by the shared mapping
 * (remediation/mapping.ts, also used by `glue-guardrails remediate`) with the alert topic and the
 * rule name added, and the values the rule's link fixes or takes from the rule's parameters.
 * Required document parameters that nothing supplies (a KMS key, a security configuration name)
 * are returned as `missing` instead: the remediation is then not deployed.
 */
export function deploymentParameters(inputs: DeploymentParameterInputs): DeploymentParameters {
  const declared = inputs.document.document.parameters ?? {};
  const staticParameters: Record<string, string | string[]> = {};
  for (const owned of [TOPIC_PARAMETER, RULE_PARAMETER]) {
    if (owned in inputs.configured) {
      throw new RemediationParameterError(
        `rules.${inputs.rule.id}.remediation.parameters.${owned} is set by the deployment and cannot be configured`,
      );
    }
  }
  if (TOPIC_PARAMETER in declared) staticParameters[TOPIC_PARAMETER] = inputs.topicArn;
  if (RULE_PARAMETER in declared) staticParameters[RULE_PARAMETER] = inputs.ruleName;
  Object.assign(staticParameters, inputs.configured);
  const options = {
    staticParameters,
    assumeRoleArn: inputs.assumeRoleArn,
    ...(inputs.ruleParameters ? { ruleParameters: inputs.ruleParameters } : {}),
  };
  const missing = missingParameters(inputs.rule, options);
  if (missing.length > 0) return { missing };
  return { parameters: remediationParameters(inputs.rule, options), missing: [] };
}
