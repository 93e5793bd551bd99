import { getGlueTags } from '../lookups/exemptions';
import type { AwsContext } from './aws';
import { InvalidEventError } from './errors';
import { buildEvaluation, describeOffenders } from './evaluations';
import { fetchOversizedItem, isApplicable, parseInvokingEvent } from './event';
import {
  annotateVerdict,
  type ExemptionSettings,
  exemptOffenders,
  exemptVerdict,
  findExemption,
  glueArnOf,
} from './exemptions';
import { bindLookups } from './lookup';
import { parseParameters } from './parameters';
import type { AccountRule, AnyRule, ResourceRule, RuleContext } from './rule';
import { optionalStringMap, requireRecord } from './shape';
import {
  ACCOUNT_RESOURCE_TYPE,
  Compliance,
  type ConfigRuleEvent,
  type ConfigurationItem,
  type Evaluation,
  MessageType,
  type RuleResource,
  type Verdict,
} from './types';

/** What one invocation concluded, before anything is sent to AWS Config. */
export interface EvaluationRun {
  evaluations: Evaluation[];
  /** Verdicts with their full offender lists, for alerts and the CLI. */
  verdicts: Array<{ resourceType: string; resourceId: string; verdict: Verdict }>;
  /** Resources that exist but could not be evaluated: they get no evaluation. */
  failures: Array<{ resourceId: string; error: unknown }>;
  /** Every `type|id` known to exist now (evaluated or failed): stale clean-up spares them. */
  present: Set<string>;
  scheduled: boolean;
  orderingTimestamp: Date;
  /** Set when a sweep stopped before evaluating every listed resource (time ran low). */
  incomplete?: { reason: string; unevaluated: string[] };
}

export interface EvaluateOptions {
  /**
   * Asked before each resource of a sweep: a reason to stop now (the invocation's remaining time
   * is running low), or undefined to go on. The resources left are reported in `incomplete`.
   */
  shouldStop?: () => string | undefined;
  /**
   * The exemptions in force for this invocation (read once per invocation, after the parameters
   * are checked): an exempt resource is NOT_APPLICABLE naming its exemption (see exemptions.ts).
   */
  exemptions?: () => Promise<ExemptionSettings>;
  /**
   * Reads a swept Glue resource's tags by ARN even where tags may not exempt (so an ignored tag is
   * reported); the CLI shares one memoised reader across rules. Default: glue:GetTags, only for
   * rules whose tags may exempt (the deployed role has GetTags on those only).
   */
  readTags?: (arn: string) => Promise<Record<string, string>>;
}

export const resourceKey = (type: string, id: string): string => `${type}|${id}`;

/**
 * Runs a rule on one AWS Config event: parameters first (an invalid one throws and nothing is
 * reported), then applicability, then the rule's pure evaluation with bound lookups.
 */
