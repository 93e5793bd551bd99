import { LakeFormationClient, PutDataLakeSettingsCommand } from '@aws-sdk/client-lakeformation';
import { describe, expect, it } from 'vitest';
import { rule } from '../../../functions/rules/glue-lakeformation-permissions-enforced';
import { useEmulator } from '../../emulator/context';
import { sweepRule } from '../../support/sweep';

const emulator = useEmulator();

const run = () => sweepRule(emulator, rule, { record: [LakeFormationClient] });

describe('Rule: glue-lakeformation-permissions-enforced on the emulator', () => {
  it('flags the IAM-only defaults of a fresh account', async () => {
    // Act
    const { stored, calls } = await run();

    // Assess
    expect(stored).toMatchObject([
      {
        ComplianceResourceType: 'AWS::::Account',
        ComplianceResourceId: emulator.accountId,
        ComplianceType: 'NON_COMPLIANT',
      },
    ]);
    expect(stored[0]?.Annotation).toContain('CreateDatabaseDefaultPermissions');
    expect(stored[0]?.Annotation).toContain('CreateTableDefaultPermissions');
    expect(calls).toEqual([
      {
        client: 'LakeFormationClient',
        command: 'GetDataLakeSettingsCommand',
        input: { CatalogId: emulator.accountId },
      },
    ]);
  });

  it('accepts settings that grant nothing by default', async () => {
    // Prepare
    const lf = new LakeFormationClient(emulator.clientConfig);
    const admin = { DataLakePrincipalIdentifier: `arn:aws:iam::${emulator.accountId}:role/DataLakeAdmin` };
    await lf.send(
      new PutDataLakeSettingsCommand({
        DataLakeSettings: {
          DataLakeAdmins: [admin],
          CreateDatabaseDefaultPermissions: [],
          CreateTableDefaultPermissions: [],
        },
      }),
    );

    // Act
    const { stored } = await run();

    // Assess
    expect(stored).toMatchObject([{ ComplianceType: 'COMPLIANT' }]);
  });
});
