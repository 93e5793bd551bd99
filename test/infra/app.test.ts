import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempOutdir } from './support';

/**
 * infra/app.ts is what `npx cdk synth` runs (cdk.json "app"): the CDK CLI hands it the context in
 * CDK_CONTEXT_JSON and the output directory in CDK_OUTDIR. Importing it here does the same in-process.
 */
const JOB_RULE = 'glue-job-security-configuration-encrypted';
const saved = { context: process.env.CDK_CONTEXT_JSON, outdir: process.env.CDK_OUTDIR };

afterEach(() => {
  for (const [key, value] of [
    ['CDK_CONTEXT_JSON', saved.context],
    ['CDK_OUTDIR', saved.outdir],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  process.exitCode = undefined;
  vi.restoreAllMocks();
  vi.resetModules();
});

async function runApp(context: Record<string, unknown>): Promise<string> {
  const outdir = tempOutdir('app');
  process.env.CDK_CONTEXT_JSON = JSON.stringify({
    'glueGuardrails:skipBundling': true,
    'glueGuardrails:nag': false,
    ...context,
  });
  process.env.CDK_OUTDIR = outdir;
  vi.resetModules();
  await import('../../infra/app');
  return outdir;
}

type Manifest = { artifacts: Record<string, { type: string; properties?: Record<string, unknown> }> };
const manifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
type Template = { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> };
const template = (dir: string, file: string): Template => JSON.parse(readFileSync(join(dir, file), 'utf8'));

describe('infra/app.ts (the cdk.json app)', () => {
  it('synthesizes the account stack, the organization stack and the member stage from context', async () => {
    // Prepare / Act
    const outdir = await runApp({ glueGuardrails: { namePrefix: 'app-', enabledRules: [JOB_RULE] } });
    // Assess
    expect(process.exitCode).toBeUndefined();
    const artifacts = manifest(outdir).artifacts;
    const byType = (type: string) =>
      Object.entries(artifacts)
        .filter(([, a]) => a.type === type)
        .map(([id]) => id)
        .sort();
    expect(byType('aws:cloudformation:stack')).toEqual(['GlueGuardrails', 'GlueGuardrailsOrg']);
    expect(byType('cdk:cloud-assembly')).toEqual(['assembly-GlueGuardrailsMember']);
    const rules = Object.values(template(outdir, 'GlueGuardrails.template.json').Resources).filter(
      (r) => r.Type === 'AWS::Config::ConfigRule',
    );
    expect(rules.map((r) => r.Properties?.ConfigRuleName)).toEqual([`app-${JOB_RULE}`]);
    const member = join(outdir, 'assembly-GlueGuardrailsMember');
    const memberStacks = Object.values(manifest(member).artifacts).filter(
      (a) => a.type === 'aws:cloudformation:stack',
    );
    expect(memberStacks).toHaveLength(1);
    const orgResources = Object.values(template(outdir, 'GlueGuardrailsOrg.template.json').Resources);
    expect(orgResources.filter((r) => r.Type === 'AWS::CloudFormation::StackSet')).toHaveLength(1);
  }, 180_000);

  it('prints the configuration problem and sets exit code 1 instead of throwing', async () => {
    // Prepare
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    // Act
    const outdir = await runApp({
      glueGuardrails: { rules: { [JOB_RULE]: { parameters: { allowSseS3: 'maybe' } } } },
    });
    // Assess
    expect(process.exitCode).toBe(1);
    expect(errors).toHaveBeenCalledTimes(1);
    expect(errors.mock.calls[0]).toEqual([
      'Invalid glue-guardrails configuration:\n' +
        `  - rules.${JOB_RULE}.parameters: Invalid rule parameter 'allowSseS3': expected true or false, got "maybe"`,
    ]);
    expect(existsSync(join(outdir, 'manifest.json'))).toBe(false);
  }, 60_000);
});
