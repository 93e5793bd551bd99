// How a rule is wired to AWS Config: its names, triggers and scope. Plain data from the rule's
// metadata, shared by the CDK constructs and the CLI's conformance pack (no aws-cdk-lib here).
import type { AnyRuleMeta } from '../functions/runtime/meta';

/** What the wiring needs of the configuration. */
export interface NamingConfig {
  /** Prefix of every Config rule, function and document name. */
  namePrefix: string;
}

/** Lambda function names are at most 64 characters. */
export const FUNCTION_NAME_MAX = 64;

/** True when the rule is triggered by configuration changes of recorded types. */
export function isChangeTriggered(rule: AnyRuleMeta): boolean {
  return rule.scope === 'resource' && rule.resourceTypes.length > 0;
}

/** The Config rule name: the rule id, with the configured prefix. */
export function configRuleName(config: NamingConfig, rule: AnyRuleMeta): string {
  return `${config.namePrefix}${rule.id}`;
}

/** The rule's Lambda function name: its Config rule name (<= 64 characters). */
export function ruleFunctionName(config: NamingConfig, rule: AnyRuleMeta): string {
  const name = configRuleName(config, rule);
  if (name.length > FUNCTION_NAME_MAX) {
    throw new Error(
      `Function name '${name}' is over ${FUNCTION_NAME_MAX} characters: shorten namePrefix '${config.namePrefix}'`,
    );
  }
  return name;
}

/**
 * The resource types whose changes trigger the rule (its Config rule scope), or undefined for a
 * periodic-only rule: PutConfigRule rejects a scope on those (CONTRACTS §4).
 */
export function changeScope(rule: AnyRuleMeta): readonly string[] | undefined {
  return isChangeTriggered(rule) && rule.scope === 'resource' ? rule.resourceTypes : undefined;
}

/** The SourceDetails CDK's CustomRule writes for the same triggers (kept identical on purpose). */
export function sourceDetails(rule: AnyRuleMeta): Array<Record<string, string>> {
  const details: Array<Record<string, string>> = [];
  if (isChangeTriggered(rule)) {
    details.push({ EventSource: 'aws.config', MessageType: 'ConfigurationItemChangeNotification' });
    details.push({ EventSource: 'aws.config', MessageType: 'OversizedConfigurationItemChangeNotification' });
  }
  if (rule.periodic) {
    details.push({
      EventSource: 'aws.config',
      MaximumExecutionFrequency: rule.periodic,
      MessageType: 'ScheduledNotification',
    });
  }
  return details;
}
