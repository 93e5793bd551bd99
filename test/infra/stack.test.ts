// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ARN templates and CloudFormation Fn::Sub text, not JS placeholders
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { rules } from '../../functions/rules/index';
import { buildApp } from '../../infra/build-app';
import {
  fullConfig,
  KMS_KEY,
  PREFIX,
  policiesOfRole,
  policyActions,
  policyStatements,
  requiredStaticParameters,
  TAG_READING_RULES,
  tempOutdir,
} from './support';

/** Literal triggers per rule: [change-triggered, periodic frequency (or undefined)]. */
const TRIGGERS: Record<string, [change: boolean, periodic: string | undefined]> = {
  'glue-catalog-metadata-encrypted': [false, 'TwentyFour_Hours'],
  'glue-catalog-connection-passwords-encrypted': [false, 'TwentyFour_Hours'],
  'glue-job-security-configuration-encrypted': [true, 'TwentyFour_Hours'],
  'glue-connection-ssl-enforced': [false, 'TwentyFour_Hours'],
  'glue-catalog-policy-restricted': [false, 'TwentyFour_Hours'],
  'glue-lakeformation-permissions-enforced': [false, 'TwentyFour_Hours'],
  'glue-connection-credentials-in-secrets-manager': [false, 'TwentyFour_Hours'],
  'glue-connection-in-vpc': [false, 'TwentyFour_Hours'],
  'glue-crawler-security-configuration-encrypted': [false, 'TwentyFour_Hours'],
  'glue-dev-endpoint-security-configuration-encrypted': [false, 'TwentyFour_Hours'],
  'glue-security-configuration-encrypted': [false, 'TwentyFour_Hours'],
  'databrew-job-output-encrypted': [false, 'TwentyFour_Hours'],
  'glue-connection-tagged': [false, 'TwentyFour_Hours'],
  'glue-job-logging-enabled': [true, undefined],
  'glue-job-network-isolated': [true, 'TwentyFour_Hours'],
  'glue-job-no-plaintext-secrets': [true, undefined],
  'glue-job-supported-version': [true, undefined],
  'glue-job-tagged': [true, undefined],
  'glue-ml-transform-encrypted': [true, undefined],
  'glue-ml-transform-tagged': [true, undefined],
  'glue-vpc-endpoint-configured': [false, 'TwentyFour_Hours'],
  'glue-iam-policy-least-privilege': [true, 'TwentyFour_Hours'],
  'glue-iam-job-vpc-restricted': [true, 'TwentyFour_Hours'],
  'glue-audit-trail-enabled': [false, 'TwentyFour_Hours'],
  'glue-s3-targets-ssl-only': [false, 'TwentyFour_Hours'],
};
/** Literal actions each document's steps and scripts call (remediation/catalog derives them). */
const DOCUMENT_ACTIONS: Record<string, string[]> = {
  AttachGlueCrawlerSecurityConfiguration: [
    'glue:GetCrawler',
    'glue:GetCrawlers',
    'glue:GetSecurityConfiguration',
    'glue:GetSecurityConfigurations',
    'glue:UpdateCrawler',
    'sns:Publish',
  ],
  AttachGlueJobSecurityConfiguration: [
    'glue:GetJob',
    'glue:GetSecurityConfiguration',
    'glue:UpdateJob',
    'iam:PassRole',
    'sns:Publish',
  ],
  EnableGlueCatalogEncryption: [
    'glue:GetDataCatalogEncryptionSettings',
    'glue:PutDataCatalogEncryptionSettings',
    'kms:DescribeKey',
    'sns:Publish',
  ],
  EnableGlueJobContinuousLogging: ['glue:GetJob', 'glue:UpdateJob', 'iam:PassRole', 'sns:Publish'],
  EnforceGlueConnectionSsl: [
    'glue:GetConnection',
    'glue:GetConnections',
    'glue:UpdateConnection',
    'kms:Decrypt',
    'kms:Encrypt',
    'sns:Publish',
  ],
  RestrictGlueCatalogPolicy: [
    'glue:DeleteResourcePolicy',
    'glue:GetResourcePolicy',
    'glue:PutResourcePolicy',
    'sns:Publish',
  ],
  SetGlueJobDisableProxy: ['glue:GetJob', 'glue:UpdateJob', 'iam:PassRole', 'sns:Publish'],
};

