import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateJobCommand, GlueClient } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main';
import { renderMetadata } from '../../cli/output/json';
import { renderTable } from '../../cli/output/table';
import type { ExemptionNote, ScanEvaluation, ScanReport } from '../../cli/scan-types';
import { seedSampleEstate } from '../../emulator/sample-estate';
import { exemptionTagKey } from '../../functions/runtime/exemptions';
import { useEmulator } from '../emulator/context';
import { emulatorAws } from '../support/aws';
import { captureConsole } from '../support/console';

const emulator = useEmulator();
const io = captureConsole({ testCredentials: true });
const target = (): string[] => ['--endpoint', emulator.endpoint, '--region', 'us-east-1'];
const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const JOB_RULE = 'glue-job-security-configuration-encrypted';
const SSL_RULE = 'glue-connection-ssl-enforced';

let fileSeq = 0;
function exemptionsFile(content: unknown): string {
  fileSeq += 1;
  const path = join(tmpdir(), `glue-guardrails-exemptions-${process.pid}-${fileSeq}.json`);
  writeFileSync(path, JSON.stringify(content));
  return path;
}
const entry = (rule: string, resourceId: string, expires: string) => ({
  rule,
  resourceId,
  reason: `Accepted: ${resourceId}`,
  approver: 'cro@example.com',
  expires,
});

describe('CLI: scan --exemptions', () => {
  it('reports exempt resources NOT_APPLICABLE with their exemption, expired ones as usual, and lists every one', async () => {
    // Prepare
    await seedSampleEstate(emulatorAws(emulator), emulator.accountId);
    const file = exemptionsFile([
      entry(JOB_RULE, 'adhoc-analyst-export', day(30)),
      entry(JOB_RULE, 'cards-settlement-etl', day(-2)),
      entry(SSL_RULE, 'cards-warehouse', day(10)),
      entry('glue-job-tagged', 'not-scanned', day(10)),
    ]);

    // Act
    const code = await main([
      'scan',
      ...target(),
      '--format',
      'json',
      '--rules',
      `${JOB_RULE},${SSL_RULE}`,
      '--exemptions',
      file,
    ]);

    // Assess
    const evaluations = JSON.parse(io.stdout.join('\n')) as ScanEvaluation[];
    const of = (id: string) => evaluations.find((e) => e.resourceId === id && e.rule === JOB_RULE);
    expect(of('adhoc-analyst-export')).toMatchObject({
      compliance: 'NOT_APPLICABLE',
      annotation: `Exempt until ${day(30)}, approved by cro@example.com (deployment): Accepted: adhoc-analyst-export`,
      exemption: {
        ...entry(JOB_RULE, 'adhoc-analyst-export', day(30)),
        source: 'deployment',
        status: 'active',
      },
    });
    expect(of('cards-settlement-etl')).toMatchObject({
      compliance: 'NON_COMPLIANT',
      exemption: { status: 'expired', expires: day(-2) },
    });
    expect(of('cards-settlement-etl')?.annotation).toMatch(
      new RegExp(`^Exemption expired ${day(-2)} \\(approved by cro@example.com\\)\\. `),
    );
    const ssl = evaluations.find((e) => e.rule === SSL_RULE);
    expect(ssl).toMatchObject({
      compliance: 'NOT_APPLICABLE',
      annotation: `Every offender is exempt (1): cards-warehouse until ${day(10)}`,
    });
    // Exit 1: the expired exemption leaves cards-settlement-etl non-compliant.
    expect(code).toBe(1);
  });

  it('shows every exemption in force and expired after the table summary, one line each', async () => {
    // Prepare
    await seedSampleEstate(emulatorAws(emulator), emulator.accountId);
    const file = exemptionsFile({
      exemptions: [entry(JOB_RULE, 'adhoc-analyst-export', day(30)), entry(JOB_RULE, 'gone-job', day(-1))],
    });

    // Act
    await main(['scan', ...target(), '--rules', JOB_RULE, '--exemptions', file]);

    // Assess
    const table = io.stdout.join('\n');
    const tail = table.slice(table.indexOf('Summary by rule'));
    expect(tail).toContain(
      [
        'Exemptions (1 in force, 1 expired):',
        `  until ${day(30)}  ${JOB_RULE}  adhoc-analyst-export  approved by cro@example.com (deployment): Accepted: adhoc-analyst-export`,
        `  EXPIRED ${day(-1)}  ${JOB_RULE}  gone-job  approved by cro@example.com (deployment): Accepted: gone-job`,
      ].join('\n'),
    );
  });

  it('reads exemption tags only for the rules the file lets tags exempt from', async () => {
    // Prepare: a job without a security configuration, carrying an exemption tag.
    const aws = emulatorAws(emulator);
    await aws.client(GlueClient).send(
      new CreateJobCommand({
        Name: 'tag-exempt-job',
        Role: `arn:aws:iam::${emulator.accountId}:role/GlueEtl`,
        Command: { Name: 'glueetl', ScriptLocation: 's3://b/s.py' },
        Tags: { [exemptionTagKey(JOB_RULE)]: `${day(20)}/data.owner/Sandbox job` },
      }),
    );
    const scan = async (tagExemptionRules: string[]) => {
      io.stdout = [];
      await main([
        'scan',
        ...target(),
        '--format',
        'json',
        '--rules',
        JOB_RULE,
        '--exemptions',
        exemptionsFile({ exemptions: [], tagExemptionRules }),
      ]);
      const all = JSON.parse(io.stdout.join('\n')) as ScanEvaluation[];
      return all.find((e) => e.resourceId === 'tag-exempt-job');
    };

    // Act
    const allowed = await scan([JOB_RULE]);
    const denied = await scan([]);

    // Assess
    expect(allowed).toMatchObject({
      compliance: 'NOT_APPLICABLE',
      exemption: { source: 'tag', approver: 'data.owner', reason: 'Sandbox job', status: 'active' },
    });
    expect(denied?.compliance).toBe('NON_COMPLIANT');
    expect(denied?.annotation).toMatch(
      new RegExp(`^tag ${exemptionTagKey(JOB_RULE)} ignored: this deployment does not allow tag exemptions`),
    );
    expect(denied?.exemption).toBeUndefined();
  });

  it('rejects a bad exemptions file before any AWS call, naming each bad exemption', async () => {
    // Prepare
    const file = exemptionsFile([
      entry(JOB_RULE, 'a', day(400)),
      { ...entry(JOB_RULE, 'b', day(3)), approver: '' },
    ]);

    // Act (an endpoint nothing listens on: the file must fail first)
    const code = await main([
      'scan',
      '--endpoint',
      'http://127.0.0.1:9',
      '--region',
      'us-east-1',
      '--exemptions',
      file,
    ]);

    // Assess
    expect(code).toBe(2);
    const err = io.stderr.join('\n');
    expect(err).toContain(`${file}[0] (${JOB_RULE} / a): expires ${day(400)} is more than 365 days after`);
    expect(err).toContain(`${file}[1] (${JOB_RULE} / b): approver is empty`);
  });
});

