import {
  CreateDevEndpointCommand,
  CreateSecurityConfigurationCommand,
  type EncryptionConfiguration,
  GlueClient,
  type SecurityConfiguration,
} from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { rule } from '../../../functions/rules/glue-dev-endpoint-security-configuration-encrypted';
import { toHandler } from '../../../functions/runtime/handler';
import { mintResultToken, readStoredEvaluations } from '../../emulator/config-service';
import { useEmulator } from '../../emulator/context';
import { emulatorAws } from '../../support/aws';
import { recordCalls } from '../../support/call-recorder';
import { fixture, scheduledEvent } from '../../support/config-events';

const emulator = useEmulator();

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
const ROLE = `arn:aws:iam::${emulator.accountId}:role/GlueDevEndpoint`;

async function run() {
  const aws = emulatorAws(emulator);
  const calls = recordCalls(aws, GlueClient);
  await toHandler(rule, { aws })(
    scheduledEvent({ configRuleName: rule.id, resultToken: mintResultToken(rule.id) }),
  );
  return { calls, stored: await readStoredEvaluations(emulator.endpoint, rule.id) };
}

describe('Rule: glue-dev-endpoint-security-configuration-encrypted on the emulator', () => {
  it('is NOT_APPLICABLE without development endpoints', async () => {
    // Act
    const { stored } = await run();

    // Assess
    expect(stored).toMatchObject([
      { ComplianceResourceType: 'AWS::::Account', ComplianceType: 'NOT_APPLICABLE' },
    ]);
  });

  it('names the endpoints whose configuration does not encrypt bookmarks, and accepts the others', async () => {
    // Prepare
    const glue = new GlueClient(emulator.clientConfig);
    await glue.send(
      new CreateSecurityConfigurationCommand({ Name: 'kms', EncryptionConfiguration: kmsEncryption() }),
    );
    await glue.send(
      new CreateSecurityConfigurationCommand({
        Name: 'no-bookmarks',
        EncryptionConfiguration: kmsEncryption({ bookmarks: true }),
      }),
    );
    await glue.send(
      new CreateDevEndpointCommand({ EndpointName: 'quant', RoleArn: ROLE, SecurityConfiguration: 'kms' }),
    );
    await glue.send(
      new CreateDevEndpointCommand({
        EndpointName: 'risk',
        RoleArn: ROLE,
        SecurityConfiguration: 'no-bookmarks',
      }),
    );

    // Act
    const { stored, calls } = await run();

    // Assess
    expect(stored).toMatchObject([
      {
        ComplianceType: 'NON_COMPLIANT',
        Annotation:
          "1 of 2 dev endpoints not encrypted by their security configuration: risk ('no-bookmarks': job bookmark encryption disabled)",
      },
    ]);
    expect(calls.map((c) => c.command).sort()).toEqual([
      'GetDevEndpointsCommand',
      'GetSecurityConfigurationsCommand',
    ]);
  });
});