type Resource = { Type: string; Properties: Record<string, unknown>; DependsOn?: string | string[] };
type Template = {
  Resources: Record<string, Resource>;
  Parameters?: Record<string, unknown>;
  Rules?: unknown;
};

let account: Template;
let resources: Record<string, Resource>;

const ofType = (type: string): Array<[string, Resource]> =>
  Object.entries(resources).filter(([, r]) => r.Type === type);
const byName = (type: string, key: string, name: string): [string, Resource] => {
  const found = ofType(type).find(([, r]) => r.Properties[key] === name);
  if (!found) throw new Error(`no ${type} with ${key} ${name}`);
  return found;
};
const roleOf = (fn: Resource): string =>
  (fn.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0] ?? '';
const sorted = (a: Iterable<string>): string[] => [...new Set(a)].sort();

beforeAll(async () => {
  const outdir = tempOutdir('stack');
  const built = await buildApp({
    skipBundling: true,
    nag: false,
    builtinValidation: false,
    outdir,
    context: { glueGuardrails: fullConfig() },
  });
  built.app.synth();
  account = JSON.parse(readFileSync(join(outdir, 'GlueGuardrails.template.json'), 'utf8')) as Template;
  resources = account.Resources;
}, 180_000);

describe('Infrastructure: Config rules from the registry', () => {
  it('deploys one AWS::Config::ConfigRule per enabled rule, named with the prefix', () => {
    // Prepare
    const expected = rules.map((r) => `${PREFIX}${r.id}`).sort();

    // Act
    const names = ofType('AWS::Config::ConfigRule').map(([, r]) => r.Properties.ConfigRuleName as string);

    // Assess
    expect(names.sort()).toEqual(expected);
  });

  it('gives each rule its triggers, and a Scope only when change-triggered', () => {
    expect(Object.keys(TRIGGERS).sort()).toEqual(rules.map((r) => r.id).sort());
    for (const rule of rules) {
      // Prepare
      const [, cfn] = byName('AWS::Config::ConfigRule', 'ConfigRuleName', `${PREFIX}${rule.id}`);
      const expected: Array<Record<string, string>> = [];
      const [change, periodic] = TRIGGERS[rule.id] ?? [false, undefined];
      if (change) {
        expected.push({ EventSource: 'aws.config', MessageType: 'ConfigurationItemChangeNotification' });
        expected.push({
          EventSource: 'aws.config',
          MessageType: 'OversizedConfigurationItemChangeNotification',
        });
      }
      if (periodic) {
        expected.push({
          EventSource: 'aws.config',
          MessageType: 'ScheduledNotification',
          MaximumExecutionFrequency: periodic,
        });
      }

      // Act
      const source = cfn.Properties.Source as { Owner: string; SourceDetails: unknown[] };

      // Assess
      expect(source.Owner, rule.id).toBe('CUSTOM_LAMBDA');
      expect(source.SourceDetails, rule.id).toEqual(expect.arrayContaining(expected));
      expect(source.SourceDetails, rule.id).toHaveLength(expected.length);
      if (change && rule.scope === 'resource') {
        expect(cfn.Properties.Scope, rule.id).toEqual({ ComplianceResourceTypes: [...rule.resourceTypes] });
      } else {
        expect(cfn.Properties.Scope, rule.id).toBeUndefined();
      }
    }
  });

  it('passes configured input parameters to the rule', () => {
    // Act
    const [, cfn] = byName(
      'AWS::Config::ConfigRule',
      'ConfigRuleName',
      `${PREFIX}glue-job-security-configuration-encrypted`,
    );

    // Assess
    expect(cfn.Properties.InputParameters).toEqual({ allowSseS3: 'true' });
  });
});

