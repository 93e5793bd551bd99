/** EventBridge detail-types the notifier handles (CONTRACTS §4). */
export const DetailType = {
  COMPLIANCE_CHANGE: 'Config Rules Compliance Change',
  AUTOMATION_STATUS: 'EC2 Automation Execution Status-change Notification',
} as const;

/** The EventBridge envelope (EventBridge user guide, "Amazon EventBridge events"). */
export interface EventBridgeEnvelope<D> {
  version: string;
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: D;
}

/** An evaluation result as AWS Config reports it in a compliance change. */
export interface EvaluationResult {
  evaluationResultIdentifier?: {
    evaluationResultQualifier?: { configRuleName?: string; resourceType?: string; resourceId?: string };
    orderingTimestamp?: string;
  };
  complianceType?: string;
  resultRecordedTime?: string;
  configRuleInvokedTime?: string;
  annotation?: string | null;
}

/** `detail` of `Config Rules Compliance Change` (AWS Config developer guide, compliance notification). */
export interface ComplianceChangeDetail {
  resourceId?: string;
  awsRegion?: string;
  awsAccountId?: string;
  configRuleName: string;
  recordVersion?: string;
  configRuleARN?: string;
  messageType?: string;
  notificationCreationTime?: string;
  resourceType?: string;
  newEvaluationResult?: EvaluationResult;
  oldEvaluationResult?: EvaluationResult;
}

/** `detail` of `EC2 Automation Execution Status-change Notification` (SSM user guide, event examples). */
export interface AutomationStatusDetail {
  ExecutionId: string;
  Definition: string;
  DefinitionVersion?: number | string;
  Status: string;
  StartTime?: string;
  EndTime?: string;
  Time?: number;
  ExecutedBy?: string;
}

export type ComplianceChangeEvent = EventBridgeEnvelope<ComplianceChangeDetail>;
export type AutomationStatusEvent = EventBridgeEnvelope<AutomationStatusDetail>;

/** The SNS message attributes every alert carries. */
export interface AlertAttributes {
  rule: string;
  compliance: string;
  resourceType: string;
  accountId: string;
  region: string;
  severity: string;
}

/** One SNS message: subject (<= 100 characters), text body with a JSON section, attributes. */
export interface Alert {
  subject: string;
  message: string;
  attributes: AlertAttributes;
}
