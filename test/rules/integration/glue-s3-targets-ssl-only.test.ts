import { Logger } from '@aws-lambda-powertools/logger';
import { CreateCrawlerCommand, CreateJobCommand, GlueClient } from '@aws-sdk/client-glue';
import { CreateBucketCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { mintResultToken, readStoredEvaluations } from '../../../emulator/config-service';
import { RegionRedirectingS3Client } from '../../../functions/lookups/s3';
import { rule } from '../../../functions/rules/glue-s3-targets-ssl-only';
import { toHandler } from '../../../functions/runtime/handler';
import { useEmulator } from '../../emulator/context';
import { emulatorAws } from '../../support/aws';
import { recordCalls } from '../../support/call-recorder';
import { scheduledEvent } from '../../support/config-events';

const emulator = useEmulator();
const logger = new Logger({ logLevel: 'SILENT' });
const ROLE = 'arn:aws:iam::123456789012:role/GlueEtl';

const sslOnlyPolicy = (bucket: string) =>
  JSON.stringify({
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
  });

describe('Rule: glue-s3-targets-ssl-only on the emulator', () => {
  it('names buckets without a TLS-only policy, reading each distinct bucket once', async () => {
    // Prepare
    const s3 = new S3Client(emulator.clientConfig);
    const glue = new GlueClient(emulator.clientConfig);
    for (const bucket of ['etl-scripts', 'etl-temp', 'raw-landing']) {
      await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    }
    await s3.send(
      new PutBucketPolicyCommand({ Bucket: 'etl-scripts', Policy: sslOnlyPolicy('etl-scripts') }),
    );
    await s3.send(
      new PutBucketPolicyCommand({ Bucket: 'raw-landing', Policy: sslOnlyPolicy('raw-landing') }),
    );
    for (const name of ['ledger-load', 'cards-load', 'risk-load']) {
      await glue.send(
        new CreateJobCommand({
          Name: name,
          Role: ROLE,
          Command: { Name: 'glueetl', ScriptLocation: `s3://etl-scripts/${name}.py` },
          DefaultArguments: {
            '--TempDir': 's3://etl-temp/tmp/',
            '--extra-py-files': 's3://etl-scripts/lib/common.zip,s3://deleted-libs/x.zip',
          },
        }),
      );
    }
    await glue.send(
      new CreateCrawlerCommand({
        Name: 'raw-crawler',
        Role: ROLE,
        DatabaseName: 'raw',
        Targets: { S3Targets: [{ Path: 's3://raw-landing/in/' }] },
      }),
    );
    const aws = emulatorAws(emulator);
    const calls = recordCalls(aws, RegionRedirectingS3Client);
    // Act
    await toHandler(rule, { aws, logger })(
      scheduledEvent({ configRuleName: rule.id, resultToken: mintResultToken(rule.id) }),
    );
    // Assess
    expect(await readStoredEvaluations(emulator.endpoint, rule.id)).toMatchObject([
      {
        ComplianceResourceType: 'AWS::::Account',
        ComplianceType: 'NON_COMPLIANT',
        Annotation:
          '2 of 4 Glue buckets do not enforce TLS: deleted-libs (bucket does not exist; 3 jobs, 0 crawlers), etl-temp (no bucket policy; 3 jobs, 0 crawlers)',
      },
    ]);
    expect(calls.map((c) => c.input.Bucket).sort()).toEqual([
      'deleted-libs',
      'etl-scripts',
      'etl-temp',
      'raw-landing',
    ]);
  });
});
