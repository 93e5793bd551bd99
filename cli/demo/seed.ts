import {
  CreateConnectionCommand,
  CreateJobCommand,
  CreateSecurityConfigurationCommand,
  GlueClient,
  PutDataCatalogEncryptionSettingsCommand,
} from '@aws-sdk/client-glue';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import type { AwsContext } from '../../functions/runtime/aws';

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
            SubnetId: 'subnet-0a1b2c3d',
            SecurityGroupIdList: ['sg-0a1b2c3d'],
            AvailabilityZone: 'us-east-1a',
          },
        },
      }),
    );
  await jdbc('ledger-postgres', true);
  await jdbc('cards-warehouse', undefined);

  const job = (name: string, securityConfiguration?: string) =>
    glue.send(
      new CreateJobCommand({
        Name: name,
        Role: `arn:aws:iam::${accountId}:role/GlueEtl`,
        Command: { Name: 'glueetl', ScriptLocation: `s3://demo-glue-assets-${accountId}/scripts/${name}.py` },
        GlueVersion: '4.0',
        WorkerType: 'G.1X',
        NumberOfWorkers: 2,
        DefaultArguments: { '--enable-continuous-cloudwatch-log': 'true', '--job-language': 'python' },
        ...(securityConfiguration ? { SecurityConfiguration: securityConfiguration } : {}),
        Tags: { owner: 'payments-data' },
      }),
    );
  await job('nightly-ledger-etl', 'ledger-kms');
  await job('cards-settlement-etl', 'legacy-sse-s3');
  await job('adhoc-analyst-export');
  return { kmsKeyArn, goodSecurityConfiguration: 'ledger-kms' };
}
