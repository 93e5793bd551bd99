import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { describe, expect, it, vi } from 'vitest';
import { parseReportRequest, run as report } from '../../cli/commands/report';
import { describeFailure, readDeployedExecutions, readLocalExecutions } from '../../cli/report/executions';
import { esc, renderReportHtml } from '../../cli/report/html';
import { readMetadataSidecar, readSavedScan, sidecarPath } from '../../cli/report/load';
import { buildReportModel, type ReportInput } from '../../cli/report/model';
import type { ExemptionNote, ScanEvaluation, ScanMetadata } from '../../cli/scan-types';
import { seedSampleEstate } from '../../emulator/sample-estate';
import { ruleCatalog } from '../../functions/rules/catalog';
import type { AwsContext } from '../../functions/runtime/aws';
import type { AnyRuleMeta } from '../../functions/runtime/meta';
import { appendRecords, defaultRecordFile, readRecords, toRecord } from '../../remediation/runner/records';
import type { AutomationExecution } from '../../remediation/runner/types';
import { SCREENSHOT, SCREENSHOT_MAX_BYTES } from '../../scripts/report-screenshot';
import { useEmulator } from '../emulator/context';
import {
  evaluation as configEvaluation,
  putOrganizationAggregator,
  reportEvaluations,
} from '../support/aggregate-estate';
import { emulatorAws } from '../support/aws';
import { captureConsole } from '../support/console';

const EVIL = '<script>alert(1)</script>"onload="alert(2)';

const evaluation = (over: Partial<ScanEvaluation>): ScanEvaluation => ({
  account: '111122223333',
  region: 'eu-west-1',
  rule: 'glue-job-tagged',
  severity: 'LOW',
  control: 'Tagging',
  resourceType: 'AWS::Glue::Job',
  resourceId: 'job-a',
  compliance: 'COMPLIANT',
  annotation: 'ok',
  evaluatedAt: '2026-12-05T08:00:00.000Z',
  ...over,
});

const metadata: ScanMetadata = {
  tool: { name: 'glue-guardrails', version: '0.1.0' },
  startedAt: '2026-12-05T08:00:00.000Z',
  finishedAt: '2026-12-05T08:00:05.000Z',
  caller: { account: '111122223333', arn: 'arn:aws:iam::111122223333:user/auditor' },
  source: 'scan',
  accounts: ['111122223333'],
  regions: ['eu-west-1'],
  rules: ['glue-job-tagged', 'glue-audit-trail-enabled', 'glue-connection-tagged'],
  parameters: { 'glue-job-tagged': { requiredTagKeys: 'owner' } },
};

const exemption = (status: 'active' | 'expired', resourceId: string): ExemptionNote => ({
  rule: 'glue-job-tagged',
  resourceId,
  reason: `legacy <b>${status}</b>`,
  approver: 'cro@bank.example',
  expires: status === 'active' ? '2027-03-31' : '2026-01-31',
  source: 'deployment',
  status,
});

const evaluations: ScanEvaluation[] = [
  evaluation({ resourceId: 'job-a' }),
  evaluation({ resourceId: EVIL, compliance: 'NON_COMPLIANT', annotation: `missing tag ${EVIL}` }),
  evaluation({ resourceId: 'job-c', compliance: 'NOT_APPLICABLE', exemption: exemption('active', 'job-c') }),
  evaluation({
    rule: 'glue-audit-trail-enabled',
    severity: 'HIGH',
    resourceType: 'AWS::::Account',
    resourceId: '111122223333',
    compliance: 'NON_COMPLIANT',
    annotation: 'no trail logs Glue data events',
    offenders: ['trail-one', 'trail-two'],
  }),
  evaluation({
    rule: 'glue-audit-trail-enabled',
    severity: 'HIGH',
    resourceType: 'AWS::::Account',
    resourceId: '111122223333',
    region: 'eu-central-1',
    compliance: 'ERROR',
    annotation: 'AccessDenied',
    error: 'AccessDenied',
  }),
];

