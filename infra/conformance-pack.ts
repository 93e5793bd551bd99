import type { AnyRuleMeta } from '../functions/runtime/meta';
import type { GuardrailsConfig } from './config';
import { deploymentParameters } from './remediation-parameters';
import type { RemediationDocumentSpec } from './remediations';
import { changeScope, configRuleName, ruleFunctionName, sourceDetails } from './rule-wiring';

/** Where the pack's rules and remediations find what a pack cannot hold. */
export interface ConformancePackOptions {
  /** `arn:<partition>:lambda:<region>:<account>:function:`; the function name is the rule name. */
  functionArnPrefix: string;
  /** The role SSM assumes to run the documents (needs every document's actions). */
  remediationRoleArn?: string;
  /** The alert topic the documents publish their results to. */
  topicArn?: string;
}

export interface ConformancePack {
  template: { Resources: Record<string, unknown> };
  /** What was left out and why (printed by the CLI). */
  notes: string[];
}

const FUNCTION_ARN_PREFIX = /^arn:aws[a-z-]*:lambda:[a-z]{2}(-[a-z]+)+-\d:\d{12}:function:$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z]{2}(-[a-z]+)+-\d:\d{12}:[A-Za-z0-9_-]{1,256}$/;

/** The invalid option is named in the message. */
export class ConformancePackError extends Error {
  override readonly name = 'ConformancePackError';
}

function logicalId(id: string): string {
  return id
    .split('-')
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('');
}

/**
 * A conformance pack template (ConfigRule + RemediationConfiguration only, as packs require) for
 * the enabled rules. Custom Lambda rules point at functions that must already exist, named like
 * the rules (as the account stack names them), with an invoke permission for AWS Config; the
 * documents and the remediation role must exist too. Remediations that cannot be wired (no role,
 * no topic, or required document parameters unset) are left out and listed in `notes`.
 */
export function conformancePackTemplate(
  config: GuardrailsConfig,
  rules: readonly AnyRuleMeta[],
  documents: ReadonlyMap<string, RemediationDocumentSpec>,
  options: ConformancePackOptions,
): ConformancePack {
  if (!FUNCTION_ARN_PREFIX.test(options.functionArnPrefix)) {
    throw new ConformancePackError(
      `--function-arn-prefix must look like arn:aws:lambda:<region>:<account>:function:, got '${options.functionArnPrefix}'`,
    );
  }
  if (options.remediationRoleArn !== undefined && !ROLE_ARN.test(options.remediationRoleArn)) {
    throw new ConformancePackError(
      `--remediation-role-arn is not an IAM role ARN: '${options.remediationRoleArn}'`,
    );
  }
  if (options.topicArn !== undefined && !TOPIC_ARN.test(options.topicArn)) {
    throw new ConformancePackError(`--topic-arn is not an SNS topic ARN: '${options.topicArn}'`);
  }
  const resources: Record<string, unknown> = {};
  const notes: string[] = [];
  for (const rule of rules) {
    const name = configRuleName(config, rule);
    const id = logicalId(rule.id);
    const parameters = config.rules[rule.id]?.parameters ?? {};
    const scope = changeScope(rule);
    resources[id] = {
      Type: 'AWS::Config::ConfigRule',
      Properties: {
        ConfigRuleName: name,
        Description: rule.description,
        Source: {
          Owner: 'CUSTOM_LAMBDA',
          SourceIdentifier: `${options.functionArnPrefix}${ruleFunctionName(config, rule)}`,
          SourceDetails: sourceDetails(rule),
        },
        ...(rule.periodic ? { MaximumExecutionFrequency: rule.periodic } : {}),
        ...(scope ? { Scope: { ComplianceResourceTypes: [...scope] } } : {}),
        ...(Object.keys(parameters).length > 0 ? { InputParameters: parameters } : {}),
      },
    };
    const link = rule.remediation;
    const settings = config.rules[rule.id]?.remediation;
    if (!link || !settings) continue;
    if (!options.remediationRoleArn || !options.topicArn) {
      notes.push(`${rule.id}: remediation left out (give --remediation-role-arn and --topic-arn)`);
      continue;
    }
    const spec = documents.get(link.document);
    if (!spec) throw new ConformancePackError(`Remediation document '${link.document}' was not loaded`);
    const mapping = deploymentParameters({
      rule,
      document: spec,
      assumeRoleArn: options.remediationRoleArn,
      topicArn: options.topicArn,
      ruleName: name,
      configured: settings.parameters,
      ruleParameters: config.rules[rule.id]?.parameters ?? {},
    });
    if (!mapping.parameters) {
      notes.push(
        `${rule.id}: remediation left out (set rules.${rule.id}.remediation.parameters.${mapping.missing.join(', ')})`,
      );
      continue;
    }
    resources[`${id}Remediation`] = {
      Type: 'AWS::Config::RemediationConfiguration',
      DependsOn: id,
      Properties: {
        ConfigRuleName: name,
        TargetType: 'SSM_DOCUMENT',
        TargetId: `${config.namePrefix}${link.document}`,
        Parameters: mapping.parameters,
        Automatic: settings.automatic,
        MaximumAutomaticAttempts: settings.maximumAutomaticAttempts,
        RetryAttemptSeconds: settings.retryAttemptSeconds,
      },
    };
  }
  return { template: { Resources: resources }, notes };
}
