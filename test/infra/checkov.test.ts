import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/build-app';
import { FUNCTION_CHECKOV_SKIPS } from '../../infra/suite-function';
import { fullConfig, tempOutdir } from './support';

// checkov lives in its own venv (requirements-tools.txt): its dependencies conflict with moto's pins.
const CHECKOV = join(import.meta.dirname, '..', '..', '.venv-tools', 'bin', 'checkov');

type Check = {
  check_id: string;
  resource: string;
  file_path: string;
  check_result: { result: string; suppress_comment?: string };
};
type Report = {
  check_type: string;
  summary: { passed: number; failed: number; skipped: number; parsing_errors: number };
  results: { passed_checks?: Check[]; failed_checks?: Check[]; skipped_checks?: Check[] };
};

let reports: Report[];
let files: string[];

/** Runs checkov on CloudFormation templates; exit 1 only means "some check failed". */
async function runCheckov(templates: string[]): Promise<Report[]> {
  const args = ['--framework', 'cloudformation', '--compact', '--skip-download', '--output', 'json'];
  for (const t of templates) args.push('--file', t);
  const { stdout } = await promisify(execFile)(CHECKOV, args, {
    timeout: 240_000,
    maxBuffer: 256 * 1024 * 1024,
    // No telemetry or platform look-ups: nothing leaves the machine.
    env: { ...process.env, BC_API_KEY: '', CHECKOV_RUN_SCA_PACKAGE_SCAN_V2: 'false' },
  }).catch((error: { code?: number; stdout?: string; stderr?: string }) => {
    if (error.code === 1 && error.stdout) return { stdout: error.stdout };
    throw new Error(`checkov did not run: ${error.stderr ?? String(error)}`);
  });
  const parsed = JSON.parse(stdout) as Report | Report[];
  return Array.isArray(parsed) ? parsed : [parsed];
}

beforeAll(async () => {
  if (!existsSync(CHECKOV))
    throw new Error('checkov missing: run `node scripts/ensure-venv.mjs` (creates .venv-tools)');
  const outdir = tempOutdir('checkov');
  const built = await buildApp({
    skipBundling: true,
    nag: false,
    builtinValidation: false,
    outdir,
    context: { glueGuardrails: fullConfig() },
  });
  built.app.synth();
  const memberDir = join(outdir, 'assembly-GlueGuardrailsMember');
  const member = readdirSync(memberDir).find((f) => f.endsWith('.template.json'));
  files = [
    join(outdir, 'GlueGuardrails.template.json'),
    join(memberDir, member ?? 'missing'),
    join(outdir, 'GlueGuardrailsOrg.template.json'),
  ];
  reports = await runCheckov(files);
}, 300_000);

const all = (kind: 'passed_checks' | 'failed_checks' | 'skipped_checks'): Check[] =>
  reports.flatMap((r) => r.results[kind] ?? []);
const where = (c: Check): string => `${c.check_id} ${c.file_path.split('/').pop()} ${c.resource}`;

describe('checkov on the synthesized templates', () => {
  it('scans the account, member and organization templates without a parsing error', () => {
    // Assess
    expect(reports.map((r) => r.check_type)).toEqual(['cloudformation']);
    expect(reports[0]?.summary.parsing_errors).toBe(0);
    const scanned = new Set(all('passed_checks').map((c) => c.file_path.split('/').pop()));
    // Every template has resources a check covers (the organization template: the Config
    // aggregator's role beside the StackSet).
    expect([...scanned].sort()).toEqual(files.map((f) => f.split('/').pop()).sort());
  });

  it('has no failing check', () => {
    // Assess
    expect(all('failed_checks').map(where)).toEqual([]);
  });

  it('suppresses only the known checks, each with its reason in the template', () => {
    // Act
    const skipped = all('skipped_checks');

    // Assess
    expect([...new Set(skipped.map((c) => c.check_id))].sort()).toEqual(
      [...FUNCTION_CHECKOV_SKIPS.map((s) => s.id), 'CKV_AWS_18'].sort(),
    );
    for (const check of skipped) {
      expect(check.check_result.suppress_comment, where(check)).toMatch(/\w{3,}.{40,}/);
      expect(check.check_result.suppress_comment, where(check)).not.toBe('No comment provided');
    }
    // CKV_AWS_18 (S3 access logging) only on the optional recorder's delivery bucket.
    expect(skipped.filter((c) => c.check_id === 'CKV_AWS_18').map((c) => c.resource.split('.')[1])).toEqual([
      'ConfigRecorderBucket7BB5F67E',
      'ConfigRecorderBucket7BB5F67E',
    ]);
  });

  it('passes KMS encryption of every log group and of the failed-invocation queue', () => {
    // Prepare
    const account = JSON.parse(readFileSync(files[0]!, 'utf8')) as {
      Resources: Record<string, { Type: string }>;
    };
    const logGroups = Object.entries(account.Resources)
      .filter(([, r]) => r.Type === 'AWS::Logs::LogGroup')
      .map(([id]) => `AWS::Logs::LogGroup.${id}`)
      .sort();
    const passedHere = (id: string): string[] =>
      all('passed_checks')
        .filter((c) => c.check_id === id && c.file_path.endsWith('/GlueGuardrails.template.json'))
        .map((c) => c.resource)
        .sort();

    // Assess
    expect(logGroups.length).toBeGreaterThan(20);
    expect(passedHere('CKV_AWS_158')).toEqual(logGroups); // log group encrypted by KMS
    expect(passedHere('CKV_AWS_27')).toEqual([
      expect.stringMatching(/^AWS::SQS::Queue\.AlertsFailedInvocations/),
    ]);
  });
});
