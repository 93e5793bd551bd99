/** Compliance values a Lambda may report (INSUFFICIENT_DATA is reserved to AWS Config). */
export const Compliance = {
  COMPLIANT: 'COMPLIANT',
  NON_COMPLIANT: 'NON_COMPLIANT',
  NOT_APPLICABLE: 'NOT_APPLICABLE',
} as const;
export type ComplianceType = (typeof Compliance)[keyof typeof Compliance];

export const ACCOUNT_RESOURCE_TYPE = 'AWS::::Account';

/** The message types AWS Config sends a custom rule (developer guide, "Example events"). */
export const MessageType = {
  CHANGE: 'ConfigurationItemChangeNotification',
  OVERSIZED: 'OversizedConfigurationItemChangeNotification',
  SCHEDULED: 'ScheduledNotification',
} as const;

/** The outer event AWS Config passes to a custom rule's Lambda. */
export interface ConfigRuleEvent {
  invokingEvent: string;
  ruleParameters?: string;
  resultToken: string;
  eventLeftScope?: boolean;
  executionRoleArn?: string;
  configRuleArn?: string;
  configRuleName: string;
  configRuleId?: string;
  accountId: string;
  version?: string;
}

export interface ConfigurationItem {
  configurationItemStatus: string;
  resourceType: string;
  resourceId: string;
  resourceName?: string;
  ARN?: string;
  awsRegion?: string;
  awsAccountId?: string;
  configurationItemCaptureTime: string;
  configuration: unknown;
  tags?: Record<string, string>;
  relationships?: unknown[];
  supplementaryConfiguration?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface ConfigurationItemSummary {
  changeType?: string;
  configurationItemVersion?: string;
  configurationItemCaptureTime: string;
  configurationStateId?: number;
  awsAccountId?: string;
  configurationItemStatus: string;
  resourceType: string;
  resourceId: string;
  resourceName?: string;
  ARN?: string;
  awsRegion?: string;
  [key: string]: unknown;
}

export type InvokingEvent =
  | {
      messageType: typeof MessageType.CHANGE;
      configurationItem: ConfigurationItem;
      notificationCreationTime?: string;
    }
  | {
      messageType: typeof MessageType.OVERSIZED;
      configurationItemSummary: ConfigurationItemSummary;
      notificationCreationTime?: string;
    }
  | {
      messageType: typeof MessageType.SCHEDULED;
      awsAccountId: string;
      notificationCreationTime: string;
      recordVersion?: string;
    };

/** One evaluation as PutEvaluations takes it (SDK v3 shape). */
export interface Evaluation {
  ComplianceResourceType: string;
  ComplianceResourceId: string;
  ComplianceType: ComplianceType;
  Annotation?: string;
  OrderingTimestamp: Date;
}

/**
 * What a rule concludes about one resource. `offenders` names every offending sub-resource in
 * full (the annotation is truncated to 256 characters; alerts carry the whole list).
 */
export interface Verdict {
  compliance: ComplianceType;
  annotation: string;
  offenders?: string[];
  /** Exemptions that made this verdict (active) or no longer apply to it (expired). */
  exemptions?: ExemptionNote[];
}

/**
 * An accepted risk as reported (issue 9 §3), by the rules and the CLI (cli/scan-types.ts
 * re-exports it).
 */
export interface ExemptionNote {
  rule: string;
  resourceId: string;
  reason: string;
  approver: string;
  /** Last day in force, YYYY-MM-DD (UTC). */
  expires: string;
  source: 'deployment' | 'tag';
  status: 'active' | 'expired';
}

/** A resource a resource rule evaluates: from a configuration item or from a listing. */
export interface RuleResource<C = unknown> {
  resourceType: string;
  resourceId: string;
  configuration: C;
  tags?: Record<string, string>;
}
