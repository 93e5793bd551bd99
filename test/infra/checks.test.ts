import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { rules } from '../../functions/rules/index';
import { buildApp, type GuardrailsApp } from '../../infra/build-app';
import { enabledRules } from '../../infra/config';
import { conformancePackTemplate } from '../../infra/conformance-pack';
import { loadRemediationDocuments } from '../../infra/remediations';
import { fullConfig, PREFIX, policiesOfRole, policyActions, tempOutdir } from './support';

const CFN_LINT = join(import.meta.dirname, '..', '..', '.venv', 'bin', 'cfn-lint');

type Resource = { Type: string; Properties: Record<string, unknown> };
type Template = {
  Resources: Record<string, Resource>;
  Parameters?: Record<string, unknown>;
  Rules?: unknown;
};

let outdir: string;
let built: GuardrailsApp;
const templates: Record<string, string> = {};
const read = (path: string): Template => JSON.parse(readFileSync(path, 'utf8')) as Template;

beforeAll(async () => {
  outdir = tempOutdir('checks');
  built = await buildApp({
    skipBundling: true,
    nag: true,
    builtinValidation: false,
    outdir,
    context: { glueGuardrails: fullConfig() },
  });
  built.app.synth();
  const memberDir = join(outdir, 'assembly-GlueGuardrailsMember');
  const member = readdirSync(memberDir).find((f) => f.endsWith('.template.json'));
  templates.account = join(outdir, 'GlueGuardrails.template.json');
  templates.organization = join(outdir, 'GlueGuardrailsOrg.template.json');
  templates.member = join(memberDir, member ?? 'missing');
}, 180_000);

