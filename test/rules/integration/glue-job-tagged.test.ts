import { Logger } from '@aws-lambda-powertools/logger';
import { CreateJobCommand, GlueClient, TagResourceCommand, UntagResourceCommand } from '@aws-sdk/client-glue';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { describe, expect, it } from 'vitest';
import { mintResultToken, readStoredEvaluations } from '../../../emulator/config-service';
import { rule } from '../../../functions/rules/glue-job-tagged';
import { toHandler } from '../../../functions/runtime/handler';
import type { ConfigurationItem } from '../../../functions/runtime/types';
import { useEmulator } from '../../emulator/context';
import { emulatorAws } from '../../support/aws';
import { recordCalls } from '../../support/call-recorder';
import { changeEvent, fixture, scheduledEvent } from '../../support/config-events';

const emulator = useEmulator();
const logger = new Logger({ logLevel: 'SILENT' });
const jobArn = (name: string): string => `arn:aws:glue:${emulator.region}:${emulator.accountId}:job/${name}`;

describe('Rule: glue-job-tagged on the emulator', () => {
  it('judges changed jobs by the tags their configuration items carry', async () => {
    // Prepare
    const handler = toHandler(rule, { aws: emulatorAws(emulator), logger });
    const options = {
      configRuleName: rule.id,
      resultToken: mintResultToken(rule.id),
      ruleParameters: { requiredTagKeys: 'owner,data-classification' },
    };
    // Act
    for (const name of ['glue-job-configuration-item.json', 'glue-job-vpc-configuration-item.json']) {
      await handler(changeEvent(fixture<ConfigurationItem>(name), options));
    }
    // Assess
    expect(await readStoredEvaluations(emulator.endpoint, rule.id)).toMatchObject([
      {
        ComplianceResourceId: 'cards-settlement-etl',
        ComplianceType: 'NON_COMPLIANT',
        Annotation: 'Job is missing tag keys owner, data-classification',
      },
      { ComplianceResourceId: 'nightly-ledger-etl', ComplianceType: 'COMPLIANT' },
    ]);
  });

  it('sweeps jobs with one paged GetJobs and one paged tag:GetResources (two pages), not GetTags per job', async () => {
    // Prepare
    const glue = new GlueClient(emulator.clientConfig);
    const create = (name: string, tags?: Record<string, string>) =>
      glue.send(
        new CreateJobCommand({
          Name: name,
          Role: 'arn:aws:iam::123456789012:role/GlueEtl',
          Command: { Name: 'glueetl', ScriptLocation: `s3://assets/${name}.py` },
          ...(tags ? { Tags: tags } : {}),
        }),
      );
    await create('owned-etl', { owner: 'payments-data' });
    await create('untagged-etl');
    await create('tagged-later-etl');
    await glue.send(
      new TagResourceCommand({ ResourceArn: jobArn('tagged-later-etl'), TagsToAdd: { team: 'risk' } }),
    );
    await create('stripped-etl', { owner: 'cards' });
    await glue.send(
      new UntagResourceCommand({ ResourceArn: jobArn('stripped-etl'), TagsToRemove: ['owner'] }),
    );
    // More tagged jobs than one GetResources page (100) holds.
    for (let i = 0; i < 105; i++) await create(`bulk-etl-${String(i).padStart(3, '0')}`, { owner: 'bulk' });
    const aws = emulatorAws(emulator);
    const glueCalls = recordCalls(aws, GlueClient);
    const tagCalls = recordCalls(aws, ResourceGroupsTaggingAPIClient);
    // Act
    await toHandler(rule, { aws, logger })(
      scheduledEvent({ configRuleName: rule.id, resultToken: mintResultToken(rule.id) }),
    );
    // Assess
    const stored = await readStoredEvaluations(emulator.endpoint, rule.id);
    expect(stored).toHaveLength(109);
    expect(
      stored
        .filter((e) => e.ComplianceResourceId.startsWith('bulk-'))
        .every((e) => e.ComplianceType === 'COMPLIANT'),
    ).toBe(true);
    expect(
      stored
        .filter((e) => !e.ComplianceResourceId.startsWith('bulk-'))
        .map((e) => [e.ComplianceResourceId, e.ComplianceType]),
    ).toEqual([
      ['owned-etl', 'COMPLIANT'],
      ['stripped-etl', 'NON_COMPLIANT'],
      ['tagged-later-etl', 'COMPLIANT'],
      ['untagged-etl', 'NON_COMPLIANT'],
    ]);
    expect(glueCalls.map((c) => c.command)).toEqual(['GetJobsCommand']);
    expect(
      tagCalls.map((c) => [c.command, c.input.ResourceTypeFilters, Boolean(c.input.PaginationToken)]),
    ).toEqual([
      ['GetResourcesCommand', ['glue:job'], false],
      ['GetResourcesCommand', ['glue:job'], true],
    ]);
  });
});