const input = (over: Partial<ReportInput> = {}): ReportInput => ({
  metadata,
  evaluations,
  exemptions: [exemption('expired', 'job-old'), exemption('active', 'job-c')],
  sourceLabel: 'unit test',
  generatedAt: '2026-12-05T09:00:00.000Z',
  generator: { name: 'glue-guardrails', version: '0.1.0' },
  ...over,
});

describe('report model', () => {
  it('counts each rule by status, the totals and the severities from the evaluations', () => {
    const model = buildReportModel(input());
    const tagged = model.rules.find((r) => r.id === 'glue-job-tagged');
    expect(tagged?.counts).toEqual({ NON_COMPLIANT: 1, ERROR: 0, COMPLIANT: 1, NOT_APPLICABLE: 1 });
    expect(tagged?.findings.map((f) => f.resourceId)).toEqual([EVIL]);
    const trail = model.rules.find((r) => r.id === 'glue-audit-trail-enabled');
    expect(trail?.counts).toEqual({ NON_COMPLIANT: 1, ERROR: 1, COMPLIANT: 0, NOT_APPLICABLE: 0 });
    // A rule the scan ran that reported nothing is still a row (not evaluated), in catalog order.
    const connection = model.rules.find((r) => r.id === 'glue-connection-tagged');
    expect(connection?.total).toBe(0);
    const order = ruleCatalog.map((r) => r.id).filter((id) => metadata.rules.includes(id));
    expect(model.rules.map((r) => r.id)).toEqual(order);
    expect(model.totals).toEqual({ NON_COMPLIANT: 2, ERROR: 1, COMPLIANT: 1, NOT_APPLICABLE: 1, total: 5 });
    expect(model.bySeverity.find((s) => s.severity === 'HIGH')?.counts.ERROR).toBe(1);
    expect(model.bySeverity.find((s) => s.severity === 'LOW')?.total).toBe(3);
    expect(tagged?.remediation).toBeUndefined();
  });

  it('takes statement, control, remediation and its mode from the catalog', () => {
    const model = buildReportModel(
      input({ evaluations: [evaluation({ rule: 'glue-catalog-metadata-encrypted', severity: 'X' })] }),
    );
    const meta = ruleCatalog.find((r) => r.id === 'glue-catalog-metadata-encrypted');
    const rule = model.rules.find((r) => r.id === 'glue-catalog-metadata-encrypted');
    expect(rule?.description).toBe(meta?.description);
    expect(rule?.severity).toBe(meta?.severity);
    expect(rule?.remediation).toEqual({
      document: meta?.remediation?.document,
      automatic: meta?.remediation?.automatic,
    });
  });

  it('lists exemptions once each, active apart from expired, from the report and the evaluations', () => {
    const { exemptions } = buildReportModel(input());
    expect(exemptions.active.map((e) => e.resourceId)).toEqual(['job-c']);
    expect(exemptions.expired.map((e) => e.resourceId)).toEqual(['job-old']);
    const none = buildReportModel(input({ exemptions: [], evaluations: [evaluation({})] }));
    expect(renderReportHtml(none)).not.toContain('id="exemptions"');
  });

  it('groups the rules by framework control, with their worst status', () => {
    const mapped = (id: string, controls: string[]): AnyRuleMeta => {
      const meta = ruleCatalog.find((r) => r.id === id) as AnyRuleMeta;
      return {
        ...meta,
        frameworks: controls.map((control) => ({
          framework: 'nist-800-53-r5' as const,
          control,
          title: `title ${control}`,
          source:
            'https://docs.aws.amazon.com/config/latest/developerguide/operational-best-practices-for-nist-800-53_rev_5.html',
        })),
      };
    };
    const catalog = [
      mapped('glue-job-tagged', ['CM-8', 'AU-2']),
      mapped('glue-audit-trail-enabled', ['AU-2']),
    ];
    const model = buildReportModel(input({ catalog }));
    expect(model.controls.map((c) => c.control)).toEqual(['AU-2', 'CM-8']);
    expect(model.controls[0]?.rules.map((r) => [r.id, r.status])).toEqual([
      ['glue-job-tagged', 'NON_COMPLIANT'],
      ['glue-audit-trail-enabled', 'NON_COMPLIANT'],
    ]);
    const html = renderReportHtml(model);
    expect(html).toContain('id="frameworks"');
    expect(html).toContain('data-control="AU-2"');
    const unmapped = ruleCatalog.map(({ frameworks: _omitted, ...meta }) => meta as AnyRuleMeta);
    expect(renderReportHtml(buildReportModel(input({ catalog: unmapped })))).not.toContain('id="frameworks"');
  });
});