describe('Infrastructure: remediations', () => {
  it('passes configured rule parameters and rule-fixed values to the remediation, as the CLI does', () => {
    // Act
    const params = (rule: string) =>
      byName('AWS::Config::RemediationConfiguration', 'ConfigRuleName', `${PREFIX}${rule}`)[1].Properties
        .Parameters as Record<string, { StaticValue?: { Values: unknown[] } }>;
    // Assess: fullConfig() configures allowSseS3=true on the job rule
    expect(params('glue-job-security-configuration-encrypted').AllowSseS3).toEqual({
      StaticValue: { Values: ['true'] },
    });
    expect(params('glue-catalog-metadata-encrypted').Blocks).toEqual({
      StaticValue: { Values: ['ENCRYPTION_AT_REST'] },
    });
    expect(params('glue-catalog-connection-passwords-encrypted').Blocks).toEqual({
      StaticValue: { Values: ['CONNECTION_PASSWORDS'] },
    });
  });

  it('deploys one RemediationConfiguration per remediation, wired to its document and rule', () => {
    const remediated = rules.filter((r) => r.remediation);
    expect(ofType('AWS::Config::RemediationConfiguration')).toHaveLength(remediated.length);
    for (const rule of remediated) {
      // Prepare
      const link = rule.remediation!;
      const ruleName = `${PREFIX}${rule.id}`;
      const [ruleId] = byName('AWS::Config::ConfigRule', 'ConfigRuleName', ruleName);
      const [docId] = byName('AWS::SSM::Document', 'Name', `${PREFIX}${link.document}`);
      const roleId = `${docId.replace(/Document[0-9A-F]{8}$/, '')}`;

      // Act
      const [, cfn] = byName('AWS::Config::RemediationConfiguration', 'ConfigRuleName', ruleName);
      const p = cfn.Properties;

      // Assess
      expect(p.TargetType).toBe('SSM_DOCUMENT');
      expect(p.TargetId).toBe(`${PREFIX}${link.document}`);
      expect(p).toMatchObject({ Automatic: false, MaximumAutomaticAttempts: 5, RetryAttemptSeconds: 120 });
      const params = p.Parameters as Record<
        string,
        { StaticValue?: { Values: unknown[] }; ResourceValue?: unknown }
      >;
      expect(params[link.resourceIdParameter]).toEqual({ ResourceValue: { Value: 'RESOURCE_ID' } });
      const role = params.AutomationAssumeRole?.StaticValue?.Values[0] as { 'Fn::GetAtt': string[] };
      expect(role['Fn::GetAtt'][0]).toMatch(new RegExp(`^${roleId}Role`));
      expect(params.NotificationTopicArn?.StaticValue?.Values).toEqual([
        { Ref: expect.stringMatching(/^AlertsTopic/) },
      ]);
      expect(params.RuleName?.StaticValue?.Values).toEqual([ruleName]);
      for (const [name, value] of Object.entries(requiredStaticParameters(rule))) {
        expect(params[name]).toEqual({ StaticValue: { Values: [value] } });
      }
      for (const value of Object.values(params)) expect(Object.keys(value)).toHaveLength(1);
      expect([cfn.DependsOn].flat()).toContain(ruleId);
    }
  });

  it('gives each document role exactly the document’s calls, its alert topic and key, assumable by SSM', () => {
    for (const name of new Set(rules.flatMap((r) => (r.remediation ? [r.remediation.document] : [])))) {
      // Prepare
      const [docId] = byName('AWS::SSM::Document', 'Name', `${PREFIX}${name}`);
      const [roleId, role] = ofType('AWS::IAM::Role').find(([id]) =>
        id.startsWith(docId.replace(/Document[0-9A-F]{8}$/, 'Role')),
      )!;

      // Act
      const actions = policiesOfRole(resources, roleId).flatMap(policyActions);

      // Assess
      expect(sorted(actions), name).toEqual(
        sorted([...(DOCUMENT_ACTIONS[name] ?? []), 'sns:Publish', 'kms:GenerateDataKey', 'kms:Decrypt']),
      );
      expect(JSON.stringify(role.Properties.AssumeRolePolicyDocument)).toContain('ssm.amazonaws.com');
      expect(JSON.stringify(role.Properties.AssumeRolePolicyDocument)).toContain('aws:SourceAccount');
    }
  });
});

