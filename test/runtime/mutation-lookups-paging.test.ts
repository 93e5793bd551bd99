import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { DataBrewClient } from '@aws-sdk/client-databrew';
import { EC2Client } from '@aws-sdk/client-ec2';
import { GlueClient } from '@aws-sdk/client-glue';
import { IAMClient } from '@aws-sdk/client-iam';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { SSMClient } from '@aws-sdk/client-ssm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getTrailSelectors, listTrails } from '../../functions/lookups/cloudtrail';
import { listDataBrewJobs } from '../../functions/lookups/databrew';
import {
  describeSubnetVpcs,
  glueEndpointServiceNames,
  listGlueVpcEndpoints,
} from '../../functions/lookups/ec2';
import { readExemptionParameters } from '../../functions/lookups/exemptions';
import {
  getCatalogEncryption,
  getCatalogResourcePolicy,
  listConnections,
  listCrawlers,
  listDevEndpoints,
  listJobs,
  listMLTransforms,
  listSecurityConfigurations,
} from '../../functions/lookups/glue';
import { listCustomerManagedPolicies } from '../../functions/lookups/iam';
import { listTagsByResourceType } from '../../functions/lookups/tags';
import { stubSend, testAws } from '../support/stub-send';

afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * Every paged lookup goes through distinctPages with its operation's name: an endpoint that
 * answers the same next-page token forever is stopped, and the error names the operation.
 */
describe('paged lookups name their operation when a listing repeats a token', () => {
  const cases: Array<{ op: string; ctor: { prototype: object }; run: () => Promise<unknown>; page: object }> =
    [
      {
        op: 'databrew:ListJobs',
        ctor: DataBrewClient,
        run: () => listDataBrewJobs(testAws()),
        page: { NextToken: 't1' },
      },
      { op: 'glue:GetJobs', ctor: GlueClient, run: () => listJobs(testAws()), page: { NextToken: 't1' } },
      {
        op: 'glue:GetSecurityConfigurations',
        ctor: GlueClient,
        run: () => listSecurityConfigurations(testAws()),
        page: { NextToken: 't1' },
      },
      {
        op: 'glue:GetConnections',
        ctor: GlueClient,
        run: () => listConnections(testAws(), '123456789012'),
        page: { NextToken: 't1' },
      },
      {
        op: 'glue:GetCrawlers',
        ctor: GlueClient,
        run: () => listCrawlers(testAws()),
        page: { NextToken: 't1' },
      },
      {
        op: 'glue:GetDevEndpoints',
        ctor: GlueClient,
        run: () => listDevEndpoints(testAws()),
        page: { NextToken: 't1' },
      },
      {
        op: 'glue:GetMLTransforms',
        ctor: GlueClient,
        run: () => listMLTransforms(testAws()),
        page: { NextToken: 't1' },
      },
      {
        op: 'ec2:DescribeSubnets',
        ctor: EC2Client,
        run: () => describeSubnetVpcs(testAws(), ['subnet-a']),
        page: { NextToken: 't1' },
      },
      {
        op: 'ec2:DescribeVpcEndpoints',
        ctor: EC2Client,
        run: () => listGlueVpcEndpoints(testAws()),
        page: { NextToken: 't1' },
      },
      {
        op: 'iam:GetAccountAuthorizationDetails',
        ctor: IAMClient,
        run: () => listCustomerManagedPolicies(testAws()),
        page: { Marker: 'm1', IsTruncated: true },
      },
      {
        op: 'tag:GetResources',
        ctor: ResourceGroupsTaggingAPIClient,
        run: () => listTagsByResourceType(testAws(), 'glue:job'),
        page: { PaginationToken: 't1' },
      },
      {
        op: 'ssm:GetParametersByPath',
        ctor: SSMClient,
        run: () => readExemptionParameters(testAws(), '/gg/exemptions/rule'),
        page: { NextToken: 't1' },
      },
    ];
  for (const c of cases) {
    it(c.op, async () => {
      // Prepare
      const calls = stubSend(c.ctor, () => ({ ...c.page }));
      // Act / Assess
      await expect(c.run()).rejects.toThrow(`${c.op} answered a next-page token it had already answered`);
      expect(calls).toHaveLength(2);
    });
  }
});

