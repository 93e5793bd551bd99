import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { DataBrewClient } from '@aws-sdk/client-databrew';
import { EC2Client } from '@aws-sdk/client-ec2';
import { GlueClient } from '@aws-sdk/client-glue';
import { IAMClient } from '@aws-sdk/client-iam';
import { LakeFormationClient } from '@aws-sdk/client-lakeformation';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { SSMClient } from '@aws-sdk/client-ssm';
import { describe, expect, it } from 'vitest';
import { RegionRedirectingS3Client } from '../../functions/lookups/s3';
import type { AwsClientConfig } from '../../functions/runtime/aws';
import type { AnyLookup } from '../../functions/runtime/lookup';
import { useEmulator } from '../emulator/context';
import { emulatorAws } from '../support/aws';
import { type RecordedCall, recordCalls } from '../support/call-recorder';
import { actionOfCall, allLookups } from './catalogue';

const emulator = useEmulator();

/** Every client class a lookup may use: all of them are recorded, so a call through any is seen. */
const CLIENTS: ReadonlyArray<new (config: AwsClientConfig) => unknown> = [
  CloudTrailClient,
  DataBrewClient,
  EC2Client,
  GlueClient,
  IAMClient,
  LakeFormationClient,
  ResourceGroupsTaggingAPIClient,
  RegionRedirectingS3Client,
  SSMClient,
];

const TRAIL = 'arn:aws:cloudtrail:us-east-1:123456789012:trail/audit';
/** Arguments each lookup is called with; a new lookup fails below until it is listed here. */
const ARGUMENTS: Record<string, unknown[]> = {
  listTrails: [],
  getTrailLogging: [TRAIL],
  getTrailSelectors: [TRAIL],
  listCustomerManagedPolicies: [],
  listDataBrewJobs: [],
  describeSubnetVpcs: [['subnet-0123456789abcdef0']],
  listGlueVpcEndpoints: [],
  listJobs: [],
  listSecurityConfigurations: [],
  getCatalogEncryption: ['123456789012'],
  listConnections: ['123456789012'],
  listCrawlers: [],
  listDevEndpoints: [],
  listMLTransforms: [],
  getCatalogResourcePolicy: [],
  getDataLakeSettings: ['123456789012'],
  getBucketPolicy: ['some-bucket'],
  listTagsByResourceType: ['glue:job'],
  readExemptionParameters: ['/glue-guardrails/exemptions/glue-job-tagged'],
  getGlueTags: ['arn:aws:glue:us-east-1:123456789012:job/some-job'],
};

/** The lookup's SDK calls against the emulator (whether the emulator answers them or not). */
async function callsOf(lookup: AnyLookup, args: unknown[]): Promise<RecordedCall[]> {
  const aws = emulatorAws(emulator);
  const calls: RecordedCall[] = [];
  for (const client of CLIENTS) recordCalls(aws, client, calls);
  await lookup(aws, ...args).catch(() => undefined);
  return calls;
}

/** Sent operations whose IAM action the lookup does not declare, and declared actions never sent. */
function mismatch(lookup: Pick<AnyLookup, 'actions'>, calls: readonly RecordedCall[]) {
  const sent = new Set(calls.map(actionOfCall));
  return {
    undeclared: [...sent].filter((a) => !lookup.actions.includes(a)).sort(),
    unused: lookup.actions.filter((a) => !sent.has(a)),
  };
}

describe('each lookup sends only the operations whose IAM actions it declares (emulator)', async () => {
  const lookups = await allLookups();

  it('every lookup has arguments here', () => {
    expect(lookups.map((l) => l.lookupName).filter((n) => !(n in ARGUMENTS))).toEqual([]);
    expect(lookups.length).toBe(Object.keys(ARGUMENTS).length);
  });

  it.each(lookups.map((l) => [l.lookupName, l] as const))('%s', async (name, lookup) => {
    // Act
    const calls = await callsOf(lookup, ARGUMENTS[name] ?? []);
    // Assess
    expect(calls.length).toBeGreaterThan(0);
    expect(mismatch(lookup, calls)).toEqual({ undeclared: [], unused: [] });
  });

  it('fails a lookup that declares another action than the one it sends', async () => {
    // Prepare
    const listJobs = lookups.find((l) => l.lookupName === 'listJobs')!;
    const calls = await callsOf(listJobs, []);
    // Act
    const found = mismatch({ actions: ['glue:GetJob'] }, calls);
    // Assess
    expect(found).toEqual({ undeclared: ['glue:GetJobs'], unused: ['glue:GetJob'] });
  });
});
