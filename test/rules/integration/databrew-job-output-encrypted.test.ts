import { Logger } from '@aws-lambda-powertools/logger';
import {
  CreateProfileJobCommand,
  CreateRecipeJobCommand,
  DataBrewClient,
  type EncryptionMode,
} from '@aws-sdk/client-databrew';
import { describe, expect, it } from 'vitest';
import { mintResultToken, readStoredEvaluations } from '../../../emulator/config-service';
import { rule } from '../../../functions/rules/databrew-job-output-encrypted';
import { toHandler } from '../../../functions/runtime/handler';
import { useEmulator } from '../../emulator/context';
import { emulatorAws } from '../../support/aws';
import { recordCalls } from '../../support/call-recorder';
import { scheduledEvent } from '../../support/config-events';

const emulator = useEmulator();
const logger = new Logger({ logLevel: 'SILENT' });
const ROLE = 'arn:aws:iam::123456789012:role/DataBrewJobs';
const KEY = 'arn:aws:kms:us-east-1:123456789012:key/0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6';

async function seedJobs(
  databrew: DataBrewClient,
  modes: Record<string, EncryptionMode | undefined>,
): Promise<void> {
  for (const [name, mode] of Object.entries(modes)) {
    const encryption = mode
      ? { EncryptionMode: mode, ...(mode === 'SSE-KMS' ? { EncryptionKeyArn: KEY } : {}) }
      : {};
    if (name.startsWith('profile-')) {
      await databrew.send(
        new CreateProfileJobCommand({
          Name: name,
          DatasetName: 'card-transactions',
          RoleArn: ROLE,
          OutputLocation: { Bucket: 'databrew-profiles-123456789012', Key: `${name}/` },
          ...encryption,
        }),
      );
    } else {
      await databrew.send(
        new CreateRecipeJobCommand({
          Name: name,
          DatasetName: 'card-transactions',
          RecipeReference: { Name: 'mask-pan', RecipeVersion: '1.0' },
          RoleArn: ROLE,
          Outputs: [
            { Location: { Bucket: 'databrew-output-123456789012', Key: `${name}/` }, Format: 'PARQUET' },
          ],
          ...encryption,
        }),
      );
    }
  }
}

describe('Rule: databrew-job-output-encrypted on the emulator', () => {
  it('names recipe and profile jobs without an encryption mode, from one paged ListJobs', async () => {
    // Prepare
    await seedJobs(new DataBrewClient(emulator.clientConfig), {
      'mask-cards': 'SSE-KMS',
      'normalise-merchants': 'SSE-S3',
      'clean-ledger': undefined,
      'profile-cards': undefined,
    });
    const aws = emulatorAws(emulator);
    const calls = recordCalls(aws, DataBrewClient);
    // Act
    await toHandler(rule, { aws, logger })(
      scheduledEvent({ configRuleName: rule.id, resultToken: mintResultToken(rule.id) }),
    );
    // Assess
    expect(await readStoredEvaluations(emulator.endpoint, rule.id)).toMatchObject([
      {
        ComplianceResourceType: 'AWS::::Account',
        ComplianceResourceId: emulator.accountId,
        ComplianceType: 'NON_COMPLIANT',
        Annotation: '2 of 4 DataBrew jobs lack an encryption mode: clean-ledger, profile-cards',
      },
    ]);
    expect(calls.map((c) => c.command)).toEqual(['ListJobsCommand']);
  });

  it('with requireKms names SSE-S3 jobs', async () => {
    // Prepare
    await seedJobs(new DataBrewClient(emulator.clientConfig), {
      'mask-cards': 'SSE-KMS',
      'profile-merchants': 'SSE-S3',
    });
    // Act
    await toHandler(rule, { aws: emulatorAws(emulator), logger })(
      scheduledEvent({
        configRuleName: rule.id,
        resultToken: mintResultToken(rule.id),
        ruleParameters: { requireKms: 'true' },
      }),
    );
    // Assess
    expect(await readStoredEvaluations(emulator.endpoint, rule.id)).toMatchObject([
      { ComplianceType: 'NON_COMPLIANT', Annotation: '1 of 2 DataBrew jobs lack SSE-KMS: profile-merchants' },
    ]);
  });
});