describe('paged lookups read a page that leaves its list out as an empty list', () => {
  it('DataBrew jobs, Glue jobs, crawlers, dev endpoints, ML transforms, connections, VPC endpoints', async () => {
    // Prepare
    stubSend(DataBrewClient, () => ({}));
    stubSend(GlueClient, () => ({}));
    stubSend(EC2Client, () => ({}));
    const aws = testAws();
    // Act
    const lists = await Promise.all([
      listDataBrewJobs(aws),
      listJobs(aws),
      listCrawlers(aws),
      listDevEndpoints(aws),
      listMLTransforms(aws),
      listConnections(aws, '123456789012'),
      listGlueVpcEndpoints(aws),
    ]);
    // Assess
    expect(lists).toEqual([[], [], [], [], [], [], []]);
  });

  it('collects the items of every page, in order', async () => {
    // Prepare
    let page = 0;
    stubSend(GlueClient, () => {
      page += 1;
      return page === 1 ? { Jobs: [{ Name: 'a' }], NextToken: 'n1' } : { Jobs: [{ Name: 'b' }] };
    });
    // Act
    const jobs = await listJobs(testAws());
    // Assess
    expect(jobs).toEqual([{ Name: 'a' }, { Name: 'b' }]);
  });
});

describe('listSecurityConfigurations', () => {
  it('keys configurations by name and drops one without a name', async () => {
    // Prepare
    stubSend(GlueClient, () => ({
      SecurityConfigurations: [{ Name: 'enc' }, { EncryptionConfiguration: {} }],
    }));
    // Act
    const byName = await listSecurityConfigurations(testAws());
    // Assess
    expect([...byName.entries()]).toEqual([['enc', { Name: 'enc' }]]);
  });
});

describe('getCatalogEncryption', () => {
  it('asks for the given catalog and answers {} when the settings are absent', async () => {
    // Prepare
    const calls = stubSend(GlueClient, () => ({}));
    // Act
    const settings = await getCatalogEncryption(testAws(), '123456789012');
    // Assess
    expect(settings).toEqual({});
    expect(calls.map((c) => [c.command, c.input])).toEqual([
      ['GetDataCatalogEncryptionSettings', { CatalogId: '123456789012' }],
    ]);
  });
});

describe('getCatalogResourcePolicy', () => {
  it('answers undefined for EntityNotFoundException (no policy)', async () => {
    // Prepare
    stubSend(GlueClient, () => {
      throw Object.assign(new Error('Policy not found'), { name: 'EntityNotFoundException' });
    });
    // Act / Assess
    await expect(getCatalogResourcePolicy(testAws())).resolves.toBeUndefined();
  });

  it('passes any other error through', async () => {
    // Prepare
    const boom = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    stubSend(GlueClient, () => {
      throw boom;
    });
    // Act / Assess
    await expect(getCatalogResourcePolicy(testAws())).rejects.toBe(boom);
  });
});

