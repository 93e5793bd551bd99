import { IAMClient } from '@aws-sdk/client-iam';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isNotFound } from '../../functions/lookups/errors';
import {
  IamResponseError,
  listCustomerManagedPolicies,
  policyFromConfigurationItem,
} from '../../functions/lookups/iam';
import { getBucketPolicy, RegionRedirectingS3Client } from '../../functions/lookups/s3';
import { resourceIdOfArn } from '../../functions/lookups/tags';
import type { ConfigurationItem } from '../../functions/runtime/types';
import { stubSend, testAws } from '../support/stub-send';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('isNotFound', () => {
  it('is false for values that are not error objects', () => {
    expect(isNotFound(null)).toBe(false);
    expect(isNotFound(undefined)).toBe(false);
    expect(isNotFound('NoSuchBucket')).toBe(false);
    // A function named like a code is still not an error object.
    expect(isNotFound(function NoSuchBucket() {})).toBe(false);
  });

  it('reads the code from name or from Code', () => {
    expect(isNotFound({ name: 'EntityNotFoundException' })).toBe(true);
    expect(isNotFound({ Code: 'NoSuchEntity' })).toBe(true);
    expect(isNotFound({ name: 'ThrottlingException', Code: 'Throttling' })).toBe(false);
    expect(isNotFound({})).toBe(false);
  });
});

describe('listCustomerManagedPolicies: the API shape', () => {
  const page = (policies: object[]) => () => ({ Policies: policies, IsTruncated: false });

  it('maps a complete policy to its default version document', async () => {
    stubSend(
      IAMClient,
      page([
        {
          PolicyId: 'ANPA1',
          PolicyName: 'etl-read',
          Arn: 'arn:aws:iam::123456789012:policy/team/other-name',
          PolicyVersionList: [
            { VersionId: 'v1', IsDefaultVersion: false, Document: 'old' },
            { VersionId: 'v2', IsDefaultVersion: true, Document: 'current' },
          ],
        },
      ]),
    );
    await expect(listCustomerManagedPolicies(testAws())).resolves.toEqual([
      {
        policyId: 'ANPA1',
        policyName: 'etl-read',
        arn: 'arn:aws:iam::123456789012:policy/team/other-name',
        document: 'current',
      },
    ]);
  });

  it('falls back to the last ARN segment, then to the id; no ARN is an empty string', async () => {
    stubSend(
      IAMClient,
      page([
        { PolicyId: 'ANPA2', Arn: 'arn:aws:iam::123456789012:policy/team/etl-write' },
        { PolicyId: 'ANPA3', PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: false }] },
      ]),
    );
    await expect(listCustomerManagedPolicies(testAws())).resolves.toEqual([
      {
        policyId: 'ANPA2',
        policyName: 'etl-write',
        arn: 'arn:aws:iam::123456789012:policy/team/etl-write',
        document: undefined,
      },
      { policyId: 'ANPA3', policyName: 'ANPA3', arn: '', document: undefined },
    ]);
  });

  it('rejects a policy without PolicyId, naming its ARN or "a policy"', async () => {
    stubSend(IAMClient, page([{ Arn: 'arn:aws:iam::123456789012:policy/x' }]));
    const withArn = listCustomerManagedPolicies(testAws());
    await expect(withArn).rejects.toBeInstanceOf(IamResponseError);
    await expect(withArn).rejects.toThrow(
      'GetAccountAuthorizationDetails returned arn:aws:iam::123456789012:policy/x without PolicyId',
    );
    vi.restoreAllMocks();
    stubSend(IAMClient, page([{ PolicyName: 'x' }]));
    const error = await listCustomerManagedPolicies(testAws()).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'GetAccountAuthorizationDetails returned a policy without PolicyId',
    );
    expect((error as Error).name).toBe('IamResponseError');
  });
});

