import { ArnFormat, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DetailType } from '../functions/notify/types';
import type { GuardrailsConfig } from './config';
import { SuiteFunction } from './suite-function';

/** Automation statuses worth an alert: the terminal ones (SSM spells it `Cancelled`). */
export const TERMINAL_AUTOMATION_STATUSES = ['Success', 'Failed', 'TimedOut', 'Cancelled'] as const;

/**
 * The customer managed key, the alert topic, and the queue that keeps failed invocations. Only the
 * suite's own roles publish (both EventBridge rules target the notifier Lambda, which publishes
 * itself), so the key policy grants no `events.amazonaws.com` use: CONTRACTS §4's EventBridge grant
 * applies only when an EventBridge rule targets the topic directly.
 *
 * The key also encrypts every suite function's log group (the evidence of what each evaluation saw)
 * and the failed-invocation queue (alerts that could not be published are kept there, not lost).
 */
export class AlertTopic extends Construct {
  readonly key: kms.Key;
  readonly topic: sns.Topic;
  /** On-failure destination of every suite function's asynchronous invocations. */
  readonly failedInvocations: sqs.Queue;
  /** In alarm while the queue holds a failed invocation. */
  readonly failedInvocationsAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: { config: GuardrailsConfig }) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: "glue-guardrails: encrypts the alert topic, the functions' logs and failed invocations",
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
    // CloudWatch Logs encrypts with the key only for log groups of this account and region: the
    // statement of https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
    // (step 2: the regional logs principal, the encryption context naming the log group ARN).
    const stack = Stack.of(this);
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchLogsForThisAccount',
        principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': stack.formatArn({
              service: 'logs',
              resource: 'log-group',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
    // CloudWatch alarms publish to the encrypted topic with the key (alarm on failed invocations).
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsForThisAccount',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
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
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsForThisAccount',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
    this.failedInvocations = new sqs.Queue(this, 'FailedInvocations', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.key,
      enforceSSL: true,
      // SQS's longest: two weeks to read, replay or export what failed.
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.failedInvocations).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'this queue is itself the on-failure destination of the suite functions; nothing consumes it ' +
        'automatically, so it has no dead-letter queue of its own',
    });
    this.failedInvocationsAlarm = new cloudwatch.Alarm(this, 'FailedInvocationsAlarm', {
      alarmDescription:
        'glue-guardrails: an evaluation or alert failed every attempt and is kept in the failed-invocation queue',
      metric: this.failedInvocations.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.failedInvocationsAlarm.addAlarmAction(new cwActions.SnsAction(this.topic));
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
      key: alerts.key,
      failedInvocations: alerts.failedInvocations,
      // EventBridge already retries delivery (below); Lambda's own retries cover a failed run.
      retryAttempts: 2,
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
