// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ARN templates and CloudFormation Fn::Sub text, not JS placeholders
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { AlertTopic } from '../../infra/alerting';
import { parseConfig } from '../../infra/config';
import { scopeInputs } from '../../infra/permission-settings';
import { UnscopedActionError } from '../../infra/permissions';
import { RemediationDocument } from '../../infra/remediation-construct';
import { loadRemediationDocuments } from '../../infra/remediations';
import { KMS_KEY } from './support';

type Statement = { Sid: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

const sub = (template: string): { 'Fn::Sub': string } => ({ 'Fn::Sub': template });
const JOBS = sub('arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:job/*');
const CATALOG = sub('arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:catalog');
const CONNECTIONS = sub('arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:connection/*');

/** Deploys one real document's role with the given configuration; its statements by Sid. */
function deploy(
  name: string,
  raw: Record<string, unknown> = {},
): { bySid: Record<string, Statement>; stack: Stack } {
  const stack = new Stack(new App(), 'Test');
  const config = parseConfig(raw);
  const alerts = new AlertTopic(stack, 'Alerts', { config });
  const spec = loadRemediationDocuments([name]).get(name)!;
  new RemediationDocument(stack, 'Doc', {
    spec,
    documentName: name,
    topic: alerts.topic,
    key: alerts.key,
    scope: scopeInputs(config),
  });
  const policies = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'));
  const statements = policies.flatMap(
    (p) =>
      (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument
        .Statement,
  );
  return { bySid: Object.fromEntries(statements.map((s) => [s.Sid, s])), stack };
}

const actionsOf = (bySid: Record<string, Statement>): string[] =>
  Object.values(bySid).flatMap((s) => [s.Action].flat());

describe('Infrastructure: remediation roles', () => {
  it('lets a job document pass only the default Glue service role patterns, only to Glue', () => {
    // Act
    const { bySid } = deploy('SetGlueJobDisableProxy');

    // Assess
    expect(bySid.PassRolesToGlueOnly).toEqual({
      Sid: 'PassRolesToGlueOnly',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: [
        sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:role/service-role/AWSGlueServiceRole*'),
        sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:role/AWSGlueServiceRole*'),
      ],
      Condition: { StringEquals: { 'iam:PassedToService': 'glue.amazonaws.com' } },
    });
    expect(bySid.GlueJobs).toMatchObject({ Action: ['glue:GetJob', 'glue:UpdateJob'], Resource: JOBS });
    expect(bySid.DocumentCalls).toBeUndefined();
    expect(bySid.PublishResult?.Resource).toEqual({ Ref: expect.stringMatching(/^AlertsTopic/) });
  });

  it('passes exactly the configured glueServiceRoleArns', () => {
    // Prepare
    const roles = ['arn:aws:iam::111122223333:role/etl/ledger-*', 'arn:aws:iam::111122223333:role/reporting'];

    // Act
    const { bySid } = deploy('AttachGlueJobSecurityConfiguration', { glueServiceRoleArns: roles });

    // Assess
    expect(bySid.PassRolesToGlueOnly).toMatchObject({
      Resource: roles,
      Condition: { StringEquals: { 'iam:PassedToService': 'glue.amazonaws.com' } },
    });
    // Security configurations have no resource type: only those reads stay on "*".
    expect(bySid.DocumentCalls).toMatchObject({ Action: 'glue:GetSecurityConfiguration', Resource: '*' });
  });

  it('scopes crawler and catalog documents to crawler and catalog ARNs', () => {
    // Act
    const crawler = deploy('AttachGlueCrawlerSecurityConfiguration').bySid;
    const policy = deploy('RestrictGlueCatalogPolicy').bySid;
    const encryption = deploy('EnableGlueCatalogEncryption').bySid;

    // Assess
    expect(crawler.GlueCrawlers).toMatchObject({
      Action: ['glue:GetCrawler', 'glue:UpdateCrawler'],
      Resource: sub('arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:crawler/*'),
    });
    expect(crawler.DocumentCalls).toMatchObject({
      Action: ['glue:GetCrawlers', 'glue:GetSecurityConfiguration', 'glue:GetSecurityConfigurations'],
      Resource: '*',
    });
    expect(policy.GlueCatalog).toMatchObject({
      Action: ['glue:DeleteResourcePolicy', 'glue:GetResourcePolicy', 'glue:PutResourcePolicy'],
      Resource: CATALOG,
    });
    expect(policy.DocumentCalls).toBeUndefined();
    expect(encryption.GlueCatalog).toMatchObject({
      Action: ['glue:GetDataCatalogEncryptionSettings', 'glue:PutDataCatalogEncryptionSettings'],
      Resource: CATALOG,
    });
    expect(encryption.DescribeKeys).toMatchObject({ Action: 'kms:DescribeKey', Resource: '*' });
  });

  it('lets Glue encrypt connection passwords only through Glue and withholds kms:Decrypt without a key, saying so', () => {
    // Act
    const { bySid, stack } = deploy('EnforceGlueConnectionSsl');

    // Assess
    expect(bySid.GlueConnections).toMatchObject({
      Action: ['glue:GetConnection', 'glue:GetConnections', 'glue:UpdateConnection'],
      Resource: [CATALOG, CONNECTIONS],
    });
    expect(bySid.EncryptThroughGlueOnly).toEqual({
      Sid: 'EncryptThroughGlueOnly',
      Effect: 'Allow',
      Action: 'kms:Encrypt',
      Resource: '*',
      Condition: { StringEquals: { 'kms:ViaService': sub('glue.${AWS::Region}.amazonaws.com') } },
    });
    expect(bySid.DecryptConnectionPasswords).toBeUndefined();
    // The only kms:Decrypt left is the alert key's, for publishing the result.
    expect(bySid.EncryptResult?.Resource).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^AlertsKey/), 'Arn'],
    });
    expect(actionsOf(bySid).filter((a) => a === 'kms:Decrypt')).toHaveLength(1);
    Annotations.fromStack(stack).hasWarning(
      '/Test/Doc',
      Match.stringLikeRegexp(
        'EnforceGlueConnectionSsl is deployed without kms:Decrypt: .*fails on catalogs that return ' +
          'connection passwords encrypted.*connectionPasswordKeyArn',
      ),
    );
  });

  it('decrypts connection passwords only with connectionPasswordKeyArn when it is configured', () => {
    // Act
    const { bySid, stack } = deploy('EnforceGlueConnectionSsl', { connectionPasswordKeyArn: KMS_KEY });

    // Assess
    expect(bySid.DecryptConnectionPasswords).toEqual({
      Sid: 'DecryptConnectionPasswords',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: KMS_KEY,
    });
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  it('reuses the password-encryption remediation’s KmsKeyId as the key to decrypt with', () => {
    // Prepare
    const raw = {
      rules: {
        'glue-catalog-connection-passwords-encrypted': { remediation: { parameters: { KmsKeyId: KMS_KEY } } },
      },
    };

    // Act
    const { bySid } = deploy('EnforceGlueConnectionSsl', raw);

    // Assess
    expect(bySid.DecryptConnectionPasswords?.Resource).toBe(KMS_KEY);
  });

  it('refuses a KMS action that has no scoping rule', () => {
    // Prepare
    const stack = new Stack(new App(), 'Test');
    const config = parseConfig({});
    const alerts = new AlertTopic(stack, 'Alerts', { config });
    const document = { schemaVersion: '0.3', mainSteps: [] };
    const spec = { name: 'Rekey', content: document, document, permissions: ['kms:ReEncryptFrom'] };

    // Act
    let error: unknown;
    try {
      new RemediationDocument(stack, 'Doc', {
        spec,
        documentName: 'Rekey',
        topic: alerts.topic,
        key: alerts.key,
        scope: scopeInputs(config),
      });
    } catch (caught) {
      error = caught;
    }

    // Assess
    expect(error).toBeInstanceOf(UnscopedActionError);
    expect((error as Error).message).toBe('kms:ReEncryptFrom has no scoping rule in infra/permissions.ts');
  });
});
