import { Logger } from '@aws-lambda-powertools/logger';
import { CreateMLTransformCommand, GlueClient } from '@aws-sdk/client-glue';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { describe, expect, it } from 'vitest';
import { mintResultToken, readStoredEvaluations } from '../../../emulator/config-service';
import { rule } from '../../../functions/rules/glue-ml-transform-tagged';
import { toHandler } from '../../../functions/runtime/handler';
import type { ConfigurationItem } from '../../../functions/runtime/types';
import { useEmulator } from '../../emulator/context';
import { emulatorAws } from '../../support/aws';
import { recordCalls } from '../../support/call-recorder';
import { changeEvent, fixture, scheduledEvent } from '../../support/config-events';

const emulator = useEmulator();
const logger = new Logger({ logLevel: 'SILENT' });

async function createTransform(
  glue: GlueClient,
  name: string,
  tags?: Record<string, string>,
): Promise<string> {
  const out = await glue.send(
    new CreateMLTransformCommand({
      Name: name,
      Role: 'arn:aws:iam::123456789012:role/GlueFindMatches',
      InputRecordTables: [{ DatabaseName: 'customer_360', TableName: 'customers_raw' }],
      Parameters: {
        TransformType: 'FIND_MATCHES',
        FindMatchesParameters: { PrimaryKeyColumnName: 'customer_id' },
      },
      ...(tags ? { Tags: tags } : {}),
    }),
  );
  return out.TransformId ?? '';
}

describe('Rule: glue-ml-transform-tagged on the emulator', () => {
  it('judges a changed transform by the tags its configuration item carries', async () => {
    // Prepare
    const item = fixture<ConfigurationItem>('glue-mltransform-configuration-item.json');
    const options = {
      configRuleName: rule.id,
      resultToken: mintResultToken(rule.id),
      ruleParameters: { requiredTagKeys: 'owner,cost-center' },
    };
    // Act
    await toHandler(rule, { aws: emulatorAws(emulator), logger })(changeEvent(item, options));
    // Assess
    expect(await readStoredEvaluations(emulator.endpoint, rule.id)).toMatchObject([
      {
        ComplianceResourceType: 'AWS::Glue::MLTransform',
        ComplianceResourceId: 'tfm-5c0e6b8a1f2d4e3b9a7c6d5e4f3a2b1c',
        ComplianceType: 'NON_COMPLIANT',
        Annotation: 'ML transform is missing tag keys cost-center',
      },
    ]);
  });

  it('sweeps transforms with one GetMLTransforms and one tag:GetResources', async () => {
    // Prepare
    const glue = new GlueClient(emulator.clientConfig);
    const tagged = await createTransform(glue, 'dedupe-customers', { owner: 'customer-360' });
    const untagged = await createTransform(glue, 'dedupe-merchants');
    const aws = emulatorAws(emulator);
    const glueCalls = recordCalls(aws, GlueClient);
    const tagCalls = recordCalls(aws, ResourceGroupsTaggingAPIClient);
    // Act
    await toHandler(rule, { aws, logger })(
      scheduledEvent({ configRuleName: rule.id, resultToken: mintResultToken(rule.id) }),
    );
    // Assess
    const byId = new Map(
      (await readStoredEvaluations(emulator.endpoint, rule.id)).map((e) => [
        e.ComplianceResourceId,
        e.ComplianceType,
      ]),
    );
    expect(byId).toEqual(
      new Map([
        [tagged, 'COMPLIANT'],
        [untagged, 'NON_COMPLIANT'],
      ]),
    );
    expect(glueCalls.map((c) => c.command)).toEqual(['GetMLTransformsCommand']);
    expect(tagCalls.map((c) => [c.command, c.input.ResourceTypeFilters])).toEqual([
      ['GetResourcesCommand', ['glue:mlTransform']],
    ]);
  });
});
