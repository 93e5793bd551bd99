import { CfnParameter, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudformation from 'aws-cdk-lib/aws-cloudformation';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import type { Construct } from 'constructs';
import type { GuardrailsConfig } from './config';
import { ASSET_ACCOUNT_PARAMETER } from './stackset-synthesizer';

export interface OrganizationStackProps extends StackProps {
  config: GuardrailsConfig;
  /** The synthesized member template (the account stack with StackSet asset locations). */
  memberTemplatePath: string;
  /** Whether the member template takes AssetAccountId (it references published Lambda code). */
  memberUsesAssets: boolean;
}

/**
 * Deploys the per-account stack to every account of the chosen OUs, in the chosen regions, with a
 * service-managed StackSet (auto-deployment on: accounts joining an OU get it, leaving ones lose it).
 * The template goes by URL (a CDK file asset of this stack): the account template is far over the
 * 51,200-byte TemplateBody limit once the Automation documents are inlined.
 */
export class GlueGuardrailsOrgStack extends Stack {
  readonly stackSet: cloudformation.CfnStackSet;

  constructor(scope: Construct, id: string, props: OrganizationStackProps) {
    super(scope, id, props);
    const org = props.config.organization;
    const ous = new CfnParameter(this, 'OrganizationalUnitIds', {
      type: 'CommaDelimitedList',
      description: 'Organizational units (ou-... or the root r-...) whose accounts get the guardrails',
      ...(org.organizationalUnitIds.length > 0 ? { default: org.organizationalUnitIds.join(',') } : {}),
    });
    const regions = new CfnParameter(this, 'Regions', {
      type: 'CommaDelimitedList',
      description: 'Regions of each target account (Lambda code must be published there first)',
      ...(org.regions.length > 0 ? { default: org.regions.join(',') } : {}),
    });
    const template = new Asset(this, 'MemberTemplate', { path: props.memberTemplatePath });
    this.stackSet = new cloudformation.CfnStackSet(this, 'StackSet', {
      stackSetName: org.stackSetName,
      description: 'glue-guardrails: AWS Config rules, remediations and alerts for AWS Glue',
      permissionModel: 'SERVICE_MANAGED',
      autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
      callAs: org.callAs,
      capabilities: ['CAPABILITY_IAM'],
      managedExecution: { Active: true },
      templateUrl: template.httpUrl,
      parameters: props.memberUsesAssets
        ? [{ parameterKey: ASSET_ACCOUNT_PARAMETER, parameterValue: this.account }]
        : undefined,
      operationPreferences: {
        maxConcurrentPercentage: org.maxConcurrentPercentage,
        failureTolerancePercentage: org.failureTolerancePercentage,
        regionConcurrencyType: 'PARALLEL',
      },
      stackInstancesGroup: [
        {
          deploymentTargets: { organizationalUnitIds: ous.valueAsList },
          regions: regions.valueAsList,
        },
      ],
    });
  }
}
