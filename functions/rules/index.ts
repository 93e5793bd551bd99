import type { AnyRule } from '../runtime/rule';
import { rule as databrewJobOutputEncrypted } from './databrew-job-output-encrypted';
import { rule as glueAuditTrailEnabled } from './glue-audit-trail-enabled';
import { rule as glueCatalogConnectionPasswordsEncrypted } from './glue-catalog-connection-passwords-encrypted';
import { rule as glueCatalogMetadataEncrypted } from './glue-catalog-metadata-encrypted';
import { rule as glueCatalogPolicyRestricted } from './glue-catalog-policy-restricted';
import { rule as glueConnectionCredentialsInSecretsManager } from './glue-connection-credentials-in-secrets-manager';
import { rule as glueConnectionInVpc } from './glue-connection-in-vpc';
import { rule as glueConnectionSslEnforced } from './glue-connection-ssl-enforced';
import { rule as glueConnectionTagged } from './glue-connection-tagged';
import { rule as glueCrawlerSecurityConfigurationEncrypted } from './glue-crawler-security-configuration-encrypted';
import { rule as glueDevEndpointSecurityConfigurationEncrypted } from './glue-dev-endpoint-security-configuration-encrypted';
import { rule as glueIamJobVpcRestricted } from './glue-iam-job-vpc-restricted';
import { rule as glueIamPolicyLeastPrivilege } from './glue-iam-policy-least-privilege';
import { rule as glueJobLoggingEnabled } from './glue-job-logging-enabled';
import { rule as glueJobNetworkIsolated } from './glue-job-network-isolated';
import { rule as glueJobNoPlaintextSecrets } from './glue-job-no-plaintext-secrets';
import { rule as glueJobSecurityConfigurationEncrypted } from './glue-job-security-configuration-encrypted';
import { rule as glueJobSupportedVersion } from './glue-job-supported-version';
import { rule as glueJobTagged } from './glue-job-tagged';
import { rule as glueLakeformationPermissionsEnforced } from './glue-lakeformation-permissions-enforced';
import { rule as glueMlTransformEncrypted } from './glue-ml-transform-encrypted';
import { rule as glueMlTransformTagged } from './glue-ml-transform-tagged';
import { rule as glueS3TargetsSslOnly } from './glue-s3-targets-ssl-only';
import { rule as glueSecurityConfigurationEncrypted } from './glue-security-configuration-encrypted';
import { rule as glueVpcEndpointConfigured } from './glue-vpc-endpoint-configured';

/**
 * The registry: one line per rule, with its evaluation (the Lambda handlers and the CLI scan run
 * it). What needs only metadata (notifier, stack, README, listings) reads ./catalog.ts instead,
 * which lists the same rules in the same order (tested).
 */
export const rules: readonly AnyRule[] = [
  glueCatalogMetadataEncrypted,
  glueCatalogConnectionPasswordsEncrypted,
  glueJobSecurityConfigurationEncrypted,
  glueConnectionSslEnforced,
  glueCatalogPolicyRestricted,
  glueLakeformationPermissionsEnforced,
  glueConnectionCredentialsInSecretsManager,
  glueConnectionInVpc,
  glueCrawlerSecurityConfigurationEncrypted,
  glueDevEndpointSecurityConfigurationEncrypted,
  glueSecurityConfigurationEncrypted,
  databrewJobOutputEncrypted,
  glueConnectionTagged,
  glueJobLoggingEnabled,
  glueJobNetworkIsolated,
  glueJobNoPlaintextSecrets,
  glueJobSupportedVersion,
  glueJobTagged,
  glueMlTransformEncrypted,
  glueMlTransformTagged,
  glueVpcEndpointConfigured,
  glueIamPolicyLeastPrivilege,
  glueIamJobVpcRestricted,
  glueAuditTrailEnabled,
  glueS3TargetsSslOnly,
];

/** The rule with this id, or an error listing the known ids. */
export function getRule(id: string): AnyRule {
  const rule = rules.find((r) => r.id === id);
  if (!rule) throw new Error(`Unknown rule '${id}'. Known rules: ${rules.map((r) => r.id).join(', ')}`);
  return rule;
}