describe('describeSubnetVpcs', () => {
  it('asks once for the distinct ids, sorted, and maps only subnets with both ids', async () => {
    // Prepare
    const calls = stubSend(EC2Client, () => ({
      Subnets: [{ SubnetId: 'subnet-a', VpcId: 'vpc-1' }, { SubnetId: 'subnet-b' }, { VpcId: 'vpc-2' }],
    }));
    // Act
    const map = await describeSubnetVpcs(testAws(), ['subnet-b', 'subnet-a', 'subnet-b']);
    // Assess
    expect([...map.entries()]).toEqual([['subnet-a', 'vpc-1']]);
    expect(calls.map((c) => c.input.Filters)).toEqual([
      [{ Name: 'subnet-id', Values: ['subnet-a', 'subnet-b'] }],
    ]);
  });

  it('makes no call for no ids', async () => {
    // Prepare
    const calls = stubSend(EC2Client, () => ({}));
    // Act
    const map = await describeSubnetVpcs(testAws(), []);
    // Assess
    expect(map.size).toBe(0);
    expect(calls).toHaveLength(0);
  });

  it('asks in chunks of 200 filter values', async () => {
    // Prepare
    const calls = stubSend(EC2Client, () => ({}));
    const ids = Array.from({ length: 201 }, (_, i) => `subnet-${String(i).padStart(3, '0')}`);
    // Act
    await describeSubnetVpcs(testAws(), ids);
    // Assess
    const chunks = calls.map((c) => (c.input.Filters as Array<{ Values: string[] }>)[0]?.Values ?? []);
    expect(chunks.map((v) => v.length)).toEqual([200, 1]);
    expect(chunks[1]).toEqual(['subnet-200']);
  });

  it('makes one call for exactly 200 ids', async () => {
    // Prepare
    const calls = stubSend(EC2Client, () => ({}));
    const ids = Array.from({ length: 200 }, (_, i) => `subnet-${String(i).padStart(3, '0')}`);
    // Act
    await describeSubnetVpcs(testAws(), ids);
    // Assess
    expect(calls).toHaveLength(1);
  });
});

describe('glueEndpointServiceNames and listGlueVpcEndpoints', () => {
  it('adds the cn. prefixed name only in China regions', () => {
    expect(glueEndpointServiceNames('us-east-1')).toEqual(['com.amazonaws.us-east-1.glue']);
    expect(glueEndpointServiceNames('cn-north-1')).toEqual([
      'com.amazonaws.cn-north-1.glue',
      'cn.com.amazonaws.cn-north-1.glue',
    ]);
    expect(glueEndpointServiceNames('eu-cn-1')).toEqual(['com.amazonaws.eu-cn-1.glue']);
  });

  it('lists exactly the endpoints answered, filtered by the region service names', async () => {
    // Prepare
    const calls = stubSend(EC2Client, () => ({ VpcEndpoints: [{ VpcEndpointId: 'vpce-1' }] }));
    // Act
    const endpoints = await listGlueVpcEndpoints(testAws('eu-west-1'));
    // Assess
    expect(endpoints).toEqual([{ VpcEndpointId: 'vpce-1' }]);
    expect(calls[0]?.input.Filters).toEqual([
      { Name: 'service-name', Values: ['com.amazonaws.eu-west-1.glue'] },
    ]);
  });
});

describe('readExemptionParameters', () => {
  it('asks for the path only (not recursive) and sorts complete parameters by name', async () => {
    // Prepare
    const calls = stubSend(SSMClient, () => ({
      Parameters: [
        { Name: '/p/003', Value: 'd' },
        { Name: '/p/001', Value: 'b' },
        { Name: '/p/004', Value: 'e' },
        { Name: '/p/000', Value: 'a' },
        { Name: '/p/002', Value: 'c' },
        { Name: '/p/005' },
        { Value: 'orphan' },
      ],
    }));
    // Act
    const params = await readExemptionParameters(testAws(), '/p');
    // Assess
    expect(params).toEqual([
      { name: '/p/000', value: 'a' },
      { name: '/p/001', value: 'b' },
      { name: '/p/002', value: 'c' },
      { name: '/p/003', value: 'd' },
      { name: '/p/004', value: 'e' },
    ]);
    expect(calls[0]?.input).toMatchObject({ Path: '/p', Recursive: false });
  });
});

describe('listCustomerManagedPolicies', () => {
  it('stops at a page that is not truncated, even when it carries a Marker', async () => {
    // Prepare
    const calls = stubSend(IAMClient, () => ({
      Policies: [{ PolicyId: 'ANPA1', PolicyName: 'p1', Arn: 'arn:aws:iam::123456789012:policy/p1' }],
      Marker: 'm1',
      IsTruncated: false,
    }));
    // Act
    const policies = await listCustomerManagedPolicies(testAws());
    // Assess
    expect(policies.map((p) => p.policyId)).toEqual(['ANPA1']);
    expect(calls).toHaveLength(1);
  });
});