export async function evaluateEvent(
  rule: AnyRule,
  event: ConfigRuleEvent,
  aws: AwsContext,
  options: EvaluateOptions = {},
): Promise<EvaluationRun> {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) {
    throw new InvalidEventError(`The event is not an object (got ${event === null ? 'null' : typeof event})`);
  }
  const params = parseParameters(rule.parameters, event.ruleParameters);
  const invoking = parseInvokingEvent(event);
  const exemptions = options.exemptions ? await options.exemptions() : undefined;
  const tagReader = bindLookups({ tags: getGlueTags }, aws);
  const ctx: RuleContext<never, never> = {
    params: params as never,
    lookups: bindLookups(rule.lookups, aws) as never,
    accountId: event.accountId,
    region: aws.config.region,
  };
  const run: EvaluationRun = {
    evaluations: [],
    verdicts: [],
    failures: [],
    present: new Set(),
    scheduled: invoking.messageType === MessageType.SCHEDULED,
    orderingTimestamp: new Date(),
  };
  const record = (resourceType: string, resourceId: string, verdict: Verdict, at: Date): void => {
    run.present.add(resourceKey(resourceType, resourceId));
    run.verdicts.push({ resourceType, resourceId, verdict });
    run.evaluations.push(
      buildEvaluation(resourceType, resourceId, verdict.compliance, verdict.annotation, at),
    );
  };

  if (invoking.messageType === MessageType.SCHEDULED) {
    const at = new Date(invoking.notificationCreationTime);
    run.orderingTimestamp = at;
    if (rule.scope === 'account') {
      record(ACCOUNT_RESOURCE_TYPE, event.accountId, await judgeAccount(rule, ctx, exemptions), at);
      return run;
    }
    const resources = await rule.listResources(ctx);
    for (const [i, resource] of resources.entries()) {
      const stop = options.shouldStop?.();
      if (stop !== undefined) {
        run.incomplete = { reason: stop, unevaluated: resources.slice(i).map((r) => r.resourceId) };
        break;
      }
      run.present.add(resourceKey(resource.resourceType, resource.resourceId));
      try {
        let tags = resource.tags;
        // A swept resource listed without its tags: read them when a tag may exempt it.
        const arn = glueArnOf(resource.resourceType, resource.resourceId, ctx);
        if (exemptions && tags === undefined && arn) {
          if (options.readTags) tags = await options.readTags(arn);
          else if (exemptions.tagsAllowed) tags = await tagReader.tags(arn);
        }
        record(
          resource.resourceType,
          resource.resourceId,
          await judgeResource(rule, resource, ctx, exemptions, tags),
          at,
        );
      } catch (error) {
        run.failures.push({ resourceId: resource.resourceId, error });
      }
    }
    return run;
  }

  if (rule.scope === 'account') {
    throw new InvalidEventError(
      `Rule '${rule.id}' is periodic and reports against the account; it does not take ${invoking.messageType}`,
    );
  }
  const summary =
    invoking.messageType === MessageType.CHANGE
      ? invoking.configurationItem
      : invoking.configurationItemSummary;
  const at = new Date(summary.configurationItemCaptureTime);
  run.orderingTimestamp = at;
  const inScope = rule.resourceTypes.includes(summary.resourceType);
  // Applicability is decided from the status alone: a deleted item's configuration is null.
  if (!inScope || !isApplicable(summary.configurationItemStatus, event.eventLeftScope)) {
    const why = !inScope
      ? `${summary.resourceType} is not a type this rule evaluates`
      : event.eventLeftScope
        ? 'The resource left the rule scope'
        : `Configuration item status is ${summary.configurationItemStatus}`;
    record(
      summary.resourceType,
      summary.resourceId,
      { compliance: Compliance.NOT_APPLICABLE, annotation: why },
      at,
    );
    return run;
  }
  const item =
    invoking.messageType === MessageType.CHANGE
      ? invoking.configurationItem
      : await fetchOversizedItem(aws, invoking.configurationItemSummary);
  const resource = toResource(rule, item);
  // The configuration item carries the resource's tags (its exemption tag included).
  const itemTags = optionalStringMap(item.tags, 'tags') ?? {};
  try {
    record(
      resource.resourceType,
      resource.resourceId,
      await judgeResource(rule, resource, ctx, exemptions, itemTags),
      at,
    );
  } catch (error) {
    run.present.add(resourceKey(resource.resourceType, resource.resourceId));
    run.failures.push({ resourceId: resource.resourceId, error });
  }
  return run;
}

/** A resource's verdict: NOT_APPLICABLE under an active exemption, else the rule's, annotated. */
async function judgeResource(
  // biome-ignore lint/suspicious/noExplicitAny: any rule of the registry
  rule: ResourceRule<any, any, any>,
  resource: RuleResource,
  ctx: RuleContext<never, never>,
  exemptions: ExemptionSettings | undefined,
  tags: Readonly<Record<string, string>> | undefined,
): Promise<Verdict> {
  if (!exemptions) return rule.evaluate(resource, ctx);
  const match = findExemption(exemptions, rule.id, resource.resourceId, tags);
  if (match.note?.status === 'active') return exemptVerdict(match.note);
  return annotateVerdict(await rule.evaluate(resource, ctx), match);
}

/**
 * An account rule's verdict: NOT_APPLICABLE when the account itself is exempt (an exemption
 * naming the account id), else the rule's with exempt offenders left out.
 */
async function judgeAccount(
  rule: AccountRule,
  ctx: RuleContext<never, never>,
  exemptions: ExemptionSettings | undefined,
): Promise<Verdict> {
  if (!exemptions) return rule.evaluate(ctx);
  const match = findExemption({ ...exemptions, tagsAllowed: false }, rule.id, ctx.accountId);
  if (match.note?.status === 'active') return exemptVerdict(match.note);
  const verdict = exemptOffenders(await rule.evaluate(ctx), exemptions, rule.id, describeOffenders);
  return annotateVerdict(verdict, match);
}

// biome-ignore lint/suspicious/noExplicitAny: any rule of the registry
function toResource(rule: ResourceRule<any, any, any>, item: ConfigurationItem): RuleResource {
  if (item.configuration === null || item.configuration === undefined) {
    throw new InvalidEventError(`The configuration item for ${item.resourceId} has no configuration`);
  }
  // Every resource type a rule is triggered by records its configuration as a JSON object: a
  // string or an array is a malformed item, never something to judge (or to call COMPLIANT).
  requireRecord(item.configuration, 'configuration');
  const tags = optionalStringMap(item.tags, 'tags') ?? {};
  if (rule.fromConfigurationItem) return rule.fromConfigurationItem(item);
  return {
    resourceType: item.resourceType,
    resourceId: item.resourceId,
    configuration: item.configuration,
    tags,
  };
}
