import {
  CreateSecurityConfigurationCommand,
  type EncryptionConfiguration,
  GlueClient,
  type SecurityConfiguration,
} from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { rule } from '../../../functions/rules/glue-security-configuration-encrypted';
import { toHandler } from '../../../functions/runtime/handler';
import { mintResultToken, readStoredEvaluations } from '../../emulator/config-service';
import { useEmulator } from '../../emulator/context';
import { emulatorAws } from '../../support/aws';
import { recordCalls } from '../../support/call-recorder';
import { fixture, scheduledEvent } from '../../support/config-events';

const emulator = useEmulator();
const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1111aaaa-2222-bbbb-3333-cccc4444dddd';

/** The KMS-everywhere configuration of the fixture, with some targets switched off. */
function kmsEncryption(off: { logs?: boolean; bookmarks?: boolean } = {}): EncryptionConfiguration {
  const base = fixture<SecurityConfiguration>('glue-security-configuration-encrypted-kms.json')
    .EncryptionConfiguration!;
  return {
    ...base,
    ...(off.logs ? { CloudWatchEncryption: { CloudWatchEncryptionMode: 'DISABLED' } } : {}),
    ...(off.bookmarks ? { JobBookmarksEncryption: { JobBookmarksEncryptionMode: 'DISABLED' } } : {}),
  };
}

async function run(ruleParameters?: Record<string, string>) {
  const aws = emulatorAws(emulator);
  const calls = recordCalls(aws, GlueClient);
  await toHandler(rule, { aws })(
    scheduledEvent({ configRuleName: rule.id, resultToken: mintResultToken(rule.id), ruleParameters }),
  );
  return { calls, stored: await readStoredEvaluations(emulator.endpoint, rule.id) };
}

describe('Rule: glue-security-configuration-encrypted on the emulator', () => {
  it('is NOT_APPLICABLE without security configurations', async () => {
    // Act
    const { stored } = await run();

    // Assess
    expect(stored).toMatchObject([
      { ComplianceResourceType: 'AWS::::Account', ComplianceType: 'NOT_APPLICABLE' },
    ]);
  });

  it('names the configurations that leave a target unencrypted, from one listing', async () => {
    // Prepare
    const glue = new GlueClient(emulator.clientConfig);
    const seeds: Array<[string, EncryptionConfiguration]> = [
      ['kms-everywhere', kmsEncryption()],
      ['no-bookmarks', kmsEncryption({ bookmarks: true })],
    ];
    for (const [Name, EncryptionConfiguration] of seeds) {
      await glue.send(new CreateSecurityConfigurationCommand({ Name, EncryptionConfiguration }));
    }

    // Act
    const { stored, calls } = await run({ kmsKeyArns: KEY });

    // Assess
    expect(stored).toMatchObject([
      {
        ComplianceType: 'NON_COMPLIANT',
        Annotation:
          '1 of 2 security configurations not fully KMS-encrypted: no-bookmarks (job bookmark encryption disabled)',
      },
    ]);
    expect(calls.map((c) => c.command)).toEqual(['GetSecurityConfigurationsCommand']);
  });
});
