import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/**
 * An AWS Config recorder and delivery channel, for accounts that have none (a region holds at
 * most one recorder: deploying this where one exists fails, which is why it is opt-in). Records
 * only the types this suite's change-triggered rules need.
 */
export class ConfigRecorder extends Construct {
  readonly bucket: s3.Bucket;
  readonly recorder: config.CfnConfigurationRecorder;

  constructor(scope: Construct, id: string, props: { resourceTypes: string[] }) {
    super(scope, id);
    const account = Stack.of(this).account;
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const noAccessLogs =
      'written only by the AWS Config service (bucket policy) and read by auditors through Config; ' +
      'access logging would need a further log bucket per account and region for no added control';
    Validations.of(this.bucket).acknowledge({ id: 'AwsSolutions-S1', reason: noAccessLogs });
    (this.bucket.node.defaultChild as s3.CfnBucket).addMetadata('checkov', {
      skip: [{ id: 'CKV_AWS_18', comment: noAccessLogs }],
    });
    const sourceAccount = { StringEquals: { 'aws:SourceAccount': account } };
    const configService = new iam.ServicePrincipal('config.amazonaws.com');
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AWSConfigBucketPermissionsCheck',
        principals: [configService],
        actions: ['s3:GetBucketAcl', 's3:ListBucket'],
        resources: [this.bucket.bucketArn],
        conditions: sourceAccount,
      }),
    );
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AWSConfigBucketDelivery',
        principals: [configService],
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects(`AWSLogs/${account}/Config/*`)],
        conditions: sourceAccount,
      }),
    );
    const role = new iam.Role(this, 'Role', {
      assumedBy: configService,
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWS_ConfigRole')],
      description: 'glue-guardrails: AWS Config recorder',
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWS_ConfigRole]',
      reason:
        'AWS_ConfigRole is the AWS-maintained recorder policy; it follows every resource type Config ' +
        'can record, which a hand-written copy would not',
    });
    this.recorder = new config.CfnConfigurationRecorder(this, 'Recorder', {
      roleArn: role.roleArn,
      recordingGroup: {
        allSupported: false,
        includeGlobalResourceTypes: false,
        resourceTypes: props.resourceTypes,
      },
    });
    const channel = new config.CfnDeliveryChannel(this, 'DeliveryChannel', {
      s3BucketName: this.bucket.bucketName,
      configSnapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' },
    });
    const bucketPolicy = this.bucket.policy;
    if (bucketPolicy) channel.node.addDependency(bucketPolicy);
  }
}
