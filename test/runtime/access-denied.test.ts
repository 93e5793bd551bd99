import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getBucketPolicy } from '../../functions/lookups/s3';
import { publishAlert } from '../../functions/runtime/alerts';
import { type AwsContext, createAwsContext } from '../../functions/runtime/aws';
import { putEvaluations, storedResults } from '../../functions/runtime/config-service';
import { MissingPermissionError } from '../../functions/runtime/errors';
import { bindLookups } from '../../functions/runtime/lookup';
import { Compliance } from '../../functions/runtime/types';

/**
 * The access-denied answers of AWS Config (JSON protocol), SNS (query protocol) and S3 (REST XML),
 * as the services send them, parsed by the real SDK clients: each must become the error (or, for a
 * bucket policy, the answer) that names what the role lacks. A loopback server plays the service.
 */
type Answer = { status: number; contentType: string; body: string };

const configError = (code: string, message: string): Answer => ({
  status: 400,
  contentType: 'application/x-amz-json-1.1',
  body: JSON.stringify({ __type: code, message }),
});
const snsError = (code: string, message: string): Answer => ({
  status: 403,
  contentType: 'text/xml',
  body: `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`,
});
const s3Error = (status: number, code: string, message: string): Answer => ({
  status,
  contentType: 'application/xml',
  body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>r-1</RequestId></Error>`,
});

let server: Server;
let answer: Answer;
const seen: string[] = [];
let aws: AwsContext;

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      seen.push(`${req.method} ${req.headers['x-amz-target'] ?? req.url}`);
      res.writeHead(answer.status, { 'content-type': answer.contentType, 'x-amzn-requestid': 'r-1' });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  aws = createAwsContext({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${port}`,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    maxAttempts: 1,
  });
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  seen.length = 0;
});

const evaluation = {
  ComplianceResourceType: 'AWS::Glue::Job',
  ComplianceResourceId: 'etl',
  ComplianceType: Compliance.COMPLIANT,
  OrderingTimestamp: new Date('2026-01-01T00:00:00Z'),
};

describe('access denied by AWS Config', () => {
  it('PutEvaluations refused: names config:PutEvaluations and keeps the cause', async () => {
    // Prepare
    answer = configError('AccessDeniedException', 'User is not authorized to perform config:PutEvaluations');
    // Act
    const error = await putEvaluations(aws, [evaluation], 'token-1').catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(MissingPermissionError);
    expect((error as MissingPermissionError).actions).toEqual(['config:PutEvaluations']);
    expect((error as Error).message).toBe(
      "Access denied: the rule's role is missing config:PutEvaluations (User is not authorized to perform config:PutEvaluations)",
    );
    expect(((error as Error).cause as Error).name).toBe('AccessDeniedException');
    expect(seen).toEqual(['POST StarlingDoveService.PutEvaluations']);
  });

  it('GetComplianceDetailsByConfigRule refused: names that action', async () => {
    // Prepare
    answer = configError('AccessDeniedException', 'not authorized');
    // Act
    const error = await storedResults(aws, 'glue-job-encrypted').catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(MissingPermissionError);
    expect((error as MissingPermissionError).actions).toEqual(['config:GetComplianceDetailsByConfigRule']);
    expect(seen).toEqual(['POST StarlingDoveService.GetComplianceDetailsByConfigRule']);
  });

  it('another Config error passes through as it is, not as a missing permission', async () => {
    // Prepare
    answer = configError('NoSuchConfigRuleException', 'The rule glue-job-encrypted does not exist');
    // Act
    const [put, stored] = await Promise.all([
      putEvaluations(aws, [evaluation], 'token-1').catch((e: unknown) => e),
      storedResults(aws, 'glue-job-encrypted').catch((e: unknown) => e),
    ]);
    // Assess
    for (const error of [put, stored]) {
      expect(error).not.toBeInstanceOf(MissingPermissionError);
      expect((error as Error).name).toBe('NoSuchConfigRuleException');
      expect((error as Error).message).toBe('The rule glue-job-encrypted does not exist');
    }
  });
});

describe('access denied by SNS', () => {
  const alert = { subject: 'Glue guardrails: 1 offender', message: 'etl', attributes: { rule: 'r' } };
  const topic = 'arn:aws:sns:us-east-1:123456789012:glue-guardrails-alerts';

  it('Publish refused (AuthorizationError): names sns:Publish', async () => {
    // Prepare
    answer = snsError('AuthorizationError', 'User is not authorized to perform: SNS:Publish');
    // Act
    const error = await publishAlert(aws, topic, alert).catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(MissingPermissionError);
    expect((error as MissingPermissionError).actions).toEqual(['sns:Publish']);
    expect((error as Error).message).toBe(
      "Access denied: the rule's role is missing sns:Publish (User is not authorized to perform: SNS:Publish)",
    );
    expect(seen).toEqual(['POST /']);
  });

  it('a topic that does not exist is not reported as a missing permission', async () => {
    // Prepare
    answer = { ...snsError('NotFound', 'Topic does not exist'), status: 404 };
    // Act
    const error = await publishAlert(aws, topic, alert).catch((e: unknown) => e);
    // Assess
    expect(error).not.toBeInstanceOf(MissingPermissionError);
    expect((error as Error).name).toBe('NotFoundException');
  });
});

describe('access denied by S3 (GetBucketPolicy)', () => {
  const read = (bucket: string) => bindLookups({ getBucketPolicy }, aws).getBucketPolicy(bucket);

  it.each([
    ['AccessDenied', 403, { status: 'unreadable', reason: 'AccessDenied' }],
    ['AllAccessDisabled', 403, { status: 'unreadable', reason: 'AllAccessDisabled' }],
    ['NoSuchBucketPolicy', 404, { status: 'no-policy' }],
    ['NoSuchBucket', 404, { status: 'no-bucket' }],
  ] as const)('%s (HTTP %i) is the answer %j, not an error', async (code, status, expected) => {
    // Prepare
    answer = s3Error(status, code, 'denied');
    // Act
    const got = await read('data-bucket');
    // Assess
    expect(got).toEqual(expected);
    expect(seen).toEqual(['GET /data-bucket/?policy=']);
  });

  it('any other S3 error fails the lookup', async () => {
    // Prepare
    answer = s3Error(400, 'InvalidRequest', 'bad');
    // Act / Assess
    await expect(read('data-bucket')).rejects.toMatchObject({ name: 'InvalidRequest' });
  });
});
