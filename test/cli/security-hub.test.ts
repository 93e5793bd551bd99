import { DeleteJobCommand, GlueClient, UpdateJobCommand } from '@aws-sdk/client-glue';
import { GetFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main';
import { findingId } from '../../cli/output/asff';
import type { ScanEvaluation, ScanReport } from '../../cli/scan-types';
import { sendToSecurityHub } from '../../cli/security-hub';
import { seedSampleEstate } from '../../emulator/sample-estate';
import { useEmulator } from '../emulator/context';
import { emulatorAws } from '../support/aws';
import { captureConsole } from '../support/console';

const emulator = useEmulator();
const io = captureConsole({ testCredentials: true });

const RULE = 'glue-job-security-configuration-encrypted';
const scan = (): Promise<number> =>
  main([
    'scan',
    '--endpoint',
    emulator.endpoint,
    '--region',
    'us-east-1',
    '--rules',
    RULE,
    '--format',
    'json',
    '--to-security-hub',
  ]);

async function hubFindings() {
  const hub = emulatorAws(emulator).client(SecurityHubClient);
  const out = await hub.send(new GetFindingsCommand({ MaxResults: 100 }));
  return (out.Findings ?? []).filter((f) => f.GeneratorId === `glue-guardrails/${RULE}`);
}

const resourceOf = (f: { Resources?: Array<{ Id?: string }> }): string => f.Resources?.[0]?.Id ?? '';

describe('scan --to-security-hub (emulator, across scans)', () => {
  it('imports NON_COMPLIANT results, updates them on a rescan, and resolves fixed and deleted resources', async () => {
    // Prepare: two non-compliant jobs (cards-settlement-etl: SSE-S3; adhoc-analyst-export: none)
    const aws = emulatorAws(emulator);
    await seedSampleEstate(aws, emulator.accountId);
    const arn = (job: string) => `arn:aws:glue:us-east-1:${emulator.accountId}:job/${job}`;

    // Act 1: first scan
    expect(await scan()).toBe(1);
    // Assess 1: one ACTIVE, FAILED finding per non-compliant job, with real ARNs
    let findings = await hubFindings();
    expect(findings.map(resourceOf).sort()).toEqual([
      arn('adhoc-analyst-export'),
      arn('cards-settlement-etl'),
    ]);
    for (const f of findings) {
      expect(f).toMatchObject({
        ProductArn: `arn:aws:securityhub:us-east-1:${emulator.accountId}:product/${emulator.accountId}/default`,
        AwsAccountId: emulator.accountId,
        RecordState: 'ACTIVE',
        Compliance: { Status: 'FAILED', RelatedRequirements: [expect.any(String)] },
        Severity: { Label: 'HIGH' },
        Remediation: { Recommendation: { Text: expect.stringContaining('SSM Automation document') } },
      });
      expect(f.ProductFields?.['glue-guardrails/version']).toMatch(/^\d+\.\d+\.\d+/);
    }
    expect(io.stderr.join('\n')).toContain('Security Hub: 2 finding(s) imported, 0 resolved');
    const firstCreated = new Map(findings.map((f) => [f.Id, f.CreatedAt]));

    // Act 2: fix one job, scan again
    const glue = aws.client(GlueClient);
    await glue.send(
      new UpdateJobCommand({
        JobName: 'cards-settlement-etl',
        JobUpdate: {
          Role: `arn:aws:iam::${emulator.accountId}:role/GlueEtl`,
          Command: { Name: 'glueetl', ScriptLocation: 's3://x/scripts/cards-settlement-etl.py' },
          SecurityConfiguration: 'ledger-kms',
        },
      }),
    );
    io.stderr = [];
    expect(await scan()).toBe(1);
    // Assess 2: no duplicate; the fixed job's finding is archived and passed, the other stays
    findings = await hubFindings();
    expect(findings).toHaveLength(2);
    const byResource = new Map(findings.map((f) => [resourceOf(f), f]));
    expect(byResource.get(arn('cards-settlement-etl'))).toMatchObject({
      RecordState: 'ARCHIVED',
      Compliance: { Status: 'PASSED' },
    });
    expect(byResource.get(arn('adhoc-analyst-export'))).toMatchObject({
      RecordState: 'ACTIVE',
      Compliance: { Status: 'FAILED' },
    });
    // The updated finding keeps its creation time.
    const adhoc = byResource.get(arn('adhoc-analyst-export'));
    expect(adhoc?.CreatedAt).toBe(firstCreated.get(adhoc?.Id));
    expect(io.stderr.join('\n')).toContain('Security Hub: 1 finding(s) imported, 1 resolved');

    // Act 3: the other job disappears
    await glue.send(new DeleteJobCommand({ JobName: 'adhoc-analyst-export' }));
    io.stderr = [];
    await scan();
    // Assess 3: resolved as gone; still two findings in all
    findings = await hubFindings();
    expect(findings).toHaveLength(2);
    expect(findings.every((f) => f.RecordState === 'ARCHIVED')).toBe(true);
    expect(io.stderr.join('\n')).toContain('Security Hub: 0 finding(s) imported, 1 resolved');
  });
});

function evaluation(over: Partial<ScanEvaluation>): ScanEvaluation {
  return {
    account: '111122223333',
    region: 'eu-west-1',
    rule: RULE,
    severity: 'HIGH',
    control: 'C-1',
    resourceType: 'AWS::Glue::Job',
    resourceId: 'job-1',
    compliance: 'NON_COMPLIANT',
    annotation: 'no security configuration',
    evaluatedAt: '2026-12-05T08:00:00.000Z',
    ...over,
  };
}

function report(evaluations: ScanEvaluation[]): ScanReport {
  return {
    metadata: {
      tool: { name: 'glue-guardrails', version: '9.9.9' },
      startedAt: '2026-12-05T08:00:00.000Z',
      finishedAt: '2026-12-05T08:00:01.000Z',
      caller: { account: '111122223333', arn: 'arn:aws:iam::111122223333:user/a' },
      source: 'scan',
      accounts: ['111122223333'],
      regions: ['eu-west-1'],
      rules: [RULE],
      parameters: {},
    },
    evaluations,
  };
}

/** A stand-in Security Hub: records every request, answers with `answer`. */
function fakeHub(
  answer: (input: Record<string, unknown>, call: number) => unknown,
  existing: unknown[] = [],
) {
  const calls: Array<{ name: string; input: Record<string, unknown> }> = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      const name = command.constructor.name;
      calls.push({ name, input: command.input });
      if (name === 'GetFindingsCommand') return { Findings: existing };
      return answer(command.input, calls.filter((c) => c.name === name).length);
    },
  } as unknown as SecurityHubClient;
  return { client, calls };
}

