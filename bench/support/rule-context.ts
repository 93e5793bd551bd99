import { ACCOUNT_ID } from '../../emulator/config-events';
import type { LookupSet } from '../../functions/runtime/lookup';
import { parseParameters } from '../../functions/runtime/parameters';
import type { AccountRule, ResourceRule, RuleContext } from '../../functions/runtime/rule';
import type { RuleResource, Verdict } from '../../functions/runtime/types';

/**
 * A rule context with plain fake lookups and parameters parsed by the rule's own specs, so
 * rule tests exercise parameter defaults and validation without any SDK.
 */
export function ruleContext<R extends AccountRule | ResourceRule>(
  rule: R,
  lookups: Record<string, (...args: never[]) => Promise<unknown>>,
  params: Record<string, string> = {},
): RuleContext<R['parameters'], LookupSet> {
  return {
    params: parseParameters(rule.parameters, JSON.stringify(params)),
    lookups: lookups as never,
    accountId: ACCOUNT_ID,
    region: 'us-east-1',
  } as RuleContext<R['parameters'], LookupSet>;
}

/** Evaluates an account rule with fakes. */
export async function evaluateAccount(
  rule: AccountRule,
  lookups: Record<string, (...args: never[]) => Promise<unknown>>,
  params: Record<string, string> = {},
): Promise<Verdict> {
  return rule.evaluate(ruleContext(rule, lookups, params));
}

/** Evaluates one resource with a resource rule and fakes. */
export async function evaluateResource<C>(
  rule: ResourceRule,
  configuration: C,
  lookups: Record<string, (...args: never[]) => Promise<unknown>>,
  params: Record<string, string> = {},
  resourceId = 'resource-1',
): Promise<Verdict> {
  const resource: RuleResource<C> = { resourceType: rule.resourceType, resourceId, configuration };
  return rule.evaluate(resource, ruleContext(rule, lookups, params));
}
