import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface SuiteFunctionProps {
  /** A fixed name (rule functions are named like their Config rule, so packs can find them). */
  functionName?: string;
  code: lambda.Code;
  description: string;
  timeoutSeconds: number;
  memoryMb: number;
  logRetentionDays: number;
  environment: Record<string, string>;
  /** Every statement the role gets besides writing its own logs, using the suite key and keeping failures. */
  statements: iam.PolicyStatement[];
  /**
   * The suite's customer managed key: it encrypts the function's log group, and the role may use it
   * (the alert topic and the failed-invocation queue are encrypted with it).
   */
  key: kms.IKey;
  /**
   * Where an asynchronous invocation that failed every attempt is kept (the event, the error and
   * the request context), encrypted with the suite key. Both callers of the suite's functions
   * invoke asynchronously: EventBridge (the notifier) and AWS Config (rule functions).
   */
  failedInvocations: sqs.IQueue;
  /** Retries of a failed asynchronous invocation before it goes to `failedInvocations` (Lambda allows 0-2). */
  retryAttempts: number;
}

/** A checkov check this function does not meet, with the reason it need not (kept in the template). */
export interface CheckovSkip {
  id: string;
  comment: string;
}

/**
 * checkov findings every suite function answers the same way; each reason is read by whoever audits
 * the template (checkov reads `Metadata.checkov.skip` of a CloudFormation resource).
 */
export const FUNCTION_CHECKOV_SKIPS: readonly CheckovSkip[] = [
  {
    id: 'CKV_AWS_117',
    comment:
      'No VPC: the function only calls AWS APIs over TLS (Config, Glue, IAM, KMS, S3, SNS, SSM) and reaches no ' +
      'private network resource; a VPC would add NAT or endpoints to pay for and nothing to protect',
  },
  {
    id: 'CKV_AWS_115',
    comment:
      'No reserved concurrency: invocations come only from AWS Config and EventBridge for this account, ' +
      'and reserving concurrency would take it from the account pool and throttle Config evaluations',
  },
  {
    id: 'CKV_AWS_173',
    comment:
      'Environment holds only the alert topic ARN and the rule name prefix, no secret; Lambda encrypts ' +
      'environment variables at rest with an AWS owned key regardless',
  },
  {
    id: 'CKV_AWS_116',
    comment:
      'Failed asynchronous invocations go to an on-failure destination (AWS::Lambda::EventInvokeConfig to the ' +
      'KMS-encrypted FailedInvocations queue, alarmed), which keeps the error with the event; checkov only ' +
      'looks at the older DeadLetterConfig',
  },
];

/**
 * A Lambda function of the suite: nodejs22.x on arm64, its own log group with retention encrypted
 * with the suite key, an on-failure destination for asynchronous invocations, and a role holding
 * exactly the given statements plus log writing, the suite key and keeping failures.
 */
export class SuiteFunction extends Construct {
  readonly function: lambda.Function;
  readonly role: iam.Role;
  readonly policy: iam.Policy;
  readonly logGroup: logs.LogGroup;
  readonly invokeConfig: lambda.EventInvokeConfig;

  constructor(scope: Construct, id: string, props: SuiteFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetentionDays as logs.RetentionDays,
      encryptionKey: props.key,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: props.description,
    });
    this.policy = new iam.Policy(this, 'Policy', {
      statements: [
        new iam.PolicyStatement({
          sid: 'WriteOwnLogs',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [this.logGroup.logGroupArn],
        }),
        ...props.statements,
        new iam.PolicyStatement({
          sid: 'UseSuiteKey',
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [props.key.keyArn],
        }),
        new iam.PolicyStatement({
          sid: 'KeepFailedInvocations',
          actions: ['sqs:SendMessage'],
          resources: [props.failedInvocations.queueArn],
        }),
      ],
    });
    this.policy.attachToRole(this.role);
    this.function = new lambda.Function(this, 'Function', {
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      functionName: props.functionName,
      handler: 'index.handler',
      code: props.code,
      description: props.description.slice(0, 256),
      timeout: Duration.seconds(props.timeoutSeconds),
      memorySize: props.memoryMb,
      logGroup: this.logGroup,
      // A reference, not the role: nothing can widen it later (CustomRule would attach
      // AWSConfigRulesExecutionRole), and the GetAtt alone orders creation.
      role: iam.Role.fromRoleArn(this, 'RoleRef', this.role.roleArn, { mutable: false }),
      environment: props.environment,
    });
    this.function.node.addDependency(this.policy);
    // Not lambda.Function's onFailure: its SqsDestination grants through the role, which the
    // function only holds as an immutable reference; KeepFailedInvocations above grants it instead.
    const queueArn = props.failedInvocations.queueArn;
    this.invokeConfig = new lambda.EventInvokeConfig(this, 'AsyncInvocation', {
      function: this.function,
      qualifier: '$LATEST',
      retryAttempts: props.retryAttempts,
      onFailure: { bind: () => ({ destination: queueArn }) },
    });
    (this.function.node.defaultChild as lambda.CfnFunction).addMetadata('checkov', {
      skip: FUNCTION_CHECKOV_SKIPS.map((s) => ({ ...s })),
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'nodejs22.x is the runtime the bundles target (esbuild node22) and the tests run on; a newer ' +
        'runtime is a deliberate, tested upgrade, not a synth-time default',
    });
  }

  /** Acknowledges a cdk-nag wildcard finding on this function's policy, with its reason. */
  acknowledgeWildcard(resource: string, reason: string): void {
    Validations.of(this.policy).acknowledge({ id: `AwsSolutions-IAM5[Resource::${resource}]`, reason });
  }
}
