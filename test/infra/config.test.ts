// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ARN templates and CloudFormation Fn::Sub text, not JS placeholders
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { rules } from '../../functions/rules/index';
import { buildApp } from '../../infra/build-app';
import { InvalidConfigurationError, parseConfig } from '../../infra/config';
import { tempOutdir } from './support';

const JOB_RULE = 'glue-job-security-configuration-encrypted';
const CATALOG_RULE = 'glue-catalog-metadata-encrypted';

function problemsOf(raw: unknown): string[] {
  try {
    parseConfig(raw);
  } catch (error) {
    if (error instanceof InvalidConfigurationError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('Infrastructure configuration', () => {
  it('defaults to every registered rule, registry remediation modes, one-year log retention', () => {
    // Act
    const config = parseConfig(undefined);

    // Assess
    expect(config.enabledRules).toEqual(rules.map((r) => r.id));
    expect(config.rules[JOB_RULE]?.remediation).toMatchObject({
      automatic: false,
      maximumAutomaticAttempts: 3,
    });
    expect(config.rules[CATALOG_RULE]?.remediation?.automatic).toBe(false);
    expect(config.rules['glue-job-logging-enabled']?.remediation?.automatic).toBe(true);
    expect(config.logRetentionDays).toBe(365);
    expect(config.createConfigRecorder).toBe(false);
    expect(config.evaluationMaxAgeHours).toBe(168);
  });

  it('takes evaluationMaxAgeHours from 0 (every evaluation put) to 2160, whole hours only', () => {
    // Act
    const off = parseConfig({ evaluationMaxAgeHours: 0 });
    const problems = [-1, 2161, 1.5, '168'].map((v) => problemsOf({ evaluationMaxAgeHours: v }));

    // Assess
    expect(off.evaluationMaxAgeHours).toBe(0);
    for (const p of problems) expect(p).toEqual([expect.stringContaining('evaluationMaxAgeHours')]);
  });

  it('rejects a rule parameter with the runtime parser’s own message', () => {
    // Act
    const problems = problemsOf({ rules: { [JOB_RULE]: { parameters: { allowSseS3: 'maybe' } } } });

    // Assess
    expect(problems).toEqual([
      `rules.${JOB_RULE}.parameters: Invalid rule parameter 'allowSseS3': expected true or false, got "maybe"`,
    ]);
  });

  it('names every invalid setting at once', () => {
    // Act
    const problems = problemsOf({
      enabledRules: ['glue-no-such-rule'],
      rules: {
        [JOB_RULE]: { parameters: { allowSSE: 'true' }, remediation: { maximumAutomaticAttempts: 30 } },
      },
      notificationEmail: 'not-an-address',
      logRetentionDays: 42,
      organization: { organizationalUnitIds: ['engineering'], callAs: 'ADMIN' },
      recorder: true,
    });

    // Assess
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('configuration.recorder: unknown setting'),
        expect.stringContaining("enabledRules: unknown rule 'glue-no-such-rule'"),
        expect.stringContaining("Invalid rule parameter 'allowSSE': is not a parameter of this rule"),
        expect.stringContaining(
          `rules.${JOB_RULE}.remediation.maximumAutomaticAttempts: must be an integer from 1 to 25`,
        ),
        expect.stringContaining('notificationEmail: "not-an-address" is not an e-mail address'),
        expect.stringContaining('logRetentionDays: must be one of'),
        expect.stringContaining('organization.organizationalUnitIds[0]: "engineering" does not match'),
        expect.stringContaining('organization.callAs: must be SELF or DELEGATED_ADMIN'),
      ]),
    );
  });

  it.each([
    ['the whole configuration is not an object', 'not an object', ['configuration: must be an object']],
    ['rules is a list', { rules: [] }, ['rules: must be an object']],
    [
      'enabledRules is one string',
      { enabledRules: 'glue-job-tagged' },
      ['enabledRules: must be a list of strings', 'enabledRules: no rule is enabled'],
    ],
    [
      "a rule's settings are a string",
      { rules: { [JOB_RULE]: 'on' } },
      [`rules.${JOB_RULE}: must be an object`],
    ],
    [
      'a rule parameter is null',
      { rules: { [JOB_RULE]: { parameters: { allowSseS3: null } } } },
      [`rules.${JOB_RULE}.parameters.allowSseS3: must be a string, number or boolean`],
    ],
    [
      'remediation parameters hold an object and a mixed list',
      {
        rules: {
          [JOB_RULE]: { remediation: { parameters: { KmsKeyId: 'k', Bad: { x: 1 }, Mixed: ['a', 2] } } },
        },
      },
      [
        `rules.${JOB_RULE}.remediation.parameters.Bad: must be a string, number, boolean or list of strings`,
        `rules.${JOB_RULE}.remediation.parameters.Mixed: must be a string, number, boolean or list of strings`,
      ],
    ],
    [
      'a rule without a remediation is given one',
      { rules: { 'glue-lakeformation-permissions-enforced': { remediation: { automatic: true } } } },
      ['rules.glue-lakeformation-permissions-enforced.remediation: this rule has no remediation'],
    ],
  ])('names a wrongly typed setting by its path: %s', (_case, raw, expected) => {
    // Act / Assess
    expect(problemsOf(raw)).toEqual(expected);
  });

  it('names an unknown rule under rules, listing the known ones', () => {
    // Act
    const problems = problemsOf({ rules: { 'glue-no-such-rule': {} } });
    // Assess
    expect(problems).toEqual([
      `rules.glue-no-such-rule: unknown rule (known: ${rules.map((r) => r.id).join(', ')})`,
    ]);
  });

  it('turns numbers and booleans into the strings Config and SSM take, and keeps lists', () => {
    // Act
    const config = parseConfig({
      rules: {
        [JOB_RULE]: {
          parameters: { allowSseS3: true },
          remediation: { parameters: { KmsKeyId: 'k', SubnetIds: ['a', 'b'], Flag: false, Count: 3 } },
        },
      },
    });
    // Assess
    expect(config.rules[JOB_RULE]?.parameters).toEqual({ allowSseS3: 'true' });
    expect(config.rules[JOB_RULE]?.remediation?.parameters).toEqual({
      KmsKeyId: 'k',
      SubnetIds: ['a', 'b'],
      Flag: 'false',
      Count: '3',
    });
  });

  it('defaults glueServiceRoleArns to the Glue service role naming convention', () => {
    // Act
    const config = parseConfig({});

    // Assess
    expect(config.glueServiceRoleArns).toEqual([
      'arn:${Partition}:iam::${Account}:role/service-role/AWSGlueServiceRole*',
      'arn:${Partition}:iam::${Account}:role/AWSGlueServiceRole*',
    ]);
    expect(config.connectionPasswordKeyArn).toBeUndefined();
  });

  it('rejects Glue service role patterns that are not role ARNs or that match every role', () => {
    // Act
    const problems = problemsOf({
      glueServiceRoleArns: [
        'arn:aws:iam::111122223333:role/etl-*',
        'AWSGlueServiceRole*',
        'arn:aws:iam::*:role/AWSGlueServiceRole*',
        'arn:${Partition}:iam::${Account}:role/*',
        'arn:aws:s3:::bucket/role/x',
      ],
    });

    // Assess
    expect(problems).toEqual([
      expect.stringMatching(
        /^glueServiceRoleArns\[1\]: "AWSGlueServiceRole\*" is not an IAM role ARN or ARN pattern/,
      ),
      expect.stringMatching(/^glueServiceRoleArns\[2\]: .* is not an IAM role ARN or ARN pattern/),
      'glueServiceRoleArns[3]: "arn:${Partition}:iam::${Account}:role/*" matches every role: name the Glue service roles',
      expect.stringMatching(/^glueServiceRoleArns\[4\]: .* is not an IAM role ARN or ARN pattern/),
    ]);
  });

  it('rejects an empty glueServiceRoleArns and a connectionPasswordKeyArn that is not a key ARN', () => {
    // Act
    const problems = problemsOf({
      glueServiceRoleArns: [],
      connectionPasswordKeyArn: 'arn:aws:kms:us-east-1:111122223333:alias/glue-passwords',
    });

    // Assess
    expect(problems).toEqual([
      'glueServiceRoleArns: must be a non-empty list of IAM role ARNs or ARN patterns',
      expect.stringMatching(/^connectionPasswordKeyArn: ".*alias\/glue-passwords" is not a KMS key ARN/),
    ]);
  });

  it('fails synth with the configuration message, from context JSON text', async () => {
    // Prepare
    const context = {
      glueGuardrails: JSON.stringify({ rules: { [JOB_RULE]: { parameters: { allowSseS3: 'maybe' } } } }),
    };

    // Act
    const build = buildApp({ skipBundling: true, nag: false, outdir: tempOutdir('bad'), context });

    // Assess
    await expect(build).rejects.toThrow(
      /Invalid glue-guardrails configuration:\n {2}- rules\.glue-job-security-configuration-encrypted\.parameters/,
    );
  });

  it('reads the configuration from a file named in context', async () => {
    // Prepare
    const outdir = tempOutdir('file');
    const file = join(outdir, 'guardrails.json');
    writeFileSync(file, JSON.stringify({ enabledRules: [JOB_RULE], namePrefix: 'file-' }));

    // Act
    const built = await buildApp({
      skipBundling: true,
      nag: false,
      builtinValidation: false,
      outdir,
      context: { glueGuardrailsConfigFile: file },
    });

    // Assess
    Template.fromStack(built.account).resourcePropertiesCountIs(
      'AWS::Config::ConfigRule',
      { ConfigRuleName: `file-${JOB_RULE}` },
      1,
    );
  });

  it('deploys the rule but not a remediation whose required document parameters are unset, and says so', async () => {
    // Prepare
    const context = { glueGuardrails: { enabledRules: [CATALOG_RULE] } };

    // Act
    const built = await buildApp({
      skipBundling: true,
      nag: false,
      builtinValidation: false,
      outdir: tempOutdir('warn'),
      context,
    });

    // Assess
    const template = Template.fromStack(built.account);
    template.resourceCountIs('AWS::Config::ConfigRule', 1);
    template.resourceCountIs('AWS::Config::RemediationConfiguration', 0);
    template.resourceCountIs('AWS::SSM::Document', 0);
    Annotations.fromStack(built.account).hasWarning(
      '*',
      Match.stringLikeRegexp(`set rules\\.${CATALOG_RULE}\\.remediation\\.parameters\\.KmsKeyId`),
    );
  });

  it('refuses to let configuration set a parameter the deployment owns', async () => {
    // Prepare
    const context = {
      glueGuardrails: {
        enabledRules: [JOB_RULE],
        rules: {
          [JOB_RULE]: {
            remediation: { parameters: { NotificationTopicArn: 'arn:aws:sns:us-east-1:111122223333:x' } },
          },
        },
      },
    };

    // Act
    const build = buildApp({ skipBundling: true, nag: false, outdir: tempOutdir('owned'), context });

    // Assess
    await expect(build).rejects.toThrow(/NotificationTopicArn is set by the deployment/);
  });
});
