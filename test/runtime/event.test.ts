import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { LakeFormationClient } from '@aws-sdk/client-lakeformation';
import { describe, expect, it } from 'vitest';
import { getDataLakeSettings } from '../../functions/lookups/lakeformation';
import { createAwsContext } from '../../functions/runtime/aws';
import { MissingPermissionError } from '../../functions/runtime/errors';
import { fetchOversizedItem, toNotificationItem } from '../../functions/runtime/event';

/** A context whose client of this class answers every command with `answer`. */
function contextAnswering(ctor: new (c: never) => unknown, answer: () => Promise<unknown>) {
  const aws = createAwsContext({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9' });
  Object.assign(aws.client(ctor as never) as object, { send: answer });
  return aws;
}

describe('Oversized configuration items', () => {
  it('maps a GetResourceConfigHistory item onto the change-notification field names', () => {
    // Act
    const item = toNotificationItem({
      version: '1.3',
      accountId: '123456789012',
      configurationItemCaptureTime: new Date('2026-11-20T09:15:42.318Z'),
      configurationItemStatus: 'OK',
      configurationItemMD5Hash: 'abc',
      arn: 'arn:aws:glue:us-east-1:123456789012:job/big',
      resourceType: 'AWS::Glue::Job',
      resourceId: 'big',
      relationships: [
        { resourceType: 'AWS::IAM::Role', resourceName: 'r', relationshipName: 'Is associated with' },
      ],
      configuration: '{"Name":"big","Command":{"Name":"glueetl"}}',
      supplementaryConfiguration: { Tags: '{"owner":"data"}' },
    });
    // Assess
    expect(item).toMatchObject({
      configurationItemVersion: '1.3',
      awsAccountId: '123456789012',
      configurationItemCaptureTime: '2026-11-20T09:15:42.318Z',
      configurationStateMd5Hash: 'abc',
      ARN: 'arn:aws:glue:us-east-1:123456789012:job/big',
      relationships: [{ resourceType: 'AWS::IAM::Role', resourceName: 'r', name: 'Is associated with' }],
      configuration: { Name: 'big', Command: { Name: 'glueetl' } },
      supplementaryConfiguration: { Tags: { owner: 'data' } },
    });
  });

  it('names the missing permission when GetResourceConfigHistory is denied', async () => {
    // Prepare
    const denied = Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' });
    const aws = contextAnswering(ConfigServiceClient as never, () => Promise.reject(denied));
    // Act
    const act = fetchOversizedItem(aws, {
      resourceType: 'AWS::Glue::Job',
      resourceId: 'big',
      configurationItemCaptureTime: '2026-11-20T09:15:42.318Z',
    });
    // Assess
    await expect(act).rejects.toBeInstanceOf(MissingPermissionError);
    await expect(act).rejects.toThrow('config:GetResourceConfigHistory');
  });
});

describe('Lookup: getDataLakeSettings', () => {
  it('fails rather than report "nothing granted" when the response has no settings', async () => {
    // Prepare
    const aws = contextAnswering(LakeFormationClient as never, async () => ({}));
    // Act / Assess
    await expect(getDataLakeSettings(aws, '123456789012')).rejects.toThrow('returned no DataLakeSettings');
  });
});
