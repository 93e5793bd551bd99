import type { BoundLookups, LookupSet } from './lookup';
import { type AccountRuleMeta, checkRuleMeta, type ResourceRuleMeta } from './meta';
import type { ParamSpecs, ParamValues } from './parameters';
import type { ConfigurationItem, RuleResource, Verdict } from './types';

export {
  Frequency,
  type MaximumExecutionFrequency,
  type RemediationLink,
  Severity,
  type SeverityLevel,
} from './meta';

/** What evaluate receives besides the resource: parameters, bound lookups, where it runs. */
export interface RuleContext<P extends ParamSpecs, L extends LookupSet> {
  params: ParamValues<P>;
  lookups: BoundLookups<L>;
  accountId: string;
  region: string;
}

/** Metadata (functions/runtime/meta.ts) plus how the rule reads AWS. */
interface RuleLookups<L extends LookupSet> {
  lookups: L;
}

/**
 * A rule that reports per resource: change-triggered on `resourceTypes` (when non-empty) and,
 * on a scheduled notification, a sweep over `listResources`.
 */
export interface ResourceRule<P extends ParamSpecs = ParamSpecs, L extends LookupSet = LookupSet, C = unknown>
  extends ResourceRuleMeta<P>,
    RuleLookups<L> {
  /** Turns a recorded configuration item into what evaluate takes (default: its configuration). */
  fromConfigurationItem?(item: ConfigurationItem): RuleResource<C>;
  listResources(ctx: RuleContext<P, L>): Promise<Array<RuleResource<C>>>;
  evaluate(resource: RuleResource<C>, ctx: RuleContext<P, L>): Promise<Verdict>;
}

/** A periodic rule that reports one result against the account (`AWS::::Account`). */
export interface AccountRule<P extends ParamSpecs = ParamSpecs, L extends LookupSet = LookupSet>
  extends AccountRuleMeta<P>,
    RuleLookups<L> {
  evaluate(ctx: RuleContext<P, L>): Promise<Verdict>;
}

// biome-ignore lint/suspicious/noExplicitAny: the registry holds rules of every parameter type
export type AnyRule = ResourceRule<any, any, any> | AccountRule<any, any>;

/**
 * Declares a rule: its metadata (functions/rules/meta/<id>.ts, spread in) and its evaluation;
 * checks what can be checked without AWS.
 *
 * @example
 * export const rule = defineRule({ ...meta, lookups: { ... }, async evaluate(ctx) { ... } });
 */
export function defineRule<P extends ParamSpecs, L extends LookupSet, C>(
  rule: ResourceRule<P, L, C>,
): ResourceRule<P, L, C>;
export function defineRule<P extends ParamSpecs, L extends LookupSet>(
  rule: AccountRule<P, L>,
): AccountRule<P, L>;
export function defineRule(rule: AnyRule): AnyRule {
  checkRuleMeta(rule);
  return rule;
}
