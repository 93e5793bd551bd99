// What a rule is, apart from how it evaluates: the metadata the notifier, the CLI's listings,
// the stack and the README read without loading evaluation code or SDK clients.
import type { ParamSpecs } from './parameters';

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

/** Control frameworks a rule can be mapped to (issue 9); ids are what `scan --framework` takes. */
export const FRAMEWORKS = {
  'nist-800-53-r5': 'NIST SP 800-53 Rev. 5',
  'pci-dss-4.0': 'PCI DSS v4.0',
  'iso-27001-2022': 'ISO/IEC 27001:2022 Annex A',
  soc2: 'SOC 2 (AICPA Trust Services Criteria)',
} as const;
export type FrameworkId = keyof typeof FRAMEWORKS;

/** One control of a framework that a rule supports, and the public source that says so. */
export interface FrameworkMapping {
  framework: FrameworkId;
  /** The framework's control id, e.g. `SC-28` or `3.5.1`. */
  control: string;
  /** The control's short title. */
  title: string;
  /** URL of the public source supporting the mapping (an AWS conformance pack or the framework). */
  source: string;
}

interface RuleMetaCommon<P extends ParamSpecs> {
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
  periodic?: MaximumExecutionFrequency;
  remediation?: RemediationLink;
  /** Framework controls this rule supports, each with its source; absent = unmapped. */
  frameworks?: readonly FrameworkMapping[];
}

/**
 * A rule that reports per resource: change-triggered on `resourceTypes` (when non-empty) and/or
 * periodic.
 */
export interface ResourceRuleMeta<P extends ParamSpecs = ParamSpecs> extends RuleMetaCommon<P> {
  scope: 'resource';
  /** The type reported for swept resources (a type AWS Config accepts). */
  resourceType: string;
  /** Types whose configuration changes trigger the rule ([] = periodic only). */
  resourceTypes: readonly string[];
}

/** A periodic rule that reports one result against the account (`AWS::::Account`). */
export interface AccountRuleMeta<P extends ParamSpecs = ParamSpecs> extends RuleMetaCommon<P> {
  scope: 'account';
  periodic: MaximumExecutionFrequency;
}

// biome-ignore lint/suspicious/noExplicitAny: the catalog holds rules of every parameter type
export type AnyRuleMeta = ResourceRuleMeta<any> | AccountRuleMeta<any>;

/** The metadata fields of a rule, in the order the catalog test compares them. */
export const RULE_META_KEYS = [
  'scope',
  'id',
  'description',
  'control',
  'severity',
  'resourceType',
  'resourceTypes',
  'periodic',
  'parameters',
  'iam',
  'remediation',
  'frameworks',
] as const;

const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)+$/;

/**
 * The form of a control id in each framework: NIST `AC-6` or `SC-7(4)`; PCI DSS `4.2.1`; ISO/IEC
 * 27001:2022 Annex A `A.8.24` (themes 5 to 8); SOC 2 trust services criteria `CC6.1`, `A1.2`, ...
 */
export const CONTROL_ID: Readonly<Record<FrameworkId, RegExp>> = {
  'nist-800-53-r5': /^[A-Z]{2}-\d{1,2}(?:\(\d{1,2}\))?$/,
  'pci-dss-4.0': /^(?:[1-9]|1[0-2])(?:\.\d{1,2}){1,3}$/,
  'iso-27001-2022': /^A\.[5-8]\.\d{1,2}$/,
  soc2: /^(?:CC[1-9]|A1|C1|PI1|P[1-8])\.\d{1,2}$/,
};

/** The framework ids `scan --framework` accepts. */
export const FRAMEWORK_IDS = Object.keys(FRAMEWORKS) as FrameworkId[];

/** Whether `id` names a framework. */
export function isFrameworkId(id: string): id is FrameworkId {
  return Object.hasOwn(FRAMEWORKS, id);
}

/**
 * What is wrong with a rule's framework mappings: an unknown framework, a control id malformed for
 * its framework, a missing title, a source that is not an https URL, or a control mapped twice.
 */
export function frameworkMappingProblems(mappings: readonly FrameworkMapping[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const m of mappings) {
    const where = `${m.framework} ${m.control}`;
    if (!isFrameworkId(m.framework)) {
      problems.push(`unknown framework '${m.framework}' (known: ${FRAMEWORK_IDS.join(', ')})`);
      continue;
    }
    if (!CONTROL_ID[m.framework].test(m.control))
      problems.push(`${where}: '${m.control}' is not a ${FRAMEWORKS[m.framework]} control id`);
    if (!m.title.trim()) problems.push(`${where}: no title`);
    let url: URL | undefined;
    try {
      url = new URL(m.source);
    } catch {
      url = undefined;
    }
    const https = url?.protocol === 'https:' && url.hostname.includes('.');
    if (!https) problems.push(`${where}: source '${m.source}' is not an https URL`);
    if (seen.has(where)) problems.push(`${where}: mapped twice`);
    seen.add(where);
  }
  return problems;
}

/**
 * Declares a rule's metadata (functions/rules/meta/<id>.ts); checks what can be checked without
 * AWS. The rule file spreads it into defineRule, so there is one source of truth.
 *
 * @example
 * export const meta = defineRuleMeta({ scope: 'account', id: 'glue-catalog-metadata-encrypted', ... });
 */
export function defineRuleMeta<P extends ParamSpecs>(meta: ResourceRuleMeta<P>): ResourceRuleMeta<P>;
export function defineRuleMeta<P extends ParamSpecs>(meta: AccountRuleMeta<P>): AccountRuleMeta<P>;
export function defineRuleMeta(meta: AnyRuleMeta): AnyRuleMeta {
  checkRuleMeta(meta);
  return meta;
}

/** Throws when the id is not kebab-case or the rule would never run. */
export function checkRuleMeta(meta: AnyRuleMeta): void {
  if (!ID.test(meta.id)) throw new Error(`Rule id '${meta.id}' is not kebab-case`);
  if (meta.scope === 'resource' && meta.resourceTypes.length === 0 && !meta.periodic) {
    throw new Error(`Rule '${meta.id}' has neither change triggers nor a periodic frequency`);
  }
  const problems = frameworkMappingProblems(meta.frameworks ?? []);
  if (problems.length > 0) throw new Error(`Rule '${meta.id}' framework mappings: ${problems.join('; ')}`);
}
