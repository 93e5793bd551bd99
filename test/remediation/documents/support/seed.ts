import {
  type Connection,
  type ConnectionInput,
  CreateConnectionCommand,
  CreateJobCommand,
  type CreateJobCommandInput,
  CreateSecurityConfigurationCommand,
  GetConnectionCommand,
  GetJobCommand,
  GlueClient,
  type Job,
} from '@aws-sdk/client-glue';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import type { EmulatorHandle } from '../../../emulator/context';

/** A password no test output may ever contain. */
export const SECRET_PASSWORD = 'S3cr3t-Pa55w0rd-do-not-leak';

export function glue(emulator: EmulatorHandle): GlueClient {
  return new GlueClient(emulator.clientConfig);
}

/** A customer managed KMS key; returns its ARN. */
export async function createKey(emulator: EmulatorHandle): Promise<string> {
  const out = await new KMSClient(emulator.clientConfig).send(
    new CreateKeyCommand({ Description: 'test key' }),
  );
  return out.KeyMetadata!.Arn!;
}

/** A JDBC connection with a password, VPC placement and match criteria (no JDBC_ENFORCE_SSL). */
export function jdbcInput(name: string, extra: Record<string, string> = {}): ConnectionInput {
  return {
    Name: name,
    Description: `warehouse ${name}`,
    ConnectionType: 'JDBC',
    MatchCriteria: ['warehouse', name],
    ConnectionProperties: {
      JDBC_CONNECTION_URL: `jdbc:postgresql://db.internal:5432/${name}`,
      USERNAME: 'etl_user',
      PASSWORD: SECRET_PASSWORD,
      ...extra,
    },
    PhysicalConnectionRequirements: {
      SubnetId: 'subnet-0abc1234',
      SecurityGroupIdList: ['sg-0abc1234'],
      AvailabilityZone: 'us-east-1a',
    },
  };
}

export async function createConnection(emulator: EmulatorHandle, input: ConnectionInput): Promise<void> {
  await glue(emulator).send(new CreateConnectionCommand({ ConnectionInput: input }));
}

/** The connection as stored, password included (only for comparisons inside tests). */
export async function readConnection(emulator: EmulatorHandle, name: string): Promise<Connection> {
  const out = await glue(emulator).send(new GetConnectionCommand({ Name: name, HidePassword: false }));
  return out.Connection!;
}

/** A Glue 4.0 Spark job sized by workers, with arguments, tags and a connection. */
export function sparkJob(name: string, overrides: Partial<CreateJobCommandInput> = {}): CreateJobCommand {
  return new CreateJobCommand({
    Name: name,
    Description: 'nightly load',
    Role: 'arn:aws:iam::123456789012:role/GlueJobRole',
    Command: { Name: 'glueetl', ScriptLocation: 's3://scripts/load.py', PythonVersion: '3' },
    DefaultArguments: { '--job-language': 'python', '--TempDir': 's3://tmp/glue/' },
    NonOverridableArguments: { '--enable-metrics': 'true' },
    Connections: { Connections: ['warehouse'] },
    ExecutionProperty: { MaxConcurrentRuns: 2 },
    MaxRetries: 1,
    Timeout: 120,
    GlueVersion: '4.0',
    WorkerType: 'G.1X',
    NumberOfWorkers: 5,
    NotificationProperty: { NotifyDelayAfter: 10 },
    ExecutionClass: 'STANDARD',
    Tags: { team: 'data' },
    ...overrides,
  });
}

export async function createJob(emulator: EmulatorHandle, command: CreateJobCommand): Promise<void> {
  await glue(emulator).send(command);
}

export async function readJob(emulator: EmulatorHandle, name: string): Promise<Job> {
  return (await glue(emulator).send(new GetJobCommand({ JobName: name }))).Job!;
}

/** A security configuration encrypting S3 (SSE-KMS), logs and bookmarks with one key. */
export async function createSecurityConfiguration(
  emulator: EmulatorHandle,
  name: string,
  keyArn: string,
  s3Mode: 'SSE-KMS' | 'SSE-S3' | 'DISABLED' = 'SSE-KMS',
): Promise<void> {
  await glue(emulator).send(
    new CreateSecurityConfigurationCommand({
      Name: name,
      EncryptionConfiguration: {
        S3Encryption: [
          s3Mode === 'SSE-KMS'
            ? { S3EncryptionMode: s3Mode, KmsKeyArn: keyArn }
            : { S3EncryptionMode: s3Mode },
        ],
        CloudWatchEncryption: { CloudWatchEncryptionMode: 'SSE-KMS', KmsKeyArn: keyArn },
        JobBookmarksEncryption: { JobBookmarksEncryptionMode: 'CSE-KMS', KmsKeyArn: keyArn },
      },
    }),
  );
}

/** A copy without the fields a legitimate update changes (timestamps and the remediated ones). */
export function without<T extends object>(value: T, ...fields: string[]): Partial<T> {
  const copy = { ...value } as Record<string, unknown>;
  for (const field of fields) delete copy[field];
  return copy as Partial<T>;
}