describe('policyFromConfigurationItem', () => {
  const item = (configuration: unknown, extra: Partial<ConfigurationItem> = {}): ConfigurationItem => ({
    configurationItemStatus: 'OK',
    resourceType: 'AWS::IAM::Policy',
    resourceId: 'ANPAITEM',
    configurationItemCaptureTime: '2026-01-01T00:00:00.000Z',
    configuration,
    ...extra,
  });
  const docOf = (document: unknown) =>
    policyFromConfigurationItem(item({ policyVersionList: [{ isDefaultVersion: true, document }] }))
      .configuration.document;

  it('prefers the configuration fields over the item fields', () => {
    const r = policyFromConfigurationItem(
      item(
        { policyId: 'ANPACONF', policyName: 'conf-name', arn: 'arn:conf' },
        { resourceName: 'item-name', ARN: 'arn:item', tags: { team: 'data' } },
      ),
    );
    expect(r).toEqual({
      resourceType: 'AWS::IAM::Policy',
      resourceId: 'ANPAITEM',
      configuration: { policyId: 'ANPACONF', policyName: 'conf-name', arn: 'arn:conf', document: undefined },
      tags: { team: 'data' },
    });
  });

  it('falls back to the item fields, then to the id and an empty ARN', () => {
    expect(policyFromConfigurationItem(item({}, { resourceName: 'item-name', ARN: 'arn:item' }))).toEqual({
      resourceType: 'AWS::IAM::Policy',
      resourceId: 'ANPAITEM',
      configuration: { policyId: 'ANPAITEM', policyName: 'item-name', arn: 'arn:item', document: undefined },
      tags: {},
    });
    expect(policyFromConfigurationItem(item(undefined)).configuration).toEqual({
      policyId: 'ANPAITEM',
      policyName: 'ANPAITEM',
      arn: '',
      document: undefined,
    });
  });

  it('has no document when no version is the default', () => {
    const r = policyFromConfigurationItem(
      item({ policyVersionList: [{ isDefaultVersion: false, document: 'x' }] }),
    );
    expect(r.configuration.document).toBeUndefined();
  });

  it('keeps a string or object document, unwraps an array, and drops anything else', () => {
    expect(docOf('%7B%7D')).toBe('%7B%7D');
    expect(docOf({ Version: '2012-10-17' })).toEqual({ Version: '2012-10-17' });
    expect(docOf(['%7B%7D'])).toBe('%7B%7D');
    expect(docOf(5)).toBeUndefined();
    expect(docOf(true)).toBeUndefined();
    expect(docOf(null)).toBeUndefined();
  });
});

describe('getBucketPolicy', () => {
  const answer = (respond: () => unknown) => {
    vi.restoreAllMocks();
    return stubSend(RegionRedirectingS3Client, respond);
  };

  it('follows region redirects', () => {
    const client = new RegionRedirectingS3Client({ region: 'us-east-1' });
    expect((client.config as { followRegionRedirects?: boolean }).followRegionRedirects).toBe(true);
  });

  it('answers the policy, or no-policy for an answer without one', async () => {
    answer(() => ({ Policy: '{"Statement":[]}' }));
    await expect(getBucketPolicy(testAws(), 'b')).resolves.toEqual({
      status: 'policy',
      policy: '{"Statement":[]}',
    });
    answer(() => ({}));
    await expect(getBucketPolicy(testAws(), 'b')).resolves.toEqual({ status: 'no-policy' });
  });

  it('reads the error code from Code when the error has no name', async () => {
    answer(() => {
      throw { Code: 'NoSuchBucket' };
    });
    await expect(getBucketPolicy(testAws(), 'b')).resolves.toEqual({ status: 'no-bucket' });
  });

  it('answers unreadable for Forbidden and for an access-denied code without a name', async () => {
    answer(() => {
      throw { name: 'Forbidden' };
    });
    await expect(getBucketPolicy(testAws(), 'b')).resolves.toEqual({
      status: 'unreadable',
      reason: 'Forbidden',
    });
    answer(() => {
      throw { code: 'AccessDenied' };
    });
    await expect(getBucketPolicy(testAws(), 'b')).resolves.toEqual({
      status: 'unreadable',
      reason: 'AccessDenied',
    });
  });

  it('passes a null rejection through unchanged', async () => {
    answer(() => {
      throw null;
    });
    await expect(getBucketPolicy(testAws(), 'b')).rejects.toBeNull();
  });
});

describe('resourceIdOfArn', () => {
  it('keeps colons of the resource part and drops only the type before the first slash', () => {
    expect(resourceIdOfArn('arn:aws:glue:us-east-1:123456789012:job/nightly/v2')).toBe('nightly/v2');
    expect(resourceIdOfArn('arn:aws:glue:us-east-1:123456789012:connection:a:b')).toBe('connection:a:b');
    expect(resourceIdOfArn('arn:aws:s3:::/leading')).toBe('leading');
  });
});
