import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../infra/config';
import { GlueGuardrailsOrgStack } from '../../infra/organization-stack';
import { tempOutdir } from './support';

function synthOrg(organization: Record<string, unknown>): Template {
  const dir = tempOutdir('org-aggregator');
  const memberTemplatePath = join(dir, 'member.template.json');
  writeFileSync(memberTemplatePath, JSON.stringify({ Resources: {} }));
  const app = new App({ outdir: join(dir, 'out') });
  const stack = new GlueGuardrailsOrgStack(app, 'Org', {
    config: parseConfig({ organization }),
    memberTemplatePath,
    memberUsesAssets: false,
  });
  return Template.fromStack(stack);
}

describe('Organization stack: the Config aggregator setting', () => {
  it('defaults to an aggregator named glue-guardrails over the StackSet regions', () => {
    // Act
    const config = parseConfig({});

    // Assess
    expect(config.organization.aggregator).toEqual({
      enabled: true,
      name: 'glue-guardrails',
      allRegions: false,
    });
  });

  it('aggregates every region with allRegions, under the configured name', () => {
    // Act
    const template = synthOrg({ aggregator: { name: 'acme_org-view', allRegions: true } });

    // Assess
    const aggregators = Object.values(template.findResources('AWS::Config::ConfigurationAggregator'));
    expect(aggregators.map((r) => r.Properties)).toEqual([
      {
        ConfigurationAggregatorName: 'acme_org-view',
        OrganizationAggregationSource: {
          RoleArn: { 'Fn::GetAtt': [expect.stringMatching(/^AggregatorRole/), 'Arn'] },
          AllAwsRegions: true,
        },
      },
    ]);
  });

  it('creates neither the aggregator nor its role when disabled', () => {
    // Act
    const template = synthOrg({ aggregator: { enabled: false } });

    // Assess
    template.resourceCountIs('AWS::Config::ConfigurationAggregator', 0);
    template.resourceCountIs('AWS::IAM::Role', 0);
    template.resourceCountIs('AWS::CloudFormation::StackSet', 1);
  });

  it('rejects an invalid aggregator name and unknown aggregator settings', () => {
    // Act
    const attempt = (): unknown =>
      parseConfig({ organization: { aggregator: { name: 'org view', enable: false, allRegions: 'yes' } } });

    // Assess
    expect(attempt).toThrow(/organization\.aggregator\.name: "org view" does not match/);
    expect(attempt).toThrow(/organization\.aggregator\.enable: unknown setting/);
    expect(attempt).toThrow(/organization\.aggregator\.allRegions: must be true or false/);
  });
});
