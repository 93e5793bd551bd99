// biome-ignore-all lint/suspicious/noTemplateCurlyInString: expected CloudFormation Fn::Sub text
import { Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { scopedStatements, UnscopedActionError, wildcardReasons } from '../../infra/permissions';

// infra/permissions.ts decides where each IAM action of a remediation role is granted and what
// cdk-nag is told about each wildcard (issue 11: literal expected values, not the code's own tables).
// The statements are resolved in a bare Stack, without synthesizing an app.

const GLUE_ROLE = 'arn:${Partition}:iam::${Account}:role/service-role/AWSGlueServiceRole-*';
const PASSWORD_KEY = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const RUN_TIME = 'of this account and region: AWS Config names the resource at run time';

function resolved(scoped: ReturnType<typeof scopedStatements>) {
  const stack = new Stack();
  return scoped.statements.map((s) => stack.resolve(s.toStatementJson()));
}

describe('remediation role permissions (infra/permissions.ts)', () => {
  it('scopes each Glue action to its resource type and groups actions that share one', () => {
    const scoped = scopedStatements(
      [
        'glue:GetJob',
        'glue:UpdateJob',
        'glue:GetJob',
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
        'sns:Publish',
        'glue:GetJobs',
      ],
      { glueServiceRoleArns: [] },
      'Unscoped',
    );
    expect(resolved(scoped)).toEqual([
      { Sid: 'Unscoped', Effect: 'Allow', Action: ['sns:Publish', 'glue:GetJobs'], Resource: '*' },
      {
        Sid: 'GlueJobs',
        Effect: 'Allow',
        Action: ['glue:GetJob', 'glue:UpdateJob'],
        Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:job/*' },
      },
      {
        Sid: 'GlueCrawlers',
        Effect: 'Allow',
        Action: ['glue:GetCrawler', 'glue:UpdateCrawler'],
        Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:crawler/*' },
      },
      {
        Sid: 'GlueConnections',
        Effect: 'Allow',
        Action: ['glue:GetConnection', 'glue:GetConnections', 'glue:UpdateConnection'],
        Resource: [
          { 'Fn::Sub': 'arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:catalog' },
          { 'Fn::Sub': 'arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:connection/*' },
        ],
      },
      {
        Sid: 'GlueCatalog',
        Effect: 'Allow',
        Action: [
          'glue:GetDataCatalogEncryptionSettings',
          'glue:PutDataCatalogEncryptionSettings',
          'glue:GetResourcePolicy',
          'glue:PutResourcePolicy',
          'glue:DeleteResourcePolicy',
        ],
        Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:catalog' },
      },
    ]);
    expect(scoped.unscoped).toEqual(['sns:Publish', 'glue:GetJobs']);
    expect(scoped.withheld).toEqual([]);
    expect(scoped.wildcards).toEqual([
      {
        nagId: 'arn:<AWS::Partition>:glue:<AWS::Region>:<AWS::AccountId>:job/*',
        reason: `glue:GetJob, glue:UpdateJob: any job ${RUN_TIME}`,
      },
      {
        nagId: 'arn:<AWS::Partition>:glue:<AWS::Region>:<AWS::AccountId>:crawler/*',
        reason: `glue:GetCrawler, glue:UpdateCrawler: any crawler ${RUN_TIME}`,
      },
      {
        nagId: 'arn:<AWS::Partition>:glue:<AWS::Region>:<AWS::AccountId>:connection/*',
        reason: `glue:GetConnection, glue:GetConnections, glue:UpdateConnection: any connection ${RUN_TIME} (or every connection, for a sweep)`,
      },
    ]);
  });

  it('passes only the configured Glue roles, only to Glue, and decrypts only with the password key', () => {
    const scoped = scopedStatements(
      ['iam:PassRole', 'kms:Decrypt', 'kms:Encrypt', 'kms:DescribeKey'],
      { glueServiceRoleArns: [GLUE_ROLE], connectionPasswordKeyArn: PASSWORD_KEY },
      'Unscoped',
    );
    expect(resolved(scoped)).toEqual([
      {
        Sid: 'PassRolesToGlueOnly',
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: {
          'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/service-role/AWSGlueServiceRole-*',
        },
        Condition: { StringEquals: { 'iam:PassedToService': 'glue.amazonaws.com' } },
      },
      { Sid: 'DecryptConnectionPasswords', Effect: 'Allow', Action: 'kms:Decrypt', Resource: PASSWORD_KEY },
      {
        Sid: 'EncryptThroughGlueOnly',
        Effect: 'Allow',
        Action: 'kms:Encrypt',
        Resource: '*',
        Condition: { StringEquals: { 'kms:ViaService': { 'Fn::Sub': 'glue.${AWS::Region}.amazonaws.com' } } },
      },
      { Sid: 'DescribeKeys', Effect: 'Allow', Action: 'kms:DescribeKey', Resource: '*' },
    ]);
    expect(scoped.unscoped).toEqual([]);
    expect(scoped.wildcards).toEqual([
      {
        nagId: 'arn:<AWS::Partition>:iam::<AWS::AccountId>:role/service-role/AWSGlueServiceRole-*',
        reason:
          'iam:PassRole: the configured Glue service roles (glueServiceRoleArns), only to Glue (iam:PassedToService)',
      },
      {
        nagId: '*',
        reason:
          'kms:Encrypt: only through Glue in this region (kms:ViaService), with whichever key the catalog is set to',
      },
      {
        nagId: '*',
        reason: 'kms:DescribeKey: key metadata only, of the key given to the run as a document parameter',
      },
    ]);
  });

  it('withholds an action that has nowhere to be granted, and says why', () => {
    const scoped = scopedStatements(['kms:Decrypt', 'iam:PassRole'], { glueServiceRoleArns: [] }, 'Unscoped');
    expect(scoped.statements).toEqual([]);
    expect(scoped.withheld).toEqual([
      {
        action: 'kms:Decrypt',
        reason:
          'no connection password key is configured, so the remediation fails on catalogs that return ' +
          'connection passwords encrypted until one is: set connectionPasswordKeyArn (or ' +
          'rules.glue-catalog-connection-passwords-encrypted.remediation.parameters.KmsKeyId) to the key ARN',
      },
      { action: 'iam:PassRole', reason: 'no resource is configured' },
    ]);
  });

  it('refuses a KMS action it has no scoping rule for', () => {
    const error = (() => {
      try {
        scopedStatements(['kms:ReEncryptFrom'], { glueServiceRoleArns: [] }, 'Unscoped');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UnscopedActionError);
    expect((error as Error).name).toBe('UnscopedActionError');
    expect((error as Error).message).toBe('kms:ReEncryptFrom has no scoping rule in infra/permissions.ts');
  });

  it('merges the cdk-nag reasons of every wildcard resource id, the unscoped actions first', () => {
    const scoped = scopedStatements(
      ['sns:Publish', 'glue:GetJobs', 'kms:Encrypt', 'kms:DescribeKey', 'glue:GetJob'],
      { glueServiceRoleArns: [] },
      'Unscoped',
    );
    expect(wildcardReasons(scoped, 'no resource type to name')).toEqual(
      new Map([
        [
          '*',
          'sns:Publish, glue:GetJobs: no resource type to name; ' +
            'kms:Encrypt: only through Glue in this region (kms:ViaService), with whichever key the catalog is set to; ' +
            'kms:DescribeKey: key metadata only, of the key given to the run as a document parameter',
        ],
        [
          'arn:<AWS::Partition>:glue:<AWS::Region>:<AWS::AccountId>:job/*',
          `glue:GetJob: any job ${RUN_TIME}`,
        ],
      ]),
    );
    const none = scopedStatements(['glue:GetCrawler'], { glueServiceRoleArns: [] }, 'Unscoped');
    expect([...wildcardReasons(none, 'unused').keys()]).toEqual([
      'arn:<AWS::Partition>:glue:<AWS::Region>:<AWS::AccountId>:crawler/*',
    ]);
  });
});
