import { Logger } from '@aws-lambda-powertools/logger';
import {
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  GetPolicyVersionCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { mintResultToken, readStoredEvaluations } from '../../../emulator/config-service';
import { rule } from '../../../functions/rules/glue-iam-policy-least-privilege';
import { toHandler } from '../../../functions/runtime/handler';
import type { ConfigurationItem } from '../../../functions/runtime/types';
import { useEmulator } from '../../emulator/context';
import { emulatorAws } from '../../support/aws';
import { recordCalls } from '../../support/call-recorder';
import { changeEvent, fixture, scheduledEvent } from '../../support/config-events';

const emulator = useEmulator();
const logger = new Logger({ logLevel: 'SILENT' });
const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

async function createPolicy(
  iam: IAMClient,
  name: string,
  document: string,
): Promise<{ id: string; arn: string }> {
  const p = (await iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: document }))).Policy;
  return { id: p?.PolicyId as string, arn: p?.Arn as string };
}

/** The configuration item AWS Config records for a policy: the IAM state, camelCase, URL-encoded document. */
async function recordedItem(
  iam: IAMClient,
  name: string,
  id: string,
  arn: string,
): Promise<ConfigurationItem> {
  const base = fixture<ConfigurationItem>('iam-policy-configuration-item.json');
  const version = (await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' })))
    .PolicyVersion;
  return {
    ...base,
    configurationItemCaptureTime: '2026-11-27T08:00:00.000Z',
    resourceId: id,
    resourceName: name,
    ARN: arn,
    configuration: {
      policyName: name,
      policyId: id,
      arn,
      defaultVersionId: 'v2',
      policyVersionList: [{ document: version?.Document, versionId: 'v2', isDefaultVersion: true }],
    },
  };
}

describe('Rule: glue-iam-policy-least-privilege on the emulator', () => {
  it('evaluates a changed policy from its configuration item (default version)', async () => {
    // Prepare
    const iam = new IAMClient(emulator.clientConfig);
    const { id, arn } = await createPolicy(
      iam,
      'etl-admin',
      doc({ Effect: 'Allow', Action: 'glue:GetJob', Resource: '*' }),
    );
    await iam.send(
      new CreatePolicyVersionCommand({
        PolicyArn: arn,
        SetAsDefault: true,
        PolicyDocument: doc({ Sid: 'GlueEverything', Effect: 'Allow', Action: 'glue:*', Resource: '*' }),
      }),
    );
    const item = await recordedItem(iam, 'etl-admin', id, arn);
    // Act
    await toHandler(rule, { aws: emulatorAws(emulator), logger })(
      changeEvent(item, { configRuleName: rule.id, resultToken: mintResultToken(rule.id) }),
    );
    // Assess
    expect(await readStoredEvaluations(emulator.endpoint, rule.id)).toMatchObject([
      {
        ComplianceResourceType: 'AWS::IAM::Policy',
        ComplianceResourceId: id,
        ComplianceType: 'NON_COMPLIANT',
        Annotation: `Policy 'etl-admin' allows every Glue action on all Glue resources in statement(s): GlueEverything (Action glue:*)`,
      },
    ]);
  });

  it('sweeps every customer managed policy with ONE GetAccountAuthorizationDetails call, keyed by PolicyId', async () => {
    // Prepare
    const iam = new IAMClient(emulator.clientConfig);
    const wide = await createPolicy(iam, 'wide', doc({ Effect: 'Allow', Action: '*', Resource: '*' }));
    const narrow = await createPolicy(
      iam,
      'narrow',
      doc({
        Effect: 'Allow',
        Action: 'glue:*',
        Resource: 'arn:aws:glue:us-east-1:123456789012:job/ledger-*',
      }),
    );
    const allGlueArns = await createPolicy(
      iam,
      'all-glue-arns',
      doc({ Effect: 'Allow', Action: 'glue:*', Resource: 'arn:aws:glue:*:*:*' }),
    );
    const aws = emulatorAws(emulator);
    const calls = recordCalls(aws, IAMClient);
    const handler = toHandler(rule, { aws, logger });
    // Act
    await handler(scheduledEvent({ configRuleName: rule.id, resultToken: mintResultToken(rule.id) }));
    // Assess
    expect(calls.map((c) => [c.command, c.input.Filter])).toEqual([
      ['GetAccountAuthorizationDetailsCommand', ['LocalManagedPolicy']],
    ]);
    const stored = await readStoredEvaluations(emulator.endpoint, rule.id);
    expect(
      stored.map((e) => [e.ComplianceResourceType, e.ComplianceResourceId, e.ComplianceType]).sort(),
    ).toEqual(
      [
        ['AWS::IAM::Policy', wide.id, 'NON_COMPLIANT'],
        ['AWS::IAM::Policy', narrow.id, 'COMPLIANT'],
        ['AWS::IAM::Policy', allGlueArns.id, 'NON_COMPLIANT'],
      ].sort(),
    );
  });
});