describe('Infrastructure: functions and least privilege', () => {
  it('gives each rule function exactly its declared actions plus the runtime’s Config calls', () => {
    for (const rule of rules) {
      // Prepare
      const [, fn] = byName('AWS::Lambda::Function', 'FunctionName', `${PREFIX}${rule.id}`);
      const expected = [
        ...rule.iam,
        'config:PutEvaluations',
        ...(TRIGGERS[rule.id]?.[1] ? ['config:GetComplianceDetailsByConfigRule'] : []),
        ...(TRIGGERS[rule.id]?.[0] ? ['config:GetResourceConfigHistory'] : []),
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'sns:Publish',
        'kms:GenerateDataKey',
        'kms:Decrypt',
        'sqs:SendMessage',
        'ssm:GetParametersByPath',
        ...((TAG_READING_RULES as readonly string[]).includes(rule.id) ? ['glue:GetTags'] : []),
      ];

      // Act
      const actions = policiesOfRole(resources, roleOf(fn)).flatMap(policyActions);

      // Assess
      expect(sorted(actions), rule.id).toEqual(sorted(expected));
      expect(actions, rule.id).toHaveLength(new Set(actions).size);
    }
  });

  it('grants no action on "*" that IAM can scope to a resource, and kms:Encrypt only through Glue', () => {
    // Prepare: actions with a resource type in the Service Authorization Reference (Glue, IAM, KMS).
    const resourceTyped = [
      'glue:GetJob',
      'glue:UpdateJob',
      'glue:GetCrawler',
      'glue:UpdateCrawler',
      'glue:GetConnection',
      'glue:GetConnections',
      'glue:UpdateConnection',
      'glue:GetDataCatalogEncryptionSettings',
      'glue:PutDataCatalogEncryptionSettings',
      'glue:GetResourcePolicy',
      'glue:PutResourcePolicy',
      'glue:DeleteResourcePolicy',
      'iam:PassRole',
      'kms:Decrypt',
      'kms:GenerateDataKey',
    ];

    // Act
    const statements = ofType('AWS::IAM::Policy').flatMap(([, p]) => policyStatements(p));
    const onStar = statements.filter((s) => JSON.stringify(s.Resource) === '"*"');
    const encrypt = statements.filter((s) => [s.Action].flat().includes('kms:Encrypt'));

    // Assess
    expect(onStar.flatMap((s) => [s.Action].flat()).filter((a) => resourceTyped.includes(a))).toEqual([]);
    expect(encrypt.length).toBeGreaterThan(0);
    for (const s of encrypt) {
      expect(s.Condition).toEqual({
        StringEquals: { 'kms:ViaService': { 'Fn::Sub': 'glue.${AWS::Region}.amazonaws.com' } },
      });
    }
  });

  it('scopes rule lookups to the catalog and its connections, and leaves list calls on "*"', () => {
    // Prepare
    const statementsOf = (id: string): Record<string, { Action: unknown; Resource?: unknown }> => {
      const [, fn] = byName('AWS::Lambda::Function', 'FunctionName', `${PREFIX}${id}`);
      const all = policiesOfRole(resources, roleOf(fn)).flatMap(policyStatements);
      return Object.fromEntries(all.map((s) => [s.Sid, s]));
    };
    const glue = (resource: string): { 'Fn::Sub': string } => ({
      'Fn::Sub': `arn:\${AWS::Partition}:glue:\${AWS::Region}:\${AWS::AccountId}:${resource}`,
    });

    // Act
    const ssl = statementsOf('glue-connection-ssl-enforced');
    const catalog = statementsOf('glue-catalog-metadata-encrypted');
    const jobs = statementsOf('glue-job-logging-enabled');

    // Assess
    expect(ssl.GlueConnections).toMatchObject({
      Action: 'glue:GetConnections',
      Resource: [glue('catalog'), glue('connection/*')],
    });
    expect(ssl.RuleLookups).toBeUndefined();
    expect(catalog.GlueCatalog).toMatchObject({
      Action: 'glue:GetDataCatalogEncryptionSettings',
      Resource: glue('catalog'),
    });
    expect(jobs.RuleLookups).toMatchObject({ Action: 'glue:GetJobs', Resource: '*' });
  });

  it('decrypts connection passwords only with the configured catalog password key', () => {
    // Prepare
    const [docId] = byName('AWS::SSM::Document', 'Name', `${PREFIX}EnforceGlueConnectionSsl`);
    const [roleId] = ofType('AWS::IAM::Role').find(([id]) =>
      id.startsWith(docId.replace(/Document[0-9A-F]{8}$/, 'Role')),
    )!;

    // Act
    const decrypt = policiesOfRole(resources, roleId)
      .flatMap(policyStatements)
      .filter((s) => [s.Action].flat().includes('kms:Decrypt'));

    // Assess
    expect(decrypt.map((s) => [s.Sid, s.Resource])).toEqual([
      ['DecryptConnectionPasswords', KMS_KEY],
      ['EncryptResult', { 'Fn::GetAtt': [expect.stringMatching(/^AlertsKey/), 'Arn'] }],
    ]);
  });

  it('grants no wildcard action and attaches no managed policy to a function role', () => {
    // Act
    const actions = ofType('AWS::IAM::Policy').flatMap(([, p]) => policyActions(p));
    const functionRoles = ofType('AWS::Lambda::Function').map(([, fn]) => roleOf(fn));

    // Assess
    expect(actions.filter((a) => a.includes('*'))).toEqual([]);
    for (const id of functionRoles) expect(resources[id]?.Properties.ManagedPolicyArns, id).toBeUndefined();
  });

  it('runs every function on nodejs22.x arm64 with a sweep-sized timeout and retained logs', () => {
    for (const [id, fn] of ofType('AWS::Lambda::Function')) {
      // Act
      const p = fn.Properties;
      const logGroupId = (p.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;

      // Assess
      expect(p.Runtime, id).toBe('nodejs22.x');
      expect(p.Architectures, id).toEqual(['arm64']);
      expect(p.Timeout, id).toBeGreaterThanOrEqual(30);
      expect(resources[logGroupId]?.Properties.RetentionInDays, id).toBe(400);
    }
    const [, sweep] = byName('AWS::Lambda::Function', 'FunctionName', `${PREFIX}${rules[0]!.id}`);
    expect(sweep.Properties.Timeout).toBe(300);
    expect(
      (sweep.Properties.Environment as { Variables: Record<string, unknown> }).Variables.ALERT_TOPIC_ARN,
    ).toEqual({
      Ref: expect.stringMatching(/^AlertsTopic/),
    });
    // Only-changed sweeps, re-asserting unchanged results weekly (infra/config.ts default).
    expect(
      (sweep.Properties.Environment as { Variables: Record<string, unknown> }).Variables
        .GLUE_GUARDRAILS_EVALUATION_MAX_AGE_HOURS,
    ).toBe('168');
  });
});

describe('Infrastructure: evidence and failed alerts are kept', () => {
  const keyRef = (): { 'Fn::GetAtt': [string, string] } => ({
    'Fn::GetAtt': [ofType('AWS::KMS::Key')[0]![0], 'Arn'],
  });
  const queueId = (): string => ofType('AWS::SQS::Queue')[0]![0];

  it('encrypts every function log group with the suite key, keeping the configured retention', () => {
    // Act
    const groups = ofType('AWS::Logs::LogGroup');

    // Assess
    expect(groups).toHaveLength(ofType('AWS::Lambda::Function').length);
    for (const [id, group] of groups) {
      expect(group.Properties, id).toEqual({ KmsKeyId: keyRef(), RetentionInDays: 400 });
    }
  });

  it('lets CloudWatch Logs of this region use the key only for log groups of this account', () => {
    // Act
    const [[, key]] = ofType('AWS::KMS::Key') as [[string, Resource]];
    const statements = (key.Properties.KeyPolicy as { Statement: Array<Record<string, unknown>> }).Statement;

    // Assess
    expect(statements.find((s) => s.Sid === 'AllowCloudWatchLogsForThisAccount')).toEqual({
      Sid: 'AllowCloudWatchLogsForThisAccount',
      Effect: 'Allow',
      Principal: { Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      Condition: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': {
            'Fn::Join': [
              '',
              [
                'arn:',
                { Ref: 'AWS::Partition' },
                ':logs:',
                { Ref: 'AWS::Region' },
                ':',
                { Ref: 'AWS::AccountId' },
                ':log-group:*',
              ],
            ],
          },
        },
      },
    });
    expect(statements.find((s) => s.Sid === 'AllowCloudWatchAlarmsForThisAccount')).toEqual({
      Sid: 'AllowCloudWatchAlarmsForThisAccount',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    });
  });

  it('sends every function’s failed asynchronous invocations to one encrypted queue after two retries', () => {
    // Act
    const configs = ofType('AWS::Lambda::EventInvokeConfig');
    const functions = ofType('AWS::Lambda::Function').map(([id]) => id);

    // Assess
    expect(configs.map(([, c]) => (c.Properties.FunctionName as { Ref: string }).Ref).sort()).toEqual(
      functions.sort(),
    );
    for (const [id, config] of configs) {
      expect(config.Properties, id).toEqual({
        FunctionName: { Ref: expect.any(String) },
        Qualifier: '$LATEST',
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId(), 'Arn'] } } },
      });
    }
    const [[, queue]] = ofType('AWS::SQS::Queue') as [[string, Resource]];
    expect(queue.Properties).toEqual({ KmsMasterKeyId: keyRef(), MessageRetentionPeriod: 1209600 });
    const [[, queuePolicy]] = ofType('AWS::SQS::QueuePolicy') as [[string, Resource]];
    expect(policyStatements(queuePolicy)).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  it('lets each function send only to that queue, with the suite key', () => {
    for (const [id, fn] of ofType('AWS::Lambda::Function')) {
      // Act
      const statements = policiesOfRole(resources, roleOf(fn)).flatMap(policyStatements);

      // Assess
      expect(
        statements.filter((s) => JSON.stringify(s.Action).includes('sqs:')),
        id,
      ).toEqual([
        {
          Sid: 'KeepFailedInvocations',
          Effect: 'Allow',
          Action: 'sqs:SendMessage',
          Resource: { 'Fn::GetAtt': [queueId(), 'Arn'] },
        },
      ]);
      expect(
        statements.filter((s) => s.Sid === 'UseSuiteKey'),
        id,
      ).toEqual([
        {
          Sid: 'UseSuiteKey',
          Effect: 'Allow',
          Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
          Resource: keyRef(),
        },
      ]);
    }
  });

  it('alarms to the alert topic as soon as the queue holds a failed invocation', () => {
    // Act
    const [[, alarm]] = ofType('AWS::CloudWatch::Alarm') as [[string, Resource]];
    const [[topicId]] = ofType('AWS::SNS::Topic') as [[string, Resource]];
    const [[, topicPolicy]] = ofType('AWS::SNS::TopicPolicy') as [[string, Resource]];

    // Assess
    expect(alarm.Properties).toEqual({
      AlarmDescription:
        'glue-guardrails: an evaluation or alert failed every attempt and is kept in the failed-invocation queue',
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId(), 'QueueName'] } }],
      Statistic: 'Maximum',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: topicId }],
    });
    expect(policyStatements(topicPolicy)).toContainEqual({
      Sid: 'AllowCloudWatchAlarmsForThisAccount',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: 'sns:Publish',
      Resource: { Ref: topicId },
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    });
  });

  it('records each checkov suppression with its reason on every function', () => {
    for (const [id, fn] of ofType('AWS::Lambda::Function')) {
      // Act
      const skips = (fn as { Metadata?: { checkov?: { skip?: Array<{ id: string; comment: string }> } } })
        .Metadata?.checkov?.skip;

      // Assess
      expect(
        skips?.map((s) => s.id),
        id,
      ).toEqual(['CKV_AWS_117', 'CKV_AWS_115', 'CKV_AWS_173', 'CKV_AWS_116']);
      for (const skip of skips ?? []) expect(skip.comment.length, `${id} ${skip.id}`).toBeGreaterThan(60);
    }
  });
});

