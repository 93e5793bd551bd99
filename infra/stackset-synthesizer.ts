import { extname } from 'node:path';
import {
  Annotations,
  AssetManifestBuilder,
  CfnParameter,
  type DockerImageAssetLocation,
  type DockerImageAssetSource,
  type FileAssetLocation,
  FileAssetPackaging,
  type FileAssetSource,
  Fn,
  type ISynthesisSession,
  StackSynthesizer,
} from 'aws-cdk-lib';
import type { OrganizationSettings } from './config';

/** The member template's parameter naming the account that published the code. */
export const ASSET_ACCOUNT_PARAMETER = 'AssetAccountId';

/**
 * Synthesizes the per-account stack for a StackSet. Member accounts are not CDK-bootstrapped, so
 * Lambda code cannot come from a bootstrap bucket: it is published (`cdk publish-assets`) to one
 * bucket per target region, `<prefix>-<publishing account>-<region>` (Lambda reads code only from
 * its own region), and the template points there with `Fn::Sub`. No bootstrap version rule.
 */
export class StackSetAssetSynthesizer extends StackSynthesizer {
  private readonly manifest = new AssetManifestBuilder();
  private accountParameter?: CfnParameter;

  constructor(
    private readonly settings: Pick<OrganizationSettings, 'assetBucketPrefix' | 'assetKeyPrefix' | 'regions'>,
  ) {
    super();
  }

  /** True once a file asset references the code buckets (the template then takes AssetAccountId). */
  get usesAssets(): boolean {
    return this.accountParameter !== undefined;
  }

  override addFileAsset(asset: FileAssetSource): FileAssetLocation {
    if (!asset.fileName || !asset.packaging) {
      throw new Error('StackSet assets must be files or directories (no build commands)');
    }
    const stack = this.boundStack;
    if (!this.accountParameter) {
      this.accountParameter = new CfnParameter(stack, ASSET_ACCOUNT_PARAMETER, {
        type: 'String',
        allowedPattern: '^\\d{12}$',
        description: 'Account that published the Lambda code (the StackSet administrator passes its own)',
      });
      if (this.settings.regions.length === 0) {
        Annotations.of(stack).addWarningV2(
          'glue-guardrails:no-asset-regions',
          'organization.regions is empty: Lambda code will not be published for StackSet member accounts',
        );
      }
    }
    const extension = asset.packaging === FileAssetPackaging.ZIP_DIRECTORY ? '.zip' : extname(asset.fileName);
    const objectKey = `${this.settings.assetKeyPrefix}${asset.sourceHash}${extension}`;
    for (const region of this.settings.regions) {
      this.manifest.addFileAsset(
        stack,
        asset.sourceHash,
        { path: asset.fileName, packaging: asset.packaging },
        // cdk-assets fills ${AWS::AccountId} with the publishing credentials' account.
        { bucketName: `${this.settings.assetBucketPrefix}-\${AWS::AccountId}-${region}`, objectKey, region },
      );
    }
    const bucketName = Fn.sub(
      `${this.settings.assetBucketPrefix}-\${${ASSET_ACCOUNT_PARAMETER}}-\${AWS::Region}`,
    );
    return {
      bucketName,
      objectKey,
      httpUrl: Fn.sub(`https://${bucketName}.s3.\${AWS::Region}.\${AWS::URLSuffix}/${objectKey}`),
      s3ObjectUrl: Fn.sub(`s3://${bucketName}/${objectKey}`),
    };
  }

  override addDockerImageAsset(_asset: DockerImageAssetSource): DockerImageAssetLocation {
    throw new Error('The StackSet member stack has no container images');
  }

  override synthesize(session: ISynthesisSession): void {
    this.synthesizeTemplate(session);
    const manifestId = this.manifest.emitManifest(this.boundStack, session);
    this.emitArtifact(session, { additionalDependencies: [manifestId] });
  }
}
