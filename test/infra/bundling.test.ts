import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/build-app';
import { tempOutdir } from './support';

/** `${name}` as CloudFormation Fn::Sub and cdk-assets write it. */
const sub = (name: string): string => `\${${name}}`;

type Resource = { Type: string; Properties: Record<string, unknown> };
type Template = { Resources: Record<string, Resource>; Parameters?: Record<string, unknown> };
type AssetManifest = {
  files: Record<
    string,
    {
      source: { path: string };
      destinations: Record<string, { bucketName: string; objectKey: string; region: string }>;
    }
  >;
};

// Two rules keep the one real bundling synth short; every rule is bundled the same way.
const ENABLED = ['glue-catalog-metadata-encrypted', 'glue-job-security-configuration-encrypted'];

let outdir: string;
let account: Template;
let member: Template;
let memberManifest: AssetManifest;
let organization: Template;

const functions = (t: Template): Resource[] =>
  Object.values(t.Resources).filter((r) => r.Type === 'AWS::Lambda::Function');
const read = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

beforeAll(async () => {
  outdir = tempOutdir('bundled');
  const built = await buildApp({
    skipBundling: false,
    bundleDir: join(outdir, 'bundles'),
    nag: false,
    builtinValidation: false,
    outdir,
    context: {
      glueGuardrails: {
        enabledRules: ENABLED,
        organization: { regions: ['us-east-1', 'eu-west-1'], assetBucketPrefix: 'acme-guardrails' },
      },
    },
  });
  built.app.synth();
  account = read(join(outdir, 'GlueGuardrails.template.json'));
  organization = read(join(outdir, 'GlueGuardrailsOrg.template.json'));
  const memberDir = join(outdir, 'assembly-GlueGuardrailsMember');
  const files = readdirSync(memberDir);
  member = read(join(memberDir, files.find((f) => f.endsWith('.template.json')) ?? ''));
  memberManifest = read(join(memberDir, files.find((f) => f.endsWith('.assets.json')) ?? ''));
}, 240_000);

describe('Infrastructure: real bundling', () => {
  it('bundles each function into an asset whose module exports a handler', async () => {
    // Prepare
    const fns = functions(account);
    expect(fns).toHaveLength(ENABLED.length + 1);

    for (const fn of fns) {
      // Act
      const key = (fn.Properties.Code as { S3Key: string }).S3Key;
      const hash = key.replace(/\.zip$/, '');
      const mod = (await import(pathToFileURL(join(outdir, `asset.${hash}`, 'index.mjs')).href)) as {
        handler?: unknown;
      };

      // Assess
      expect(fn.Properties.Handler).toBe('index.handler');
      expect(typeof mod.handler).toBe('function');
    }
  });

  it('points StackSet members at the regional code buckets and publishes the code to each region', () => {
    // Act
    const codes = functions(member).map((fn) => fn.Properties.Code as { S3Bucket: unknown; S3Key: string });
    const destinations = Object.values(memberManifest.files).flatMap((f) => Object.values(f.destinations));

    // Assess
    for (const code of codes) {
      expect(code.S3Bucket).toEqual({
        'Fn::Sub': `acme-guardrails-${sub('AssetAccountId')}-${sub('AWS::Region')}`,
      });
      expect(code.S3Key).toMatch(/^glue-guardrails\/[0-9a-f]{64}\.zip$/);
    }
    expect(member.Parameters?.AssetAccountId).toMatchObject({ Type: 'String', AllowedPattern: '^\\d{12}$' });
    expect(destinations).toHaveLength(codes.length * 2);
    expect(new Set(destinations.map((d) => d.bucketName))).toEqual(
      new Set([
        `acme-guardrails-${sub('AWS::AccountId')}-us-east-1`,
        `acme-guardrails-${sub('AWS::AccountId')}-eu-west-1`,
      ]),
    );
    const [stackSet] = Object.values(organization.Resources).filter(
      (r) => r.Type === 'AWS::CloudFormation::StackSet',
    );
    expect(stackSet?.Properties.Parameters).toEqual([
      { ParameterKey: 'AssetAccountId', ParameterValue: { Ref: 'AWS::AccountId' } },
    ]);
  });
});
