import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { DetailType } from '../functions/notify/types';
import type { GuardrailsConfig } from './config';
import { SuiteFunction } from './suite-function';

/** Automation statuses worth an alert: the terminal ones (SSM spells it `Cancelled`). */
export const TERMINAL_AUTOMATION_STATUSES = ['Success', 'Failed', 'TimedOut', 'Cancelled'] as const;

/**
 * The customer managed key and the alert topic. Only the suite's own roles publish (both
 * EventBridge rules target the notifier Lambda, which publishes itself), so the key policy grants
 * no `events.amazonaws.com` use: CONTRACTS §4's EventBridge grant applies only when an EventBridge
 * rule targets the topic directly.
 */
export class AlertTopic extends Construct {
  readonly key: kms.Key;
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: { config: GuardrailsConfig }) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: 'glue-guardrails: encrypts the alert topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowSnsToUseTheKeyForThisAccount',
        principals: [new iam.ServicePrincipal('sns.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'glue-guardrails alerts',
      masterKey: this.key,
      enforceSSL: true,
    });
    if (props.config.notificationEmail) {
      this.topic.addSubscription(new subscriptions.EmailSubscription(props.config.notificationEmail));
    }
  }

  /** Lets exactly these roles publish (the topic policy names its publishers). */
  allowPublishers(roles: readonly iam.IRole[]): void {
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowSuitePublishers',
        principals: roles.map((r) => new iam.ArnPrincipal(r.roleArn)),
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
      }),
    );
  }
}

export interface NotifierProps {
  config: GuardrailsConfig;
  code: lambda.Code;
  alerts: AlertTopic;
  /** Config rule names of this suite (compliance changes of other rules are not ours). */
  ruleNames: string[];
  /** SSM document names of this suite. */
  documentNames: string[];
}

/** The notifier Lambda and the EventBridge rules feeding it. */
export class Notifier extends Construct {
  readonly handler: SuiteFunction;

  constructor(scope: Construct, id: string, props: NotifierProps) {
    super(scope, id);
    const { alerts, config } = props;
    const stack = Stack.of(this);
    const statements = [
      new iam.PolicyStatement({
        sid: 'PublishAlerts',
        actions: ['sns:Publish'],
        resources: [alerts.topic.topicArn],
      }),
      new iam.PolicyStatement({
        sid: 'EncryptAlerts',
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [alerts.key.keyArn],
      }),
    ];
    if (props.documentNames.length > 0) {
      statements.push(
        new iam.PolicyStatement({
          sid: 'ReadAutomationExecutions',
          actions: ['ssm:GetAutomationExecution'],
          resources: [
            stack.formatArn({ service: 'ssm', resource: 'automation-execution', resourceName: '*' }),
          ],
        }),
      );
    }
    this.handler = new SuiteFunction(this, 'Handler', {
      code: props.code,
      description: 'glue-guardrails: compliance changes and remediation outcomes to SNS',
      timeoutSeconds: 30,
      memoryMb: 256,
      logRetentionDays: config.logRetentionDays,
      environment: { ALERT_TOPIC_ARN: alerts.topic.topicArn, RULE_NAME_PREFIX: config.namePrefix },
      statements,
    });
    if (props.documentNames.length > 0) {
      this.handler.acknowledgeWildcard(
        'arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:automation-execution/*',
        'automation execution ids are generated per run; read-only, scoped to this account and region',
      );
    }
    const target = new targets.LambdaFunction(this.handler.function, {
      retryAttempts: 4,
      maxEventAge: Duration.hours(6),
    });
    new events.Rule(this, 'ComplianceChanges', {
      description: 'glue-guardrails: compliance changes of this suite',
      eventPattern: {
        source: ['aws.config'],
        detailType: [DetailType.COMPLIANCE_CHANGE],
        detail: { configRuleName: props.ruleNames },
      },
      targets: [target],
    });
    if (props.documentNames.length > 0) {
      new events.Rule(this, 'AutomationOutcomes', {
        description: 'glue-guardrails: outcomes of this suite’s remediations',
        eventPattern: {
          source: ['aws.ssm'],
          detailType: [DetailType.AUTOMATION_STATUS],
          detail: { Definition: props.documentNames, Status: [...TERMINAL_AUTOMATION_STATUSES] },
        },
        targets: [target],
      });
    }
  }
}
