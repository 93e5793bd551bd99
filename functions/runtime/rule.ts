import type { BoundLookups, LookupSet } from './lookup';
import type { ParamSpecs, ParamValues } from './parameters';
import type { ConfigurationItem, RuleResource, Verdict } from './types';

export const Frequency = {
  ONE_HOUR: 'One_Hour',
  THREE_HOURS: 'Three_Hours',
  SIX_HOURS: 'Six_Hours',
  TWELVE_HOURS: 'Twelve_Hours',
  TWENTY_FOUR_HOURS: 'TwentyFour_Hours',
} as const;
export type MaximumExecutionFrequency = (typeof Frequency)[keyof typeof Frequency];

export const Severity = { CRITICAL: 'CRITICAL', HIGH: 'HIGH', MEDIUM: 'MEDIUM', LOW: 'LOW' } as const;
export type SeverityLevel = (typeof Severity)[keyof typeof Severity];

/** How a rule's remediation document is wired to AWS Config. */
export interface RemediationLink {
  /** File name (without .yaml) under remediation/documents/. */
  document: string;
  /** Whether Config runs it automatically on NON_COMPLIANT (the deployer can override). */
  automatic: boolean;
  /** The document parameter that receives RESOURCE_ID (the id this rule reports). */
  resourceIdParameter: string;
  /**
   * Document parameters this rule always sets (e.g. which settings block to change, when one
   * document serves several rules); configuration cannot override them.
   */
  staticParameters?: Record<string, string | string[]>;
  /**
   * Document parameter <- rule input parameter name: the document gets the rule's configured (or
   * default) value, so the remediation judges as the rule does. An empty value leaves the
   * document's default.
   */
  fromRuleParameters?: Record<string, string>;
}

/** What evaluate receives besides the resource: parameters, bound lookups, where it runs. */
export interface RuleContext<P extends ParamSpecs, L extends LookupSet> {
  params: ParamValues<P>;
  lookups: BoundLookups<L>;
  accountId: string;
  region: string;
}

interface RuleCommon<P extends ParamSpecs, L extends LookupSet> {
  /** Kebab-case `<service>-<resource>-<property>-<state>`; equals the file name. */
  id: string;
  /** One sentence: what must hold for COMPLIANT. */
  description: string;
  /** The approval control it answers (a section of the FSI Glue checklist). */
  control: string;
  severity: SeverityLevel;
  parameters: P;
  /** Every IAM action the rule's lookups call (meta-tested against the lookups). */
  iam: readonly string[];
  lookups: L;
  periodic?: MaximumExecutionFrequency;
  remediation?: RemediationLink;
}

/**
 * A rule that reports per resource: change-triggered on `resourceTypes` (when non-empty) and,
 * on a scheduled notification, a sweep over `listResources`.
 */
export interface ResourceRule<P extends ParamSpecs = ParamSpecs, L extends LookupSet = LookupSet, C = unknown>
  extends RuleCommon<P, L> {
  scope: 'resource';
  /** The type reported for swept resources (a type AWS Config accepts). */
  resourceType: string;
  /** Types whose configuration changes trigger the rule ([] = periodic only). */
  resourceTypes: readonly string[];
  /** Turns a recorded configuration item into what evaluate takes (default: its configuration). */
  fromConfigurationItem?(item: ConfigurationItem): RuleResource<C>;
  listResources(ctx: RuleContext<P, L>): Promise<Array<RuleResource<C>>>;
  evaluate(resource: RuleResource<C>, ctx: RuleContext<P, L>): Promise<Verdict>;
}

/** A periodic rule that reports one result against the account (`AWS::::Account`). */
export interface AccountRule<P extends ParamSpecs = ParamSpecs, L extends LookupSet = LookupSet>
  extends RuleCommon<P, L> {
  scope: 'account';
  periodic: MaximumExecutionFrequency;
  evaluate(ctx: RuleContext<P, L>): Promise<Verdict>;
}

// biome-ignore lint/suspicious/noExplicitAny: the registry holds rules of every parameter type
export type AnyRule = ResourceRule<any, any, any> | AccountRule<any, any>;

const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)+$/;

/**
 * Declares a rule; checks what can be checked without AWS.
 *
 * @example
 * export const rule = defineRule({ scope: 'account', id: 'glue-catalog-metadata-encrypted', ... });
 */
export function defineRule<P extends ParamSpecs, L extends LookupSet, C>(
  rule: ResourceRule<P, L, C>,
): ResourceRule<P, L, C>;
export function defineRule<P extends ParamSpecs, L extends LookupSet>(
  rule: AccountRule<P, L>,
): AccountRule<P, L>;
export function defineRule(rule: AnyRule): AnyRule {
  if (!ID.test(rule.id)) throw new Error(`Rule id '${rule.id}' is not kebab-case`);
  if (rule.scope === 'resource' && rule.resourceTypes.length === 0 && !rule.periodic) {
    throw new Error(`Rule '${rule.id}' has neither change triggers nor a periodic frequency`);
  }
  return rule;
}