describe('report HTML', () => {
  it('escapes every value: a resource id cannot open a tag or an attribute', () => {
    expect(esc(EVIL)).toBe('&lt;script&gt;alert(1)&lt;/script&gt;&quot;onload=&quot;alert(2)');
    const html = renderReportHtml(buildReportModel(input()));
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/"onload=/);
    expect(html).not.toContain('<b>active</b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;onload=&quot;alert(2)');
  });

  it('is self-contained: no script, no external reference, a CSP that forbids fetching', () => {
    const html = renderReportHtml(buildReportModel(input()));
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    // No attribute or stylesheet refers to anything outside the page. URLs appear only as text
    // (the framework mappings' sources) and as the SVG namespace, neither of which is fetched.
    const urls = html.match(/(?:src|href)\s*=\s*"(?!#)[^"]*"|url\(|@import/g);
    expect(urls).toBeNull();
    const inTags = html.match(/<[^>]*https?:\/\/(?!www\.w3\.org\/2000\/svg)[^>]*>/g);
    expect(inTags).toBeNull();
    expect(html).toContain('(source: <code>https://docs.aws.amazon.com/');
    expect(html).toContain('@page{size:A4');
  });

  it('draws one bar per rule and one per severity', () => {
    const model = buildReportModel(input());
    const html = renderReportHtml(model);
    const byRule = html.slice(
      html.indexOf('class="chart by-rule"'),
      html.indexOf('class="chart by-severity"'),
    );
    expect(byRule.match(/<g class="bar"/g)).toHaveLength(model.rules.length);
  });

  it('says where metadata is missing rather than inventing it', () => {
    const { metadata: _m, ...rest } = input();
    const html = renderReportHtml(buildReportModel(rest));
    expect(html).toContain('without its metadata sidecar');
  });
});

describe('saved scans', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gg-report-'));
  const write = (name: string, data: unknown): string => {
    const file = join(dir, name);
    writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data));
    return file;
  };

  it('reads a scan --format json array and names what is wrong with anything else', () => {
    expect(readSavedScan(write('ok.json', evaluations))).toHaveLength(evaluations.length);
    expect(() => readSavedScan(write('obj.json', { evaluations }))).toThrow(
      /is not the array .* \(got an object\)/,
    );
    expect(() => readSavedScan(write('bad.json', '[{'))).toThrow(/is not JSON/);
    expect(() => readSavedScan(join(dir, 'missing.json'))).toThrow(/ENOENT/);
    const broken = [
      evaluation({}),
      { ...evaluation({}), compliance: 'FINE' },
      { ...evaluation({}), resourceId: 7 },
    ];
    expect(() => readSavedScan(write('items.json', broken))).toThrow(
      /item 1: compliance must be one of NON_COMPLIANT, ERROR, COMPLIANT, NOT_APPLICABLE, got "FINE"; item 2: resourceId is missing or not a string/,
    );
    expect(() =>
      readSavedScan(
        write('ex.json', [
          { ...evaluation({}), exemption: { ...exemption('active', 'x'), status: 'maybe' } },
        ]),
      ),
    ).toThrow(/item 0: exemption.status must be active or expired/);
  });

  it('reads the metadata sidecar beside the file, and checks it', () => {
    expect(sidecarPath('/a/glue-guardrails-2026.json')).toBe('/a/glue-guardrails-2026.metadata.json');
    const file = write('m.metadata.json', { ...metadata, filter: { status: null, severity: null } });
    expect(readMetadataSidecar(file).caller.account).toBe('111122223333');
    expect(() =>
      readMetadataSidecar(write('m2.metadata.json', { ...metadata, regions: 'eu-west-1' })),
    ).toThrow(/regions is not a list of strings/);
  });
});

