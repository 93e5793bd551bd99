import { Logger } from '@aws-lambda-powertools/logger';
import {
  CloudTrailClient,
  CreateTrailCommand,
  PutEventSelectorsCommand,
  StartLoggingCommand,
  StopLoggingCommand,
} from '@aws-sdk/client-cloudtrail';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { mintResultToken, readStoredEvaluations } from '../../../emulator/config-service';
import { rule } from '../../../functions/rules/glue-audit-trail-enabled';
import { createAwsContext } from '../../../functions/runtime/aws';
import { toHandler } from '../../../functions/runtime/handler';
import { useEmulator } from '../../emulator/context';
import { emulatorAws } from '../../support/aws';
import { recordCalls } from '../../support/call-recorder';
import { scheduledEvent } from '../../support/config-events';

const emulator = useEmulator();
const logger = new Logger({ logLevel: 'SILENT' });

describe('Rule: glue-audit-trail-enabled on the emulator', () => {
  it('passes a logging multi-region trail and fails once it stops logging', async () => {
    // Prepare
    const s3 = new S3Client(emulator.clientConfig);
    const cloudtrail = new CloudTrailClient(emulator.clientConfig);
    await s3.send(new CreateBucketCommand({ Bucket: 'org-audit-logs' }));
    await cloudtrail.send(new CreateTrailCommand({ Name: 'regional', S3BucketName: 'org-audit-logs' }));
    await cloudtrail.send(
      new CreateTrailCommand({ Name: 'org-audit', S3BucketName: 'org-audit-logs', IsMultiRegionTrail: true }),
    );
    await cloudtrail.send(new StartLoggingCommand({ Name: 'regional' }));
    await cloudtrail.send(new StartLoggingCommand({ Name: 'org-audit' }));
    await cloudtrail.send(
      new PutEventSelectorsCommand({
        TrailName: 'org-audit',
        AdvancedEventSelectors: [
          { Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
        ],
      }),
    );
    const aws = emulatorAws(emulator);
    const calls = recordCalls(aws, CloudTrailClient);
    const handler = toHandler(rule, { aws, logger });
    const event = () => scheduledEvent({ configRuleName: rule.id, resultToken: mintResultToken(rule.id) });

    // Act
    const before = await handler(event());
    await cloudtrail.send(new StopLoggingCommand({ Name: 'org-audit' }));
    await handler(event());

    // Assess
    expect(before.run.verdicts[0]?.verdict).toEqual({
      compliance: 'COMPLIANT',
      annotation: 'Trail org-audit is multi-region and logging read and write management events',
    });
    expect(await readStoredEvaluations(emulator.endpoint, rule.id)).toMatchObject([
      {
        ComplianceResourceType: 'AWS::::Account',
        ComplianceResourceId: '123456789012',
        ComplianceType: 'NON_COMPLIANT',
        Annotation: 'No multi-region trail logs all management events: org-audit (not logging)',
      },
    ]);
    expect(calls.map((c) => c.command)).toEqual([
      'DescribeTrailsCommand',
      'GetTrailStatusCommand',
      'GetEventSelectorsCommand',
      'DescribeTrailsCommand',
      'GetTrailStatusCommand',
      'GetEventSelectorsCommand',
    ]);
    expect(calls[0]?.input).toEqual({ includeShadowTrails: true });
  });

  it('passes a trail that carries the default selector AWS stores for a trail created without one', async () => {
    // Prepare
    const s3 = new S3Client(emulator.clientConfig);
    const cloudtrail = new CloudTrailClient(emulator.clientConfig);
    await s3.send(new CreateBucketCommand({ Bucket: 'org-audit-logs' }));
    await cloudtrail.send(
      new CreateTrailCommand({ Name: 'org-audit', S3BucketName: 'org-audit-logs', IsMultiRegionTrail: true }),
    );
    await cloudtrail.send(new StartLoggingCommand({ Name: 'org-audit' }));
    const handler = toHandler(rule, { aws: emulatorAws(emulator), logger });
    const event = () => scheduledEvent({ configRuleName: rule.id, resultToken: mintResultToken(rule.id) });
    // Emulator gap: moto's GetEventSelectors returns no selectors for a trail created without any,
    // where AWS returns the default selector it configured (PutEventSelectors API reference), so
    // the rule rightly reads the bare moto trail as logging nothing. Store that default explicitly.
    const bare = await handler(event());
    await cloudtrail.send(
      new PutEventSelectorsCommand({
        TrailName: 'org-audit',
        EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }],
      }),
    );

    // Act
    const seeded = await handler(event());

    // Assess
    expect(bare.run.verdicts[0]?.verdict).toMatchObject({
      compliance: 'NON_COMPLIANT',
      offenders: ['org-audit (no event selectors)'],
    });
    expect(seeded.run.verdicts[0]?.verdict).toEqual({
      compliance: 'COMPLIANT',
      annotation: 'Trail org-audit is multi-region and logging read and write management events',
    });
  });

  it('judges a multi-region trail whose home is another region: scanned from eu-west-1, created in us-east-1', async () => {
    // Prepare: the trail and its selectors live in us-east-1 (its home region)
    await new S3Client(emulator.clientConfig).send(new CreateBucketCommand({ Bucket: 'org-audit-logs' }));
    const home = new CloudTrailClient(emulator.clientConfig);
    await home.send(
      new CreateTrailCommand({ Name: 'org-audit', S3BucketName: 'org-audit-logs', IsMultiRegionTrail: true }),
    );
    await home.send(new StartLoggingCommand({ Name: 'org-audit' }));
    await home.send(
      new PutEventSelectorsCommand({
        TrailName: 'org-audit',
        EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }],
      }),
    );
    // The rule's Lambda (or `scan --regions eu-west-1`) runs in eu-west-1
    const { credentials } = emulator.clientConfig;
    const aws = createAwsContext({
      region: 'eu-west-1',
      endpoint: emulator.endpoint,
      credentials,
      maxAttempts: 2,
    });
    const calls = recordCalls(aws, CloudTrailClient);
    const handler = toHandler(rule, { aws, logger });
    const event = () => scheduledEvent({ configRuleName: rule.id, resultToken: mintResultToken(rule.id) });

    // Act
    const logging = await handler(event());
    await home.send(new StopLoggingCommand({ Name: 'org-audit' }));
    const stopped = await handler(event());

    // Assess: the verdicts of the trail's real state, never an ERROR
    expect(logging.run.failures).toEqual([]);
    expect(logging.run.verdicts[0]?.verdict).toEqual({
      compliance: 'COMPLIANT',
      annotation: 'Trail org-audit is multi-region and logging read and write management events',
    });
    expect(stopped.run.verdicts[0]?.verdict).toMatchObject({
      compliance: 'NON_COMPLIANT',
      offenders: ['org-audit (not logging)'],
    });
    // Asked by ARN: the shadow trail's status in eu-west-1; its selectors where eu-west-1 does not hold them
    const trailArn = 'arn:aws:cloudtrail:us-east-1:123456789012:trail/org-audit';
    expect(calls.slice(0, 3)).toEqual([
      { client: 'CloudTrailClient', command: 'DescribeTrailsCommand', input: { includeShadowTrails: true } },
      { client: 'CloudTrailClient', command: 'GetTrailStatusCommand', input: { Name: trailArn } },
      { client: 'CloudTrailClient', command: 'GetEventSelectorsCommand', input: { TrailName: trailArn } },
    ]);
  });
});
