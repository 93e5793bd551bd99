import { CfnParameter, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as cloudformation from 'aws-cdk-lib/aws-cloudformation';
import * as config from 'aws-cdk-lib/aws-config';
import * as iam from 'aws-cdk-lib/aws-iam';
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
  /** The organization-wide Config aggregator (absent when organization.aggregator.enabled is false). */
  readonly aggregator?: config.CfnConfigurationAggregator;

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
    if (org.aggregator.enabled) {
      this.aggregator = this.organizationAggregator(org.aggregator, regions.valueAsList);
    }
  }

  /**
   * The organization view: an AWS Config aggregator over every account of the organization, in
   * this (management or delegated administrator) account, read by `glue-guardrails scan
   * --aggregator`. Its role carries the AWS-managed AWSConfigRoleForOrganizations (read-only
   * Organizations calls Config needs to list the accounts).
   */
  private organizationAggregator(
    settings: GuardrailsConfig['organization']['aggregator'],
    regions: string[],
  ): config.CfnConfigurationAggregator {
    const role = new iam.Role(this, 'AggregatorRole', {
      assumedBy: new iam.ServicePrincipal('config.amazonaws.com'),
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSConfigRoleForOrganizations'),
      ],
      description: 'glue-guardrails: AWS Config organization aggregator',
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSConfigRoleForOrganizations]',
      reason:
        'AWSConfigRoleForOrganizations is the AWS-maintained policy for organization aggregators; it ' +
        'follows the Organizations calls Config makes, which a hand-written copy would not',
    });
    return new config.CfnConfigurationAggregator(this, 'Aggregator', {
      configurationAggregatorName: settings.name,
      organizationAggregationSource: {
        roleArn: role.roleArn,
        ...(settings.allRegions ? { allAwsRegions: true } : { awsRegions: regions }),
      },
    });
  }
}