describe('report options', () => {
  it('keeps the scan options for the scan parser and takes its own out', () => {
    const r = parseReportRequest([
      '--out',
      'r.html',
      '--rules',
      'glue-job-tagged',
      '--name-prefix',
      'Bank-',
      '--region',
      'eu-west-1',
    ]);
    expect(r).toMatchObject({ out: 'r.html', namePrefix: 'Bank-', awsGiven: true });
    expect(r.scanArgv).toEqual(['--rules', 'glue-job-tagged', '--region', 'eu-west-1']);
    expect(
      parseReportRequest(['--out=r.html', '--aggregator', 'org', '--name-prefix', 'P-']).scanArgv,
    ).toEqual(['--aggregator', 'org', '--name-prefix', 'P-']);
  });

  it('refuses what does not apply, before any AWS call', () => {
    expect(() => parseReportRequest([])).toThrow('--out FILE is required');
    expect(() => parseReportRequest(['--out', 'r.html', '--format', 'json'])).toThrow(
      /--format does not apply/,
    );
    expect(() => parseReportRequest(['--out', 'r.html', '--from', 'x.json', '--regions', 'all'])).toThrow(
      /--from reads a saved scan: drop --regions/,
    );
    expect(() => parseReportRequest(['--out', 'r.html', '--metadata', 'm.json'])).toThrow(/only with --from/);
  });
});

describe('report --from', () => {
  const io = captureConsole();
  const dir = mkdtempSync(join(tmpdir(), 'gg-report-from-'));

  it('writes the report from a saved scan and its sidecar, and refuses to overwrite it', async () => {
    const scan = join(dir, 'glue-guardrails-2026-12-05T08-00-00Z.json');
    writeFileSync(scan, JSON.stringify(evaluations));
    writeFileSync(sidecarPath(scan), JSON.stringify(metadata));
    const out = join(dir, 'report.html');
    const records = join(dir, 'none.jsonl');
    expect(await report(['--from', scan, '--out', out, '--local-records', records])).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('arn:aws:iam::111122223333:user/auditor');
    expect(html).toContain('glue-job-tagged.requiredTagKeys=owner');
    expect(html).toContain('Not read: the report was made from a saved scan');
    expect(io.stderr.join('\n')).toContain('3 rules, 5 evaluations, 2 non-compliant');
    await expect(report(['--from', scan, '--out', out])).rejects.toThrow(/already exists; pass --force/);
    expect(await report(['--from', scan, '--out', out, '--force', '--status', 'ERROR'])).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('1 evaluations');
    await expect(report(['--from', join(dir, 'nope.json'), '--out', join(dir, 'x.html')])).rejects.toThrow(
      /saved scan .*nope.json: ENOENT/,
    );
  });
});