describe('sendToSecurityHub (stand-in client)', () => {
  const noSleep = async (): Promise<void> => {};

  it('imports at most 100 findings per BatchImportFindings call', async () => {
    // Prepare: 250 non-compliant jobs
    const evaluations = Array.from({ length: 250 }, (_, i) => evaluation({ resourceId: `job-${i}` }));
    const hub = fakeHub(() => ({ FailedCount: 0, SuccessCount: 1, FailedFindings: [] }));
    // Act
    const out = await sendToSecurityHub(report(evaluations), { clientFor: () => hub.client, sleep: noSleep });
    // Assess
    const sizes = hub.calls
      .filter((c) => c.name === 'BatchImportFindingsCommand')
      .map((c) => (c.input.Findings as unknown[]).length);
    expect(sizes).toEqual([100, 100, 50]);
    expect(out).toEqual({ imported: 250, resolved: 0, errors: [] });
  });

  it('retries FailedFindings a bounded number of times, then reports them as errors', async () => {
    // Prepare: job-1 always fails, job-2 fails once
    const stuck = findingId(evaluation({ resourceId: 'job-1' }));
    const flaky = findingId(evaluation({ resourceId: 'job-2' }));
    const hub = fakeHub((_input, call) => ({
      FailedFindings: [
        { Id: stuck, ErrorCode: 'InvalidInput', ErrorMessage: 'nope' },
        ...(call === 1 ? [{ Id: flaky, ErrorCode: 'Throttled', ErrorMessage: 'slow down' }] : []),
      ],
    }));
    const delays: number[] = [];
    // Act
    const out = await sendToSecurityHub(
      report([
        evaluation({ resourceId: 'job-1' }),
        evaluation({ resourceId: 'job-2' }),
        evaluation({ resourceId: 'job-3' }),
      ]),
      { clientFor: () => hub.client, sleep: async (ms) => void delays.push(ms) },
    );
    // Assess: 1 + 3 retries, growing delays, the stuck one reported
    expect(hub.calls.filter((c) => c.name === 'BatchImportFindingsCommand')).toHaveLength(4);
    expect(delays).toEqual([250, 500, 1000]);
    expect(out.imported).toBe(2);
    expect(out.errors).toEqual([
      { account: '111122223333', region: 'eu-west-1', id: stuck, error: 'InvalidInput: nope' },
    ]);
  });

  it("never resolves a finding whose rule or resource could not be evaluated, nor other products' findings", async () => {
    // Prepare: earlier findings for job-1 (now ERROR), job-2 (rule failed below), and a foreign one
    const old = (resourceId: string, rule = RULE) => ({
      Id: findingId(evaluation({ resourceId, rule })),
      ProductArn: 'arn:aws:securityhub:eu-west-1:111122223333:product/111122223333/default',
      GeneratorId: `glue-guardrails/${rule}`,
      AwsAccountId: '111122223333',
      Region: 'eu-west-1',
      RecordState: 'ACTIVE',
      ProductFields: { 'glue-guardrails/rule': rule },
    });
    const foreign = { ...old('job-9'), ProductArn: 'arn:aws:securityhub:eu-west-1::product/aws/guardduty' };
    const other = 'glue-job-logging-enabled';
    const hub = fakeHub(() => ({ FailedFindings: [] }), [old('job-1'), old('job-2', other), foreign]);
    // Act
    const out = await sendToSecurityHub(
      report([
        evaluation({ resourceId: 'job-1', compliance: 'ERROR', error: 'AccessDenied' }),
        evaluation({ rule: other, resourceId: '111122223333', compliance: 'ERROR', error: 'AccessDenied' }),
      ]),
      { clientFor: () => hub.client, sleep: noSleep },
    );
    // Assess: nothing sent, nothing resolved
    expect(out).toEqual({ imported: 0, resolved: 0, errors: [] });
    expect(hub.calls.filter((c) => c.name === 'BatchImportFindingsCommand')).toHaveLength(0);
  });
});