describe('listTagsByResourceType', () => {
  it('maps tags by resource id, skipping mappings without an ARN and tags without a key', async () => {
    // Prepare
    stubSend(ResourceGroupsTaggingAPIClient, () => ({
      ResourceTagMappingList: [
        {},
        {
          ResourceARN: 'arn:aws:glue:us-east-1:123456789012:job/nightly',
          Tags: [{ Key: 'owner', Value: 'data' }, { Key: 'empty' }, { Value: 'no-key' }],
        },
        { ResourceARN: 'arn:aws:glue:us-east-1:123456789012:job/bare' },
      ],
      PaginationToken: '',
    }));
    // Act
    const byId = await listTagsByResourceType(testAws(), 'glue:job');
    // Assess
    expect([...byId.entries()]).toEqual([
      ['nightly', { owner: 'data', empty: '' }],
      ['bare', {}],
    ]);
  });
});

describe('CloudTrail lookups', () => {
  const home = 'arn:aws:cloudtrail:eu-west-1:123456789012:trail/org';

  it('listTrails answers [] when the list is left out', async () => {
    stubSend(CloudTrailClient, () => ({}));
    await expect(listTrails(testAws())).resolves.toEqual([]);
  });

  it('getTrailSelectors answers empty lists when the selectors are left out', async () => {
    stubSend(CloudTrailClient, () => ({}));
    await expect(getTrailSelectors(testAws(), home)).resolves.toEqual({
      eventSelectors: [],
      advancedEventSelectors: [],
    });
  });

  it('asks the home region when this one does not know the trail, reusing one home context', async () => {
    // Prepare
    const seen = stubSend(CloudTrailClient, () => {
      if (seen[seen.length - 1]?.region === 'us-east-1') {
        throw Object.assign(new Error('Unknown trail'), { name: 'TrailNotFoundException' });
      }
      return { EventSelectors: [{ ReadWriteType: 'All' }] };
    });
    const aws = testAws('us-east-1');
    // Act
    const first = await getTrailSelectors(aws, home);
    const second = await getTrailSelectors(aws, home);
    // Assess
    expect(first).toEqual({ eventSelectors: [{ ReadWriteType: 'All' }], advancedEventSelectors: [] });
    expect(second).toEqual(first);
    expect(seen.map((c) => c.region)).toEqual(['us-east-1', 'eu-west-1', 'us-east-1', 'eu-west-1']);
    expect(seen[1]?.client).toBe(seen[3]?.client);
    expect(seen[0]?.client).not.toBe(seen[1]?.client);
  });

  it('also asks the home region for InvalidHomeRegionException', async () => {
    const seen = stubSend(CloudTrailClient, () => {
      if (seen.length === 1) throw Object.assign(new Error('home'), { name: 'InvalidHomeRegionException' });
      return {};
    });
    await getTrailSelectors(testAws('us-east-1'), home);
    expect(seen.map((c) => c.region)).toEqual(['us-east-1', 'eu-west-1']);
  });

  it('passes through other errors, errors of a trail of this region, and errors of an ARN without region', async () => {
    const cases: Array<{ arn: string; error: unknown }> = [
      { arn: home, error: Object.assign(new Error('slow down'), { name: 'ThrottlingException' }) },
      {
        arn: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/local',
        error: Object.assign(new Error('gone'), { name: 'TrailNotFoundException' }),
      },
      { arn: 'org-trail', error: Object.assign(new Error('gone'), { name: 'TrailNotFoundException' }) },
      { arn: home, error: null },
    ];
    for (const c of cases) {
      vi.restoreAllMocks();
      const seen = stubSend(CloudTrailClient, () => {
        if (seen.length === 1) throw c.error;
        return { EventSelectors: [] };
      });
      await expect(getTrailSelectors(testAws('us-east-1'), c.arn)).rejects.toBe(c.error);
      expect(seen).toHaveLength(1);
    }
  });
});
