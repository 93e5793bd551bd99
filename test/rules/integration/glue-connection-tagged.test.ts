import { Logger } from '@aws-lambda-powertools/logger';
import { CreateConnectionCommand, GlueClient } from '@aws-sdk/client-glue';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { describe, expect, it } from 'vitest';
import { mintResultToken, readStoredEvaluations } from '../../../emulator/config-service';
import { rule } from '../../../functions/rules/glue-connection-tagged';
import { toHandler } from '../../../functions/runtime/handler';
import { useEmulator } from '../../emulator/context';
import { emulatorAws } from '../../support/aws';
import { recordCalls } from '../../support/call-recorder';
import { scheduledEvent } from '../../support/config-events';

const emulator = useEmulator();
const logger = new Logger({ logLevel: 'SILENT' });

async function createConnection(
  glue: GlueClient,
  name: string,
  tags?: Record<string, string>,
): Promise<void> {
  await glue.send(
    new CreateConnectionCommand({
      ConnectionInput: {
        Name: name,
        ConnectionType: 'JDBC',
        ConnectionProperties: {
          JDBC_CONNECTION_URL: `jdbc:postgresql://${name}.internal:5432/ledger`,
          SECRET_ID: `glue/${name}`,
        },
      },
      ...(tags ? { Tags: tags } : {}),
    }),
  );
}

describe('Rule: glue-connection-tagged on the emulator', () => {
  it('names untagged connections with one GetConnections and one tag:GetResources', async () => {
    // Prepare
    const glue = new GlueClient(emulator.clientConfig);
    await createConnection(glue, 'ledger-pg', { owner: 'ledger', 'access-tier': 'restricted' });
    await createConnection(glue, 'cards-pg', { owner: 'cards' });
    await createConnection(glue, 'risk-pg');
    const aws = emulatorAws(emulator);
    const glueCalls = recordCalls(aws, GlueClient);
    const tagCalls = recordCalls(aws, ResourceGroupsTaggingAPIClient);
    // Act
    await toHandler(rule, { aws, logger })(
      scheduledEvent({
        configRuleName: rule.id,
        resultToken: mintResultToken(rule.id),
        ruleParameters: { requiredTagKeys: 'owner,access-tier' },
      }),
    );
    // Assess
    expect(await readStoredEvaluations(emulator.endpoint, rule.id)).toMatchObject([
      {
        ComplianceResourceType: 'AWS::::Account',
        ComplianceResourceId: emulator.accountId,
        ComplianceType: 'NON_COMPLIANT',
        Annotation: '2 of 3 connections lack tag keys owner, access-tier: cards-pg, risk-pg',
      },
    ]);
    expect(glueCalls.map((c) => [c.command, c.input.HidePassword])).toEqual([
      ['GetConnectionsCommand', true],
    ]);
    expect(tagCalls.map((c) => [c.command, c.input.ResourceTypeFilters])).toEqual([
      ['GetResourcesCommand', ['glue:connection']],
    ]);
  });

  it('reports COMPLIANT when every connection has a user tag', async () => {
    // Prepare
    await createConnection(new GlueClient(emulator.clientConfig), 'ledger-pg', { owner: 'ledger' });
    // Act
    await toHandler(rule, { aws: emulatorAws(emulator), logger })(
      scheduledEvent({ configRuleName: rule.id, resultToken: mintResultToken(rule.id) }),
    );
    // Assess
    expect(await readStoredEvaluations(emulator.endpoint, rule.id)).toMatchObject([
      { ComplianceType: 'COMPLIANT', Annotation: 'All 1 connections carry user tags' },
    ]);
  });
});