describe('Infrastructure: alerting', () => {
  it('encrypts the topic with a rotating customer managed key EventBridge gets no use of', () => {
    // Act
    const [[keyId, key]] = ofType('AWS::KMS::Key') as [[string, Resource]];
    const [[, topic]] = ofType('AWS::SNS::Topic') as [[string, Resource]];
    const statements = (key.Properties.KeyPolicy as { Statement: Array<Record<string, unknown>> }).Statement;
    const principals = statements.map((s) => JSON.stringify(s.Principal));

    // Assess
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(topic.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    // Both EventBridge rules target the notifier Lambda, which publishes with its own role.
    expect(principals.filter((p) => p.includes('events.amazonaws.com'))).toEqual([]);
    expect(
      ofType('AWS::Events::Rule').flatMap(([, r]) => r.Properties.Targets as Array<{ Arn: unknown }>),
    ).toEqual(
      ofType('AWS::Events::Rule').map(() =>
        expect.objectContaining({
          Arn: { 'Fn::GetAtt': [expect.stringMatching(/^NotifierHandler/), 'Arn'] },
        }),
      ),
    );
  });

  it('enforces SSL on the topic, names its publishers and subscribes the configured e-mail', () => {
    // Act
    const [[, policy]] = ofType('AWS::SNS::TopicPolicy') as [[string, Resource]];
    const statements = (policy.Properties.PolicyDocument as { Statement: Array<Record<string, unknown>> })
      .Statement;
    const [[, subscription]] = ofType('AWS::SNS::Subscription') as [[string, Resource]];

    // Assess
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    const publishers = statements.find((s) => s.Sid === 'AllowSuitePublishers');
    const roles = (publishers?.Principal as { AWS?: unknown[] } | undefined)?.AWS;
    expect(roles).toHaveLength(
      rules.length + new Set(rules.flatMap((r) => r.remediation?.document ?? [])).size + 1,
    );
    expect(subscription.Properties).toMatchObject({ Protocol: 'email', Endpoint: 'secops@example.com' });
  });

  it('routes this suite’s compliance changes and terminal automation statuses to the notifier', () => {
    // Act
    const patterns = ofType('AWS::Events::Rule').map(
      ([, r]) => r.Properties.EventPattern as Record<string, unknown>,
    );
    const compliance = patterns.find((p) => JSON.stringify(p).includes('Config Rules Compliance Change'));
    const automation = patterns.find((p) =>
      JSON.stringify(p).includes('EC2 Automation Execution Status-change'),
    );

    // Assess
    expect(compliance).toMatchObject({ source: ['aws.config'] });
    expect(
      sorted((compliance?.detail as { configRuleName?: string[] } | undefined)?.configRuleName ?? []),
    ).toEqual(sorted(rules.map((r) => `${PREFIX}${r.id}`)));
    expect(automation).toMatchObject({
      source: ['aws.ssm'],
      detail: { Status: ['Success', 'Failed', 'TimedOut', 'Cancelled'] },
    });
    expect(sorted((automation?.detail as { Definition?: string[] } | undefined)?.Definition ?? [])).toEqual(
      sorted(rules.flatMap((r) => (r.remediation ? [`${PREFIX}${r.remediation.document}`] : []))),
    );
  });

  it('creates the optional Config recorder for the recorded types the rules need', () => {
    // Act
    const [[, recorder]] = ofType('AWS::Config::ConfigurationRecorder') as [[string, Resource]];
    const types = rules.flatMap((r) => (r.scope === 'resource' ? r.resourceTypes : []));

    // Assess
    expect(ofType('AWS::Config::DeliveryChannel')).toHaveLength(1);
    expect((recorder.Properties.RecordingGroup as { ResourceTypes: string[] }).ResourceTypes).toEqual(
      sorted(types),
    );
  });
});
