// biome-ignore-all lint/suspicious/noTemplateCurlyInString: expected CloudFormation Fn::Sub text
import { Stack } from 'aws-cdk-lib';
import { describe, expect, it, vi } from 'vitest';

// infra/permissions.ts builds its scoping table (ARN templates, statement ids, nag reasons,
// placeholders) when the module loads. test/infra/permissions.test.ts imports it once at the top of
// the file, so a mutant of that table is only ever "static" there; Stryker (ignoreStatic) runs a
// table mutant only against the tests during which the module loaded. Each test here loads a fresh
// copy inside the test, so the table is judged per action, with literal expected values.

type Permissions = typeof import('../../infra/permissions');

async function fresh(): Promise<Permissions> {
  vi.resetModules();
  return import('../../infra/permissions');
}

const SUB = (resource: string) => ({
  'Fn::Sub': `arn:\${AWS::Partition}:glue:\${AWS::Region}:\${AWS::AccountId}:${resource}`,
});
const NAG = (resource: string) => `arn:<AWS::Partition>:glue:<AWS::Region>:<AWS::AccountId>:${resource}`;
const RUN_TIME = 'of this account and region: AWS Config names the resource at run time';

/** One action alone: its statement (resolved in a bare Stack), wildcards and what was withheld. */
async function one(
  action: string,
  inputs: { glueServiceRoleArns: string[]; connectionPasswordKeyArn?: string },
) {
  const { scopedStatements } = await fresh();
  const scoped = scopedStatements([action], inputs, 'Rest');
  const stack = new Stack();
  return {
    statements: scoped.statements.map((s) => stack.resolve(s.toStatementJson())),
    unscoped: scoped.unscoped,
    withheld: scoped.withheld,
    wildcards: scoped.wildcards,
  };
}

const JOB = {
  sid: 'GlueJobs',
  resource: SUB('job/*'),
  wildcards: (a: string) => [{ nagId: NAG('job/*'), reason: `${a}: any job ${RUN_TIME}` }],
};
const CRAWLER = {
  sid: 'GlueCrawlers',
  resource: SUB('crawler/*'),
  wildcards: (a: string) => [{ nagId: NAG('crawler/*'), reason: `${a}: any crawler ${RUN_TIME}` }],
};
const CONNECTION = {
  sid: 'GlueConnections',
  resource: [SUB('catalog'), SUB('connection/*')],
  wildcards: (a: string) => [
    {
      nagId: NAG('connection/*'),
      reason: `${a}: any connection ${RUN_TIME} (or every connection, for a sweep)`,
    },
  ],
};
const CATALOG = { sid: 'GlueCatalog', resource: SUB('catalog'), wildcards: () => [] };

describe('infra/permissions.ts scoping table, loaded afresh per test', () => {
  it.each([
    ['glue:GetJob', JOB],
    ['glue:UpdateJob', JOB],
    ['glue:GetCrawler', CRAWLER],
    ['glue:UpdateCrawler', CRAWLER],
    ['glue:GetConnection', CONNECTION],
    ['glue:GetConnections', CONNECTION],
    ['glue:UpdateConnection', CONNECTION],
    ['glue:GetDataCatalogEncryptionSettings', CATALOG],
    ['glue:PutDataCatalogEncryptionSettings', CATALOG],
    ['glue:GetResourcePolicy', CATALOG],
    ['glue:PutResourcePolicy', CATALOG],
    ['glue:DeleteResourcePolicy', CATALOG],
  ])('grants %s alone on its own resource type', async (action, scope) => {
    const got = await one(action, { glueServiceRoleArns: [] });
    expect(got).toEqual({
      statements: [{ Sid: scope.sid, Effect: 'Allow', Action: action, Resource: scope.resource }],
      unscoped: [],
      withheld: [],
      wildcards: scope.wildcards(action),
    });
  });

  it('passes a role pattern with all three placeholders to Glue only, as an Fn::Sub', async () => {
    const role = 'arn:${Partition}:iam::${Account}:role/${Region}-glue';
    expect(await one('iam:PassRole', { glueServiceRoleArns: [role] })).toEqual({
      statements: [
        {
          Sid: 'PassRolesToGlueOnly',
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${AWS::Region}-glue' },
          Condition: { StringEquals: { 'iam:PassedToService': 'glue.amazonaws.com' } },
        },
      ],
      unscoped: [],
      withheld: [],
      wildcards: [],
    });
  });

  it('keeps a literal role ARN (no placeholder) as it is, not as an Fn::Sub', async () => {
    const role = 'arn:aws:iam::111122223333:role/GlueRole';
    const got = await one('iam:PassRole', { glueServiceRoleArns: [role] });
    expect(got.statements[0]?.Resource).toBe(role);
  });

  it('lets Glue encrypt only through Glue in this region', async () => {
    expect(await one('kms:Encrypt', { glueServiceRoleArns: [] })).toEqual({
      statements: [
        {
          Sid: 'EncryptThroughGlueOnly',
          Effect: 'Allow',
          Action: 'kms:Encrypt',
          Resource: '*',
          Condition: {
            StringEquals: { 'kms:ViaService': { 'Fn::Sub': 'glue.${AWS::Region}.amazonaws.com' } },
          },
        },
      ],
      unscoped: [],
      withheld: [],
      wildcards: [
        {
          nagId: '*',
          reason:
            'kms:Encrypt: only through Glue in this region (kms:ViaService), with whichever key the catalog is set to',
        },
      ],
    });
  });

  it('decrypts only with the configured password key, and withholds kms:Decrypt without one', async () => {
    const key = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    expect(await one('kms:Decrypt', { glueServiceRoleArns: [], connectionPasswordKeyArn: key })).toEqual({
      statements: [
        { Sid: 'DecryptConnectionPasswords', Effect: 'Allow', Action: 'kms:Decrypt', Resource: key },
      ],
      unscoped: [],
      withheld: [],
      wildcards: [],
    });
    const without = await one('kms:Decrypt', { glueServiceRoleArns: [] });
    expect(without.statements).toEqual([]);
    expect(without.withheld).toEqual([
      {
        action: 'kms:Decrypt',
        reason:
          'no connection password key is configured, so the remediation fails on catalogs that return ' +
          'connection passwords encrypted until one is: set connectionPasswordKeyArn (or ' +
          'rules.glue-catalog-connection-passwords-encrypted.remediation.parameters.KmsKeyId) to the key ARN',
      },
    ]);
  });

  it('describes any key, saying why', async () => {
    expect(await one('kms:DescribeKey', { glueServiceRoleArns: [] })).toEqual({
      statements: [{ Sid: 'DescribeKeys', Effect: 'Allow', Action: 'kms:DescribeKey', Resource: '*' }],
      unscoped: [],
      withheld: [],
      wildcards: [
        {
          nagId: '*',
          reason: 'kms:DescribeKey: key metadata only, of the key given to the run as a document parameter',
        },
      ],
    });
  });

  it('grants an action without a scoping rule on "*" under the given statement id', async () => {
    expect(await one('glue:GetJobs', { glueServiceRoleArns: [] })).toEqual({
      statements: [{ Sid: 'Rest', Effect: 'Allow', Action: 'glue:GetJobs', Resource: '*' }],
      unscoped: ['glue:GetJobs'],
      withheld: [],
      wildcards: [],
    });
  });
});