describe('remediation execution records', () => {
  const execution = (id: string, start: string, status: AutomationExecution['AutomationExecutionStatus']) =>
    ({
      AutomationExecutionId: id,
      DocumentName: 'EnableGlueCatalogEncryption',
      AutomationExecutionStatus: status,
      Parameters: { CatalogId: ['111122223333'], AutomationAssumeRole: ['arn:aws:iam::111122223333:role/R'] },
      Outputs: {},
      StepExecutions: [],
      ExecutionStartTime: start,
      ExecutionEndTime: start,
      ...(status === 'Failed' ? { FailureMessage: 'denied' } : {}),
    }) satisfies AutomationExecution;

  it('appends JSON lines and reads them back newest first, skipping what is not a record', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gg-records-')), 'deep', 'remediations.jsonl');
    expect(readRecords(file)).toEqual({ records: [], skipped: 0 });
    const where = {
      account: '111122223333',
      region: 'eu-west-1',
      rule: 'r',
      resourceIdParameter: 'CatalogId',
    };
    appendRecords(file, [toRecord(execution('e1', '2026-12-05T08:00:00Z', 'Success'), where)]);
    appendRecords(file, [
      toRecord(execution('e2', '2026-12-05T09:00:00Z', 'Failed'), { ...where, account: '999999999999' }),
    ]);
    writeFileSync(file, `${readFileSync(file, 'utf8')}{"torn":\n`);
    const { records, skipped } = readRecords(file);
    expect(records.map((r) => r.executionId)).toEqual(['e2', 'e1']);
    expect(records[0]).toMatchObject({
      status: 'Failed',
      failureMessage: 'denied',
      resourceId: '111122223333',
    });
    expect(skipped).toBe(1);
    const local = readLocalExecutions(['111122223333'], file);
    expect(local.records.map((r) => r.executionId)).toEqual(['e1']);
    expect(local.otherAccounts).toBe(1);
  });

  it('lives in the state directory', () => {
    expect(defaultRecordFile({ GLUE_GUARDRAILS_STATE_DIR: '/s' })).toBe('/s/remediations.jsonl');
    expect(defaultRecordFile({ XDG_STATE_HOME: '/x' })).toBe('/x/glue-guardrails/remediations.jsonl');
  });
});

describe('deployed executions', () => {
  const fake = (send: (command: { input: unknown }) => Promise<unknown>): AwsContext =>
    ({ config: { region: 'eu-west-1' }, client: () => ({ send }) }) as unknown as AwsContext;

  it('lists each document of the deployment by exact name, newest first', async () => {
    const send = vi.fn(async (command: { input: unknown }) => {
      const name = (command.input as { Filters: Array<{ Values: string[] }> }).Filters[0]?.Values[0];
      return {
        AutomationExecutionMetadataList: [
          {
            AutomationExecutionId: `${name}-1`,
            DocumentName: name,
            AutomationExecutionStatus: 'Success',
            ExecutionStartTime: new Date(name?.endsWith('A') ? '2026-12-01' : '2026-12-03'),
            Target: 'res-1',
          },
          {
            AutomationExecutionId: 'other',
            DocumentName: `${name}Extra`,
            AutomationExecutionStatus: 'Failed',
          },
        ],
      };
    });
    const result = await readDeployedExecutions(fake(send), {
      documents: ['DocA', 'DocB', 'DocA'],
      namePrefix: 'P-',
      regions: [],
    });
    expect(send).toHaveBeenCalledTimes(2);
    expect(send.mock.calls[0]?.[0].input).toEqual({
      Filters: [{ Key: 'DocumentNamePrefix', Values: ['P-DocA'] }],
      MaxResults: 20,
    });
    expect(result).toMatchObject({ state: 'read', errors: [], regions: ['eu-west-1'] });
    if (result.state !== 'read') throw new Error('not read');
    expect(result.executions.map((x) => [x.executionId, x.target])).toEqual([
      ['P-DocB-1', 'res-1'],
      ['P-DocA-1', 'res-1'],
    ]);
  });

  it('reports a listing that failed, and names an endpoint that does not implement it', async () => {
    const gap = Object.assign(new SyntaxError('Unexpected token < in JSON: Deserialization error'), {
      $metadata: { httpStatusCode: 500 },
    });
    const result = await readDeployedExecutions(
      fake(async () => {
        throw gap;
      }),
      { documents: ['DocA'], namePrefix: '', regions: ['eu-west-1'] },
    );
    expect(result).toEqual({
      state: 'read',
      executions: [],
      regions: ['eu-west-1'],
      errors: [
        'eu-west-1 DocA: the endpoint does not implement DescribeAutomationExecutions (HTTP 500, not an AWS answer)',
      ],
    });
    expect(
      describeFailure(
        Object.assign(new Error('User is not authorized'), { $metadata: { httpStatusCode: 400 } }),
      ),
    ).toBe('User is not authorized');
  });
});