describe('Infrastructure checks', () => {
  it('has zero unacknowledged cdk-nag AwsSolutions findings', () => {
    // Act
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: Array<{
        pluginName: string;
        violations: Array<{ ruleName: string; violatingConstructs: Array<{ constructPath: string }> }>;
      }>;
    };
    const findings = report.pluginReports.flatMap((p) =>
      p.violations.flatMap((v) => v.violatingConstructs.map((c) => `${v.ruleName} ${c.constructPath}`)),
    );

    // Assess
    expect(findings).toEqual([]);
  });

  it('passes cfn-lint on every synthesized template', async () => {
    // Act
    const run = promisify(execFile)(
      CFN_LINT,
      [templates.account!, templates.member!, templates.organization!],
      {
        timeout: 120_000,
      },
    );

    // Assess
    await expect(run).resolves.toMatchObject({ stdout: '' });
  }, 150_000);

  it('deploys the member stack to the organization with a service-managed, auto-deploying StackSet', () => {
    // Act
    const org = read(templates.organization!);
    const [stackSet] = Object.values(org.Resources).filter((r) => r.Type === 'AWS::CloudFormation::StackSet');

    // Assess
    expect(stackSet?.Properties).toMatchObject({
      PermissionModel: 'SERVICE_MANAGED',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
      CallAs: 'DELEGATED_ADMIN',
      Capabilities: ['CAPABILITY_IAM'],
      StackInstancesGroup: [
        {
          DeploymentTargets: { OrganizationalUnitIds: { Ref: 'OrganizationalUnitIds' } },
          Regions: { Ref: 'Regions' },
        },
      ],
    });
    expect(stackSet?.Properties.TemplateBody).toBeUndefined();
    expect(JSON.stringify(stackSet?.Properties.TemplateURL)).toMatch(/\.json"?}?$/);
    expect(org.Parameters?.OrganizationalUnitIds).toMatchObject({ Default: 'ou-ab12-34cd56ef' });
    expect(org.Parameters?.Regions).toMatchObject({ Default: 'us-east-1,eu-west-1' });
  });

  it('creates an organization-wide Config aggregator over the StackSet regions, with its role (on by default)', () => {
    // Act
    const org = read(templates.organization!);
    const aggregators = Object.values(org.Resources).filter(
      (r) => r.Type === 'AWS::Config::ConfigurationAggregator',
    );
    const roles = Object.entries(org.Resources).filter(([, r]) => r.Type === 'AWS::IAM::Role');

    // Assess
    expect(aggregators).toHaveLength(1);
    expect(roles).toHaveLength(1);
    const [roleId, role] = roles[0]!;
    expect(aggregators[0]?.Properties).toEqual({
      ConfigurationAggregatorName: 'glue-guardrails',
      OrganizationAggregationSource: {
        RoleArn: { 'Fn::GetAtt': [roleId, 'Arn'] },
        AwsRegions: { Ref: 'Regions' },
      },
    });
    expect(role.Properties).toEqual({
      AssumeRolePolicyDocument: {
        Statement: [
          { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'config.amazonaws.com' } },
        ],
        Version: '2012-10-17',
      },
      Description: 'glue-guardrails: AWS Config organization aggregator',
      ManagedPolicyArns: [
        {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              ':iam::aws:policy/service-role/AWSConfigRoleForOrganizations',
            ],
          ],
        },
      ],
    });
  });

  it('ships a member template without CDK bootstrap requirements (member accounts are not bootstrapped)', () => {
    // Act
    const member = read(templates.member!);
    const account = read(templates.account!);

    // Assess
    expect(member.Parameters?.BootstrapVersion).toBeUndefined();
    expect(member.Rules).toBeUndefined();
    expect(account.Parameters?.BootstrapVersion).toBeDefined();
    const types = (t: Template): string[] =>
      Object.values(t.Resources)
        .map((r) => r.Type)
        .sort();
    expect(types(member)).toEqual(types(account));
  });

  it('gives the notifier exactly log writing, publishing, the suite key, keeping failures and reading executions', () => {
    // Prepare
    const account = read(templates.account!);
    const [roleId] = Object.entries(account.Resources).find(
      ([id, r]) => r.Type === 'AWS::IAM::Role' && id.startsWith('NotifierHandlerRole'),
    )!;

    // Act
    const actions = policiesOfRole(account.Resources, roleId).flatMap(policyActions);

    // Assess
    expect(actions.sort()).toEqual(
      [
        'kms:Decrypt',
        'kms:GenerateDataKey',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'sns:Publish',
        'sqs:SendMessage',
        'ssm:GetAutomationExecution',
      ].sort(),
    );
  });

  it('exports a conformance pack whose rules carry the same triggers as the deployed ones', () => {
    // Prepare
    const account = read(templates.account!);
    const enabled = enabledRules(built.config);
    const documents = loadRemediationDocuments(
      enabled.flatMap((r) => (r.remediation ? [r.remediation.document] : [])),
    );

    // Act
    const pack = conformancePackTemplate(built.config, enabled, documents, {
      functionArnPrefix: 'arn:aws:lambda:us-east-1:111122223333:function:',
      remediationRoleArn: 'arn:aws:iam::111122223333:role/glue-guardrails-remediation',
      topicArn: 'arn:aws:sns:us-east-1:111122223333:glue-guardrails-alerts',
    });

    // Assess
    const packResources = Object.values(pack.template.Resources) as Resource[];
    expect(new Set(packResources.map((r) => r.Type))).toEqual(
      new Set(['AWS::Config::ConfigRule', 'AWS::Config::RemediationConfiguration']),
    );
    expect(pack.notes).toEqual([]);
    for (const rule of rules) {
      const name = `${PREFIX}${rule.id}`;
      const deployed = Object.values(account.Resources).find(
        (r) => r.Properties.ConfigRuleName === name && r.Type === 'AWS::Config::ConfigRule',
      );
      const packed = packResources.find(
        (r) => r.Properties.ConfigRuleName === name && r.Type === 'AWS::Config::ConfigRule',
      );
      const details = (r: Resource | undefined): unknown =>
        (r?.Properties.Source as { SourceDetails: unknown } | undefined)?.SourceDetails;
      expect(details(packed), rule.id).toEqual(details(deployed));
      expect(packed?.Properties.Scope, rule.id).toEqual(deployed?.Properties.Scope);
      expect((packed?.Properties.Source as { SourceIdentifier?: string } | undefined)?.SourceIdentifier).toBe(
        `arn:aws:lambda:us-east-1:111122223333:function:${name}`,
      );
    }
  });
});
