import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run as remediate } from '../../cli/commands/remediate';
import { run as report } from '../../cli/commands/report';
import { run as scan } from '../../cli/commands/scan';
import { createInbox } from '../../cli/demo/inbox';
import { COMPLIANCE_VALUES } from '../../cli/output/report';
import type { ScanEvaluation, ScanMetadata } from '../../cli/scan-types';
import { seedSampleEstate } from '../../emulator/sample-estate';
import { defaultRecordFile, readRecords } from '../../remediation/runner/records';
import { ensureChromium } from '../../scripts/ensure-chromium.mjs';
import { useEmulator } from '../emulator/context';
import { emulatorAws } from '../support/aws';
import { captureConsole } from '../support/console';

// The evidence report in a real browser (issue 9): Debian's chromium, driven by playwright-core,
// opens the file offline; the screenshot and the A4 PDF it prints are kept under test-output/.

const OUTPUT = join(import.meta.dirname, '..', '..', 'test-output', 'report');
const EVIL = '<script>alert(1)</script>"onload="alert(2)';

const emulator = useEmulator();
const io = captureConsole({ testCredentials: true });
let browser: Browser;
let pdftotext: string;

beforeAll(async () => {
  const found = ensureChromium();
  pdftotext = found.pdftotext;
  browser = await chromium.launch({ executablePath: found.chromium, args: ['--no-sandbox'] });
  mkdirSync(OUTPUT, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

/** What the test reads from the page; run in the browser (plain JavaScript: no DOM types here). */
interface DomFacts {
  scripts: number;
  handlers: string[];
  text: string;
  bars: Array<{ rule: string | null; total: number; segments: Record<string, number> }>;
  table: Array<{ rule: string | null; cells: Record<string, number> }>;
  tiles: Record<string, number>;
  deployed: string;
  exemptions: string;
}
const DOM_FACTS = `(() => ({
  scripts: document.querySelectorAll('script').length,
  handlers: [...document.querySelectorAll('*')].flatMap((el) =>
    [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => \`\${el.tagName} \${a.name}\`),
  ),
  text: document.body.textContent ?? '',
  bars: [...document.querySelectorAll('svg.by-rule g.bar')].map((g) => ({
    rule: g.getAttribute('data-key'),
    total: Number(g.getAttribute('data-total')),
    segments: Object.fromEntries(
      [...g.querySelectorAll('rect.seg')].map((r) => [
        r.getAttribute('data-status'),
        Number(r.getAttribute('data-count')),
      ]),
    ),
  })),
  table: [...document.querySelectorAll('table.counts tr[data-rule]')].map((tr) => ({
    rule: tr.getAttribute('data-rule'),
    cells: Object.fromEntries(
      [...tr.querySelectorAll('td[data-status]')].map((td) => [
        td.getAttribute('data-status'),
        Number(td.textContent),
      ]),
    ),
  })),
  tiles: Object.fromEntries(
    [...document.querySelectorAll('.tile[data-total]')].map((t) => [
      t.getAttribute('data-total'),
      Number(t.querySelector('b')?.textContent),
    ]),
  ),
  deployed: document.querySelector('#executions')?.textContent ?? '',
  exemptions: document.querySelector('#exemptions')?.textContent ?? '',
}))()`;

/** What the PDF must show for each NON_COMPLIANT evaluation: its offenders, or its resource. */
function offendersOf(evaluations: readonly ScanEvaluation[]): string[] {
  return evaluations
    .filter((e) => e.compliance === 'NON_COMPLIANT')
    .flatMap((e) => (e.offenders && e.offenders.length > 0 ? e.offenders : [e.resourceId]));
}

describe('evidence report in Chromium', () => {
  it('opens offline with no error, matches the scan JSON, and prints every offender on A4', async () => {
    // Prepare: the sample estate, one local remediation on record, a saved scan with its sidecar.
    const aws = emulatorAws(emulator);
    await seedSampleEstate(aws, emulator.accountId);
    const inbox = await createInbox(aws);
    const work = mkdtempSync(join(tmpdir(), 'gg-report-browser-'));
    vi.stubEnv('GLUE_GUARDRAILS_STATE_DIR', join(work, 'state'));
    const where = ['--endpoint', emulator.endpoint, '--region', emulator.region];
    // A dry run executes nothing, so it leaves no record; the real run leaves one.
    const plan = [
      '--rule',
      'glue-job-security-configuration-encrypted',
      '--resource',
      'cards-settlement-etl',
      '--param',
      'SecurityConfigurationName=ledger-kms',
      '--param',
      `NotificationTopicArn=${inbox.topicArn}`,
      ...where,
    ];
    expect(await remediate([...plan, '--dry-run'])).toBe(0);
    expect(readRecords(defaultRecordFile()).records).toEqual([]);
    const fixed = await remediate(plan);
    expect(fixed).toBe(0);
    const recorded = readRecords(defaultRecordFile()).records;
    expect(recorded).toMatchObject([
      {
        document: 'AttachGlueJobSecurityConfiguration',
        rule: 'glue-job-security-configuration-encrypted',
        resourceId: 'cards-settlement-etl',
        status: 'Success',
        account: emulator.accountId,
        endpoint: emulator.endpoint,
      },
    ]);
    const saved = join(work, 'scan');
    await scan(['--format', 'json', '--output-dir', saved, ...where]);
    const jsonFile = readdirSync(saved).find(
      (f) => f.endsWith('.json') && !/\.(asff|metadata)\.json$/.test(f),
    );
    if (!jsonFile) throw new Error(`no scan JSON in ${saved}`);
    const scanFile = join(saved, jsonFile);
    // An attacker-controlled id and annotation, and an exemption, as a scan could carry them.
    const evaluations = JSON.parse(readFileSync(scanFile, 'utf8')) as ScanEvaluation[];
    const template = evaluations.find((e) => e.rule === 'glue-job-tagged') ?? evaluations[0]!;
    evaluations.push(
      { ...template, resourceId: EVIL, compliance: 'NON_COMPLIANT', annotation: `tag missing ${EVIL}` },
      {
        ...template,
        resourceId: 'exempt-job',
        compliance: 'NOT_APPLICABLE',
        annotation: 'exempt until 2027-03-31',
        exemption: {
          rule: template.rule,
          resourceId: 'exempt-job',
          reason: 'decommissioned in Q1',
          approver: 'cro@bank.example',
          expires: '2027-03-31',
          source: 'deployment',
          status: 'active',
        },
      },
    );
    writeFileSync(scanFile, JSON.stringify(evaluations));
    const metadata = JSON.parse(
      readFileSync(scanFile.replace(/\.json$/, '.metadata.json'), 'utf8'),
    ) as ScanMetadata;
    const html = join(work, 'report.html');

    // Act: the report from the saved scan, reading the deployed executions from the emulator too.
    expect(await report(['--from', scanFile, '--out', html, ...where])).toBe(0);
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const consoleErrors: string[] = [];
    const requests: string[] = [];
    const failed: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    page.on('request', (r) => requests.push(r.url()));
    page.on('requestfailed', (r) => failed.push(r.url()));
    const url = pathToFileURL(html).href;
    await page.goto(url, { waitUntil: 'load' });

    // Assess: offline, quiet, no script.
    expect(consoleErrors).toEqual([]);
    expect(failed).toEqual([]);
    expect(requests).toEqual([url]);
    const dom = await page.evaluate<DomFacts>(DOM_FACTS);
    expect(dom.scripts).toBe(0);
    expect(dom.handlers).toEqual([]);
    expect(dom.text).toContain(EVIL);

    // One bar per rule the scan ran, and every number equal to the scan JSON's.
    expect(dom.bars.map((b) => b.rule).sort()).toEqual([...metadata.rules].sort());
    for (const rule of metadata.rules) {
      const mine = evaluations.filter((e) => e.rule === rule);
      const expected = Object.fromEntries(
        COMPLIANCE_VALUES.map((s) => [s, mine.filter((e) => e.compliance === s).length]),
      );
      const bar = dom.bars.find((b) => b.rule === rule);
      expect(bar?.total, rule).toBe(mine.length);
      expect(bar?.segments, rule).toEqual(
        Object.fromEntries(Object.entries(expected).filter(([, n]) => n > 0)),
      );
      expect(dom.table.find((r) => r.rule === rule)?.cells, rule).toEqual({
        ...expected,
        TOTAL: mine.length,
      });
    }
    expect(dom.tiles).toEqual({
      ...Object.fromEntries(
        COMPLIANCE_VALUES.map((s) => [s, evaluations.filter((e) => e.compliance === s).length]),
      ),
      TOTAL: evaluations.length,
    });
    expect(dom.exemptions).toContain('decommissioned in Q1');
    // moto does not implement DescribeAutomationExecutions: said so, not shown as "no execution".
    expect(dom.deployed).toContain('does not implement DescribeAutomationExecutions');
    expect(dom.deployed).toContain('cards-settlement-etl');

    // A screenshot and an A4 PDF, kept for a person to look at.
    const png = join(OUTPUT, 'report.png');
    const pdf = join(OUTPUT, 'report.pdf');
    await page.screenshot({ path: png, fullPage: true });
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    await page.close();
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    expect(statSync(pdf).size).toBeGreaterThan(10_000);
    const info = execFileSync(join(dirname(pdftotext), 'pdfinfo'), [pdf], { encoding: 'utf8' });
    expect(info).toMatch(
      /Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)|Page size:\s+59[45]\.\d+ x 84[12]\.\d+ pts \(A4\)/,
    );
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThan(3);
    const text = execFileSync(pdftotext, ['-raw', pdf, '-'], {
      encoding: 'utf8',
      maxBuffer: 32 * 1024 * 1024,
    });
    const squeezed = text.replace(/\s+/g, '');
    const offenders = offendersOf(evaluations);
    expect(offenders.length).toBeGreaterThan(5);
    expect(offenders.filter((o) => !squeezed.includes(o.replace(/\s+/g, '')))).toEqual([]);
    expect(io.stderr.join('\n')).toContain(`wrote ${html}`);
  }, 240_000);
});