describe('README image', () => {
  it('is a committed PNG under the size limit, shown in the Evidence report section', () => {
    const png = readFileSync(SCREENSHOT);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeLessThan(SCREENSHOT_MAX_BYTES);
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Evidence report'));
    expect(section.slice(0, section.indexOf('\n## '))).toContain('](docs/report.png)');
  });
});

describe('report from AWS (emulator)', () => {
  const emulator = useEmulator();
  const io = captureConsole({ testCredentials: true });
  const where = () => ['--endpoint', emulator.endpoint, '--region', emulator.region];

  it('scans now with the scan options, and lists the local records of the scanned account', async () => {
    await seedSampleEstate(emulatorAws(emulator), emulator.accountId);
    const dir = mkdtempSync(join(tmpdir(), 'gg-report-live-'));
    const records = join(dir, 'remediations.jsonl');
    const run = (id: string, account: string) =>
      toRecord(
        {
          AutomationExecutionId: id,
          DocumentName: 'EnableGlueCatalogEncryption',
          AutomationExecutionStatus: 'Success',
          Parameters: { CatalogId: [account] },
          Outputs: {},
          StepExecutions: [],
          ExecutionStartTime: '2026-12-05T08:00:00Z',
          ExecutionEndTime: '2026-12-05T08:00:01Z',
        },
        { account, region: 'us-east-1', resourceIdParameter: 'CatalogId' },
      );
    appendRecords(records, [run('mine-1', emulator.accountId), run('theirs-1', '999999999999')]);
    const out = join(dir, 'live.html');
    const rules = 'glue-catalog-metadata-encrypted,glue-job-tagged';
    expect(await report(['--out', out, '--rules', rules, '--local-records', records, ...where()])).toBe(0);
    const html = readFileSync(out, 'utf8');
    const byRule = html.slice(
      html.indexOf('class="chart by-rule"'),
      html.indexOf('class="chart by-severity"'),
    );
    expect(byRule.match(/<g class="bar" data-key="([^"]+)"/g)).toEqual([
      '<g class="bar" data-key="glue-catalog-metadata-encrypted"',
      '<g class="bar" data-key="glue-job-tagged"',
    ]);
    expect(html).toContain('live scan');
    expect(html).toContain('mine-1');
    expect(html).not.toContain('theirs-1');
    expect(html).toContain('1 record(s) of other accounts left out');
    expect(html).toContain(
      'us-east-1 EnableGlueCatalogEncryption: the endpoint does not implement DescribeAutomationExecutions',
    );
    expect(io.stderr.join('\n')).toMatch(/2 rules, \d+ evaluations/);
  });

  it('reads the deployed results from an aggregator', async () => {
    const config = new ConfigServiceClient(emulator.clientConfig);
    await reportEvaluations(config, 'Bank-glue-job-tagged', [
      configEvaluation('etl-1', 'NON_COMPLIANT', 'no owner tag'),
    ]);
    await putOrganizationAggregator(config, 'org', 'all');
    const out = join(mkdtempSync(join(tmpdir(), 'gg-report-agg-')), 'agg.html');
    expect(
      await report([
        '--out',
        out,
        '--aggregator',
        'org',
        '--name-prefix',
        'Bank-',
        '--local-records',
        join(tmpdir(), 'none'),
        ...where(),
      ]),
    ).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('AWS Config aggregator org');
    expect(html).toContain('etl-1');
    expect(html).toContain('no owner tag');
    // The documents of the deployment are looked up under its prefix.
    expect(html).toContain(
      'us-east-1 Bank-EnableGlueCatalogEncryption: the endpoint does not implement DescribeAutomationExecutions',
    );
  });
});
