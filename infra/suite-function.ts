import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
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
  /** Every statement the role gets besides writing its own logs. */
  statements: iam.PolicyStatement[];
}

/**
 * A Lambda function of the suite: nodejs22.x on arm64, its own log group with retention, and a
 * role holding exactly the given statements plus log writing.
 */
export class SuiteFunction extends Construct {
  readonly function: lambda.Function;
  readonly role: iam.Role;
  readonly policy: iam.Policy;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: SuiteFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetentionDays as logs.RetentionDays,
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
