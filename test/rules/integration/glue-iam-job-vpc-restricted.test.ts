import { Logger } from '@aws-lambda-powertools/logger';
import { CreatePolicyCommand, GetPolicyVersionCommand, IAMClient } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { mintResultToken, readStoredEvaluations } from '../../../emulator/config-service';
import { rule } from '../../../functions/rules/glue-iam-job-vpc-restricted';
import { toHandler } from '../../../functions/runtime/handler';
import type { ConfigurationItem } from '../../../functions/runtime/types';
import { useEmulator } from '../../emulator/context';
import { emulatorAws } from '../../support/aws';
import { changeEvent, fixture, scheduledEvent } from '../../support/config-events';

const emulator = useEmulator();
const logger = new Logger({ logLevel: 'SILENT' });
const VPC = 'vpc-0a1b2c3d4e5f60718';

/** Creates the policy in IAM and returns the configuration item Config records for it. */
async function recordedPolicy(
  iam: IAMClient,
  name: string,
  statement: object,
  at: string,
): Promise<ConfigurationItem> {
  const document = JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
  const p = (await iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: document }))).Policy;
  const v = (await iam.send(new GetPolicyVersionCommand({ PolicyArn: p?.Arn, VersionId: 'v1' })))
    .PolicyVersion;
  const base = fixture<ConfigurationItem>('iam-policy-configuration-item.json');
  return {
    ...base,
    configurationItemCaptureTime: at,
    resourceId: p?.PolicyId as string,
    resourceName: name,
    ARN: p?.Arn,
    configuration: {
      policyName: name,
      policyId: p?.PolicyId,
      arn: p?.Arn,
      defaultVersionId: 'v1',
      policyVersionList: [{ document: v?.Document, versionId: 'v1', isDefaultVersion: true }],
    },
  };
}

describe('Rule: glue-iam-job-vpc-restricted on the emulator', () => {
  it('judges changed policies from their configuration items against allowedVpcIds', async () => {
    // Prepare
    const iam = new IAMClient(emulator.clientConfig);
    const confined = await recordedPolicy(
      iam,
      'etl-deployer',
      {
        Sid: 'CreateInLedgerVpc',
        Effect: 'Allow',
        Action: ['glue:CreateJob', 'glue:UpdateJob'],
        Resource: '*',
        Condition: { 'ForAnyValue:StringLike': { 'glue:VpcIds': [VPC] } },
      },
      '2026-11-27T08:00:00.000Z',
    );
    const open = await recordedPolicy(
      iam,
      'etl-anywhere',
      { Sid: 'GlueWrite', Effect: 'Allow', Action: 'glue:Create*', Resource: '*' },
      '2026-11-27T08:01:00.000Z',
    );
    const handler = toHandler(rule, { aws: emulatorAws(emulator), logger });
    const options = { configRuleName: rule.id, ruleParameters: { allowedVpcIds: VPC } };
    // Act
    await handler(changeEvent(confined, { ...options, resultToken: mintResultToken(rule.id) }));
    await handler(changeEvent(open, { ...options, resultToken: mintResultToken(rule.id) }));
    // Assess
    const stored = await readStoredEvaluations(emulator.endpoint, rule.id);
    const byId = new Map(stored.map((e) => [e.ComplianceResourceId, e]));
    expect(byId.get(confined.resourceId)).toMatchObject({
      ComplianceResourceType: 'AWS::IAM::Policy',
      ComplianceType: 'COMPLIANT',
      OrderingTimestamp: new Date('2026-11-27T08:00:00.000Z'),
    });
    expect(byId.get(open.resourceId)).toMatchObject({
      ComplianceType: 'NON_COMPLIANT',
      Annotation: `Policy 'etl-anywhere' allows glue:CreateJob/UpdateJob outside designated VPCs: GlueWrite: no glue:VpcIds/SubnetIds/SecurityGroupIds condition`,
    });
  });

  it('reports a deleted policy as NOT_APPLICABLE without reading it', async () => {
    // Prepare
    const item = {
      ...fixture<ConfigurationItem>('iam-policy-configuration-item.json'),
      configurationItemStatus: 'ResourceDeleted',
      configuration: null,
    };
    // Act
    await toHandler(rule, { aws: emulatorAws(emulator), logger })(
      changeEvent(item, { configRuleName: rule.id, resultToken: mintResultToken(rule.id) }),
    );
    // Assess
    expect(await readStoredEvaluations(emulator.endpoint, rule.id)).toMatchObject([
      { ComplianceResourceId: 'ANPAR7XK3EXAMPLE4QZ2M', ComplianceType: 'NOT_APPLICABLE' },
    ]);
  });

  it('sweeps every customer managed policy in one listing, keyed by PolicyId', async () => {
    // Prepare
    const iam = new IAMClient(emulator.clientConfig);
    const at = '2026-11-27T08:00:00.000Z';
    const pinned = await recordedPolicy(
      iam,
      'pinned',
      {
        Effect: 'Allow',
        Action: 'glue:CreateJob',
        Resource: '*',
        Condition: { 'ForAnyValue:StringEquals': { 'glue:VpcIds': [VPC] } },
      },
      at,
    );
    const open = await recordedPolicy(iam, 'open', { Effect: 'Allow', Action: 'glue:*', Resource: '*' }, at);
    const unrelated = await recordedPolicy(
      iam,
      'unrelated',
      { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
      at,
    );
    // Act
    await toHandler(rule, { aws: emulatorAws(emulator), logger })(
      scheduledEvent({
        configRuleName: rule.id,
        resultToken: mintResultToken(rule.id),
        ruleParameters: { allowedVpcIds: VPC },
      }),
    );
    // Assess
    const stored = await readStoredEvaluations(emulator.endpoint, rule.id);
    const verdict = new Map(stored.map((e) => [e.ComplianceResourceId, e.ComplianceType]));
    expect(stored.every((e) => e.ComplianceResourceType === 'AWS::IAM::Policy')).toBe(true);
    expect(verdict.get(pinned.resourceId)).toBe('COMPLIANT');
    expect(verdict.get(open.resourceId)).toBe('NON_COMPLIANT');
    expect(verdict.get(unrelated.resourceId)).toBe('NOT_APPLICABLE');
  });

  it('sweeps without allowedVpcIds: a StringLike wildcard VPC pattern does not confine', async () => {
    // Prepare
    const iam = new IAMClient(emulator.clientConfig);
    const at = '2026-11-27T08:00:00.000Z';
    const anyVpc = await recordedPolicy(
      iam,
      'any-vpc',
      {
        Sid: 'AnyVpc',
        Effect: 'Allow',
        Action: 'glue:CreateJob',
        Resource: '*',
        Condition: { 'ForAnyValue:StringLike': { 'glue:VpcIds': 'vpc-*' } },
      },
      at,
    );
    // Act
    await toHandler(rule, { aws: emulatorAws(emulator), logger })(
      scheduledEvent({ configRuleName: rule.id, resultToken: mintResultToken(rule.id) }),
    );
    // Assess
    expect(await readStoredEvaluations(emulator.endpoint, rule.id)).toMatchObject([
      {
        ComplianceResourceId: anyVpc.resourceId,
        ComplianceType: 'NON_COMPLIANT',
        Annotation: `Policy 'any-vpc' allows glue:CreateJob/UpdateJob outside designated VPCs: AnyVpc: wildcard glue:VpcIds vpc-* does not confine`,
      },
    ]);
  });
});
