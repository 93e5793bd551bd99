import type { PrincipalPermissions } from '@aws-sdk/client-lakeformation';
import { getDataLakeSettings } from '../lookups/lakeformation';
import { describeOffenders } from '../runtime/evaluations';
import { defineRule } from '../runtime/rule';
import { Compliance } from '../runtime/types';
import { meta } from './meta/glue-lakeformation-permissions-enforced';

/** The group that stands for "anyone IAM allows": granting it ALL hands access control back to IAM. */
const IAM_ALLOWED_PRINCIPALS = 'IAM_ALLOWED_PRINCIPALS';

const DEFAULTS = [
  ['CreateDatabaseDefaultPermissions', 'new databases'],
  ['CreateTableDefaultPermissions', 'new tables'],
] as const;

function iamAllowedGrant(permissions: readonly PrincipalPermissions[] | undefined): string[] {
  return (permissions ?? [])
    .filter((p) => p.Principal?.DataLakePrincipalIdentifier === IAM_ALLOWED_PRINCIPALS)
    .flatMap((p) => p.Permissions ?? []);
}

/**
 * Lake Formation governs new Data Catalog databases and tables: the data lake settings do not
 * grant `ALL` to `IAM_ALLOWED_PRINCIPALS` by default (CreateDatabaseDefaultPermissions,
 * CreateTableDefaultPermissions), which would leave access to IAM policies alone. The settings
 * always exist (a fresh account returns the IAM-only defaults), so there is no NOT_APPLICABLE.
 *
 * Scenarios:
 *  1. New databases default to ALL for IAM_ALLOWED_PRINCIPALS              -> NON_COMPLIANT, setting named
 *  2. New tables default to ALL for IAM_ALLOWED_PRINCIPALS                 -> NON_COMPLIANT, setting named
 *  3. Both defaults empty, or granted only to named principals             -> COMPLIANT
 *  4. Settings returned without the default-permission lists               -> COMPLIANT (nothing granted)
 */
export const rule = defineRule({
  ...meta,
  lookups: { dataLakeSettings: getDataLakeSettings },
  async evaluate({ lookups, accountId }) {
    const settings = await lookups.dataLakeSettings(accountId);
    const offenders: string[] = [];
    for (const [field, what] of DEFAULTS) {
      const granted = iamAllowedGrant(settings[field]);
      if (granted.length > 0) {
        offenders.push(`${field} (${what}: ${granted.join(', ')} to ${IAM_ALLOWED_PRINCIPALS})`);
      }
    }
    if (offenders.length > 0) {
      return {
        compliance: Compliance.NON_COMPLIANT,
        annotation: describeOffenders('Lake Formation defaults leave access to IAM', offenders),
        offenders,
      };
    }
    return {
      compliance: Compliance.COMPLIANT,
      annotation: `New databases and tables get no default grant to ${IAM_ALLOWED_PRINCIPALS}`,
    };
  },
});