describe('CLI: exemptions in the outputs', () => {
  const report = (exemptions?: ExemptionNote[]): ScanReport => ({
    metadata: {
      tool: { name: 'glue-guardrails', version: '0.0.0' },
      startedAt: '2026-12-05T00:00:00.000Z',
      finishedAt: '2026-12-05T00:00:01.000Z',
      caller: { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/a' },
      source: 'scan',
      accounts: ['123456789012'],
      regions: ['us-east-1'],
      rules: [JOB_RULE],
      parameters: {},
    },
    evaluations: [],
    ...(exemptions ? { exemptions } : {}),
  });
  const note: ExemptionNote = {
    ...entry(JOB_RULE, 'etl', '2027-01-01'),
    source: 'tag',
    status: 'active',
  };

  it('writes the exemptions into the --output-dir metadata file', () => {
    expect(JSON.parse(renderMetadata(report([note]))).exemptions).toEqual([note]);
    expect(JSON.parse(renderMetadata(report())).exemptions).toBeUndefined();
  });

  it('adds no exemption lines to a table when the scan saw none', () => {
    expect(renderTable(report(), {}, { width: 100, color: false })).not.toContain('Exemptions');
    expect(renderTable(report([note]), {}, { width: 100, color: false })).toContain(
      `Exemptions (1 in force, 0 expired):\n  until 2027-01-01  ${JOB_RULE}  etl  approved by cro@example.com (tag): Accepted: etl`,
    );
  });
});
