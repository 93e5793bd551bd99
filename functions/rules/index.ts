import type { AnyRule } from '../runtime/rule';
import { rule as glueCatalogConnectionPasswordsEncrypted } from './glue-catalog-connection-passwords-encrypted';
import { rule as glueCatalogMetadataEncrypted } from './glue-catalog-metadata-encrypted';
import { rule as glueCatalogPolicyRestricted } from './glue-catalog-policy-restricted';
import { rule as glueConnectionSslEnforced } from './glue-connection-ssl-enforced';
import { rule as glueJobSecurityConfigurationEncrypted } from './glue-job-security-configuration-encrypted';

/** The registry: one line per rule. The handlers, CLI, stack and README table all come from it. */
export const rules: readonly AnyRule[] = [
  glueCatalogMetadataEncrypted,
  glueCatalogConnectionPasswordsEncrypted,
  glueJobSecurityConfigurationEncrypted,
  glueConnectionSslEnforced,
  glueCatalogPolicyRestricted,
];

/** The rule with this id, or an error listing the known ids. */
export function getRule(id: string): AnyRule {
  const rule = rules.find((r) => r.id === id);
  if (!rule) throw new Error(`Unknown rule '${id}'. Known rules: ${rules.map((r) => r.id).join(', ')}`);
  return rule;
}
