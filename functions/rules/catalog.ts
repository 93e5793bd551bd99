// Every rule's metadata, without evaluation code or SDK clients: what the notifier, the CLI's
// listings, the stack and the README read. The registry (./index.ts) holds the same rules, in the
// same order, with their evaluation (tested).
import type { AnyRuleMeta } from '../runtime/meta';
import { meta as databrewJobOutputEncrypted } from './meta/databrew-job-output-encrypted';
import { meta as glueAuditTrailEnabled } from './meta/glue-audit-trail-enabled';
import { meta as glueCatalogConnectionPasswordsEncrypted } from './meta/glue-catalog-connection-passwords-encrypted';
import { meta as glueCatalogMetadataEncrypted } from './meta/glue-catalog-metadata-encrypted';
import { meta as glueCatalogPolicyRestricted } from './meta/glue-catalog-policy-restricted';
import { meta as glueConnectionCredentialsInSecretsManager } from './meta/glue-connection-credentials-in-secrets-manager';
import { meta as glueConnectionInVpc } from './meta/glue-connection-in-vpc';
import { meta as glueConnectionSslEnforced } from './meta/glue-connection-ssl-enforced';
import { meta as glueConnectionTagged } from './meta/glue-connection-tagged';
import { meta as glueCrawlerSecurityConfigurationEncrypted } from './meta/glue-crawler-security-configuration-encrypted';
import { meta as glueDevEndpointSecurityConfigurationEncrypted } from './meta/glue-dev-endpoint-security-configuration-encrypted';
import { meta as glueIamJobVpcRestricted } from './meta/glue-iam-job-vpc-restricted';
import { meta as glueIamPolicyLeastPrivilege } from './meta/glue-iam-policy-least-privilege';
import { meta as glueJobLoggingEnabled } from './meta/glue-job-logging-enabled';
import { meta as glueJobNetworkIsolated } from './meta/glue-job-network-isolated';
import { meta as glueJobNoPlaintextSecrets } from './meta/glue-job-no-plaintext-secrets';
import { meta as glueJobSecurityConfigurationEncrypted } from './meta/glue-job-security-configuration-encrypted';
import { meta as glueJobSupportedVersion } from './meta/glue-job-supported-version';
import { meta as glueJobTagged } from './meta/glue-job-tagged';
import { meta as glueLakeformationPermissionsEnforced } from './meta/glue-lakeformation-permissions-enforced';
import { meta as glueMlTransformEncrypted } from './meta/glue-ml-transform-encrypted';
import { meta as glueMlTransformTagged } from './meta/glue-ml-transform-tagged';
import { meta as glueS3TargetsSslOnly } from './meta/glue-s3-targets-ssl-only';
import { meta as glueSecurityConfigurationEncrypted } from './meta/glue-security-configuration-encrypted';
import { meta as glueVpcEndpointConfigured } from './meta/glue-vpc-endpoint-configured';

/** The catalog: one line per rule, in registry order. */
export const ruleCatalog: readonly AnyRuleMeta[] = [
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

/** The metadata of the rule with this id, or an error listing the known ids. */
export function getRuleMeta(id: string): AnyRuleMeta {
  const meta = ruleCatalog.find((r) => r.id === id);
  if (!meta) throw new Error(`Unknown rule '${id}'. Known rules: ${ruleCatalog.map((r) => r.id).join(', ')}`);
  return meta;
}
