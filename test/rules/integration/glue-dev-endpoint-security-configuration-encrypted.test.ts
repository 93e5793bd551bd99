import {
  CreateDevEndpointCommand,
  CreateSecurityConfigurationCommand,
  GlueClient,
} from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { rule } from '../../../functions/rules/glue-dev-endpoint-security-configuration-encrypted';
import { useEmulator } from '../../emulator/context';
import { kmsEncryption } from '../../support/security-configurations';
import { sweepRule } from '../../support/sweep';

const emulator = useEmulator();

const ROLE = `arn:aws:iam::${emulator.accountId}:role/GlueDevEndpoint`;

const run = () => sweepRule(emulator, rule, { record: [GlueClient] });

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
