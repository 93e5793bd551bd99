import {
  CreateSecurityConfigurationCommand,
  type EncryptionConfiguration,
  GlueClient,
} from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { rule } from '../../../functions/rules/glue-security-configuration-encrypted';
import { useEmulator } from '../../emulator/context';
import { kmsEncryption } from '../../support/security-configurations';
import { sweepRule } from '../../support/sweep';

const emulator = useEmulator();
const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1111aaaa-2222-bbbb-3333-cccc4444dddd';

const run = (ruleParameters?: Record<string, string>) =>
  sweepRule(emulator, rule, { ruleParameters, record: [GlueClient] });

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
