import type { DataLakeSettings } from '@aws-sdk/client-lakeformation';
import { describe, expect, it } from 'vitest';
import { rule } from '../../functions/rules/glue-lakeformation-permissions-enforced';
import { evaluateAccount } from '../support/rule-context';

const IAM_ALL = [
  { Principal: { DataLakePrincipalIdentifier: 'IAM_ALLOWED_PRINCIPALS' }, Permissions: ['ALL' as const] },
];
const settings = (s: DataLakeSettings) => ({ dataLakeSettings: async () => s });

describe('Rule: glue-lakeformation-permissions-enforced', () => {
  it('1. new databases default to ALL for IAM_ALLOWED_PRINCIPALS -> NON_COMPLIANT, setting named', async () => {
    // Act
    const v = await evaluateAccount(
      rule,
      settings({ CreateDatabaseDefaultPermissions: IAM_ALL, CreateTableDefaultPermissions: [] }),
    );

    // Assess
    expect(v.compliance).toBe('NON_COMPLIANT');
    expect(v.offenders).toEqual([
      'CreateDatabaseDefaultPermissions (new databases: ALL to IAM_ALLOWED_PRINCIPALS)',
    ]);
  });

  it('2. new tables default to ALL for IAM_ALLOWED_PRINCIPALS -> NON_COMPLIANT, setting named', async () => {
    // Act
    const v = await evaluateAccount(
      rule,
      settings({ CreateDatabaseDefaultPermissions: [], CreateTableDefaultPermissions: IAM_ALL }),
    );

    // Assess
    expect(v.compliance).toBe('NON_COMPLIANT');
    expect(v.annotation).toBe(
      'Lake Formation defaults leave access to IAM: CreateTableDefaultPermissions (new tables: ALL to IAM_ALLOWED_PRINCIPALS)',
    );
  });

  it('3. both defaults empty, or granted only to named principals -> COMPLIANT', async () => {
    // Prepare
    const admin = 'arn:aws:iam::123456789012:role/DataLakeAdmin';
    const named = [{ Principal: { DataLakePrincipalIdentifier: admin }, Permissions: ['ALL' as const] }];

    // Act
    const empty = await evaluateAccount(
      rule,
      settings({ CreateDatabaseDefaultPermissions: [], CreateTableDefaultPermissions: [] }),
    );
    const toAdmin = await evaluateAccount(
      rule,
      settings({ CreateDatabaseDefaultPermissions: named, CreateTableDefaultPermissions: named }),
    );

    // Assess
    expect(empty.compliance).toBe('COMPLIANT');
    expect(toAdmin.compliance).toBe('COMPLIANT');
  });

  it('4. settings returned without the default-permission lists -> COMPLIANT (nothing granted)', async () => {
    // Act
    const v = await evaluateAccount(rule, settings({ DataLakeAdmins: [] }));

    // Assess
    expect(v).toEqual({
      compliance: 'COMPLIANT',
      annotation: 'New databases and tables get no default grant to IAM_ALLOWED_PRINCIPALS',
    });
  });
});
