import {
  CloudTrailClient,
  CreateTrailCommand,
  PutEventSelectorsCommand,
  StartLoggingCommand,
} from '@aws-sdk/client-cloudtrail';
import { CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  CreateConnectionCommand,
  CreateCrawlerCommand,
  CreateJobCommand,
  CreateSecurityConfigurationCommand,
  GlueClient,
  PutDataCatalogEncryptionSettingsCommand,
} from '@aws-sdk/client-glue';
import { CreatePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateBucketCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import type { AwsContext } from '../functions/runtime/aws';

export interface SampleEstate {
  kmsKeyArn: string;
  goodSecurityConfiguration: string;
}

/**
 * A small Glue estate with the drift a bank's review finds: an unencrypted catalog, a JDBC
 * connection without SSL, jobs with and without a sound security configuration. The
 * connection password is a placeholder the demo proves never leaks.
 */
export async function seedSampleEstate(aws: AwsContext, accountId: string): Promise<SampleEstate> {
  const glue = aws.client(GlueClient);
  const kms = aws.client(KMSClient);
  const key = await kms.send(new CreateKeyCommand({ Description: 'glue-guardrails demo data key' }));
  const kmsKeyArn = key.KeyMetadata?.Arn ?? '';

  // Password encryption on, metadata encryption off: remediation must keep the first.
  await glue.send(
    new PutDataCatalogEncryptionSettingsCommand({
      CatalogId: accountId,
      DataCatalogEncryptionSettings: {
        EncryptionAtRest: { CatalogEncryptionMode: 'DISABLED' },
        ConnectionPasswordEncryption: { ReturnConnectionPasswordEncrypted: true, AwsKmsKeyId: kmsKeyArn },
      },
    }),
  );

  await glue.send(
    new CreateSecurityConfigurationCommand({
      Name: 'ledger-kms',
      EncryptionConfiguration: {
        S3Encryption: [{ S3EncryptionMode: 'SSE-KMS', KmsKeyArn: kmsKeyArn }],
        CloudWatchEncryption: { CloudWatchEncryptionMode: 'SSE-KMS', KmsKeyArn: kmsKeyArn },
        JobBookmarksEncryption: { JobBookmarksEncryptionMode: 'CSE-KMS', KmsKeyArn: kmsKeyArn },
      },
    }),
  );
  await glue.send(
    new CreateSecurityConfigurationCommand({
      Name: 'legacy-sse-s3',
      EncryptionConfiguration: {
        S3Encryption: [{ S3EncryptionMode: 'SSE-S3' }],
        CloudWatchEncryption: { CloudWatchEncryptionMode: 'DISABLED' },
        JobBookmarksEncryption: { JobBookmarksEncryptionMode: 'DISABLED' },
      },
    }),
  );

  const { subnetId, securityGroupId } = await seedNetwork(aws);
  const assets = await seedBuckets(aws, accountId);
  await seedAuditAndIam(aws, accountId, assets);

  const jdbc = (name: string, ssl: boolean | undefined) =>
    glue.send(
      new CreateConnectionCommand({
        CatalogId: accountId,
        ConnectionInput: {
          Name: name,
          ConnectionType: 'JDBC',
          Description: `Demo connection ${name}`,
          ConnectionProperties: {
            JDBC_CONNECTION_URL: `jdbc:postgresql://${name}.cluster-demo.us-east-1.rds.amazonaws.com:5432/ledger`,
            USERNAME: 'etl_reader',
            PASSWORD: 'demo-Placeholder-Secret-42',
            ...(ssl === undefined ? {} : { JDBC_ENFORCE_SSL: String(ssl) }),
          },
          PhysicalConnectionRequirements: {
            SubnetId: subnetId,
            SecurityGroupIdList: [securityGroupId],
            AvailabilityZone: 'us-east-1a',
          },
        },
      }),
    );
  await jdbc('ledger-postgres', true);
  await jdbc('cards-warehouse', undefined);

  const job = (name: string, securityConfiguration?: string, extra: Record<string, unknown> = {}) =>
    glue.send(
      new CreateJobCommand({
        Name: name,
        Role: `arn:aws:iam::${accountId}:role/GlueEtl`,
        Command: { Name: 'glueetl', ScriptLocation: `s3://${assets}/scripts/${name}.py` },
        GlueVersion: '4.0',
        WorkerType: 'G.1X',
        NumberOfWorkers: 2,
        DefaultArguments: { '--enable-continuous-cloudwatch-log': 'true', '--job-language': 'python' },
        ...(securityConfiguration ? { SecurityConfiguration: securityConfiguration } : {}),
        Tags: { owner: 'payments-data' },
        ...extra,
      }),
    );
  await job('nightly-ledger-etl', 'ledger-kms');
  await job('cards-settlement-etl', 'legacy-sse-s3');
  // An analyst's copy of an old job: Glue 2.0, no security configuration, a database password
  // pasted into its arguments (the scan names the argument, never its value).
  await job('adhoc-analyst-export', undefined, {
    GlueVersion: '2.0',
    DefaultArguments: { '--job-language': 'python', '--db_password': 'demo-Placeholder-Secret-42' },
  });
  await glue.send(
    new CreateCrawlerCommand({
      Name: 'raw-ledger-crawler',
      Role: `arn:aws:iam::${accountId}:role/GlueCrawler`,
      DatabaseName: 'raw_ledger',
      Targets: { S3Targets: [{ Path: `s3://${assets}/raw/ledger/` }] },
    }),
  );
  return { kmsKeyArn, goodSecurityConfiguration: 'ledger-kms' };
}

/** A VPC and subnet for the JDBC connections (no Glue interface endpoint: that is drift). */
async function seedNetwork(aws: AwsContext): Promise<{ subnetId: string; securityGroupId: string }> {
  const ec2 = aws.client(EC2Client);
  const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.42.0.0/16' }));
  const vpcId = vpc.Vpc?.VpcId ?? '';
  const subnet = await ec2.send(
    new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.42.1.0/24', AvailabilityZone: 'us-east-1a' }),
  );
  return { subnetId: subnet.Subnet?.SubnetId ?? '', securityGroupId: 'sg-0a1b2c3d4e5f60718' };
}

/** The jobs' asset bucket, with a policy that denies requests without TLS. */
async function seedBuckets(aws: AwsContext, accountId: string): Promise<string> {
  const s3 = aws.client(S3Client);
  const bucket = `demo-glue-assets-${accountId}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await s3.send(
    new PutBucketPolicyCommand({
      Bucket: bucket,
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      }),
    }),
  );
  return bucket;
}

/** A multi-region trail that logs, and one over-broad customer managed policy. */
async function seedAuditAndIam(aws: AwsContext, accountId: string, bucket: string): Promise<void> {
  const trail = aws.client(CloudTrailClient);
  await trail.send(
    new CreateTrailCommand({ Name: 'org-audit', S3BucketName: bucket, IsMultiRegionTrail: true }),
  );
  // AWS configures a new trail with this default selector (PutEventSelectors API reference); moto
  // stores none, which the audit-trail rule rightly reads as logging nothing. Store it explicitly.
  await trail.send(
    new PutEventSelectorsCommand({
      TrailName: 'org-audit',
      EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }],
    }),
  );
  await trail.send(new StartLoggingCommand({ Name: 'org-audit' }));
  await aws.client(IAMClient).send(
    new CreatePolicyCommand({
      PolicyName: 'DataTeamGlueFullAccess',
      Description: `Granted to the data team in ${accountId}`,
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Sid: 'EverythingGlue', Effect: 'Allow', Action: 'glue:*', Resource: '*' }],
      }),
    }),
  );
}
