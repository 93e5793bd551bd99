import { COMPLIANCE_VALUES } from '../output/report';
import type { ExemptionNote, ScanCompliance, ScanEvaluation } from '../scan-types';
import { type ReportModel, type RuleSection, type StatusCounts, worstStatus } from './model';

/**
 * The evidence report as one self-contained HTML file: inline CSS and SVG, no script, nothing
 * fetched (a Content-Security-Policy of default-src 'none' says so to the browser too), system
 * fonts only; a print stylesheet lays it out on A4 with a page break between sections. Every
 * value from the scan (resource ids, annotations, exemption reasons: attacker-controlled) goes
 * through esc().
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text or attribute value, escaped for HTML and SVG (quoted attributes). */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const LABEL: Record<ScanCompliance, string> = {
  NON_COMPLIANT: 'Non-compliant',
  ERROR: 'Not evaluated (error)',
  COMPLIANT: 'Compliant',
  NOT_APPLICABLE: 'Not applicable',
};
const COLOR: Record<ScanCompliance | 'NOT_EVALUATED', string> = {
  NON_COMPLIANT: '#c62828',
  ERROR: '#ef6c00',
  COMPLIANT: '#2e7d32',
  NOT_APPLICABLE: '#9e9e9e',
  NOT_EVALUATED: '#5c6bc0',
};

const CSS = `
:root{--fg:#1d2330;--muted:#5b6475;--line:#d9dee7;--bg:#fff;--band:#f4f6fa}
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg)}
header.top{padding:20px 32px 12px;border-bottom:3px solid #1f3a5f}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:18px;margin:0 0 12px;border-bottom:1px solid var(--line);padding-bottom:4px}
h3{font-size:15px;margin:18px 0 6px}
main{padding:0 32px 32px}
section{padding-top:20px}
.muted{color:var(--muted)}
.totals{display:flex;gap:10px;flex-wrap:wrap;margin-top:10px}
.tile{border:1px solid var(--line);border-radius:6px;padding:6px 12px;min-width:120px;background:var(--band)}
.tile b{display:block;font-size:20px}
table{border-collapse:collapse;width:100%;margin:6px 0 12px;font-size:12.5px}
th,td{border:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}
th{background:var(--band);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
code,.id{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:12px;overflow-wrap:anywhere}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:3px 16px;margin:0}
dl.meta dt{color:var(--muted)}
dl.meta dd{margin:0;overflow-wrap:anywhere}
td.where{white-space:nowrap}
.badge{display:inline-block;padding:0 6px;border-radius:3px;color:#fff;font-size:11.5px;font-weight:600;white-space:nowrap}
${Object.entries(COLOR)
  .map(([s, c]) => `.s-${s}{fill:${c};background:${c}}`)
  .join('\n')}
.legend{display:flex;gap:14px;flex-wrap:wrap;font-size:12px;margin:4px 0 8px}
.legend span::before{content:"";display:inline-block;width:10px;height:10px;margin-right:4px;vertical-align:-1px;background:var(--c)}
svg text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:11px;fill:#1d2330}
article.rule{border-top:1px solid var(--line);padding:6px 0 4px}
article.rule h3{display:flex;gap:8px;align-items:baseline;flex-wrap:wrap}
ul.offenders{margin:2px 0;padding-left:18px}
.charts{display:grid;grid-template-columns:1fr;gap:8px}
@page{size:A4;margin:14mm 12mm}
@media print{
  body{font-size:10.5pt}
  header.top,main{padding-left:0;padding-right:0}
  main>section+section{break-before:page}
  main>section{padding-top:0}
  table{font-size:9pt}
  tr,article.rule h3,.tile{break-inside:avoid}
  h2,h3{break-after:avoid}
  a{color:inherit;text-decoration:none}
}
`;

const badge = (status: ScanCompliance | 'NOT_EVALUATED'): string =>
  `<span class="badge s-${status}">${esc(status === 'NOT_EVALUATED' ? 'NOT EVALUATED' : status)}</span>`;

function legend(): string {
  return `<div class="legend">${COMPLIANCE_VALUES.map(
    (s) => `<span style="--c:${COLOR[s]}">${esc(LABEL[s])}</span>`,
  ).join('')}</div>`;
}

/**
 * A horizontal stacked bar chart: one `g.bar` per row (data-key), one rect per non-zero status
 * (data-status, data-count), the row's counts written at its end.
 */
function barChart(
  rows: Array<{ key: string; label: string; counts: StatusCounts; total: number }>,
  options: { className: string; title: string; labelWidth: number },
): string {
  const width = 820;
  const rowHeight = 22;
  const barArea = width - options.labelWidth - 150;
  const max = Math.max(1, ...rows.map((r) => r.total));
  const height = rows.length * rowHeight + 8;
  const bars = rows.map((row, i) => {
    const y = 4 + i * rowHeight;
    let x = options.labelWidth;
    const segments = COMPLIANCE_VALUES.filter((s) => row.counts[s] > 0).map((s) => {
      const w = Math.max(2, (row.counts[s] / max) * barArea);
      const rect = `<rect class="seg s-${s}" data-status="${s}" data-count="${row.counts[s]}" x="${x.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowHeight - 8}"><title>${esc(row.label)}: ${row.counts[s]} ${esc(LABEL[s])}</title></rect>`;
      x += w;
      return rect;
    });
    const summary =
      row.total === 0
        ? 'not evaluated'
        : COMPLIANCE_VALUES.filter((s) => row.counts[s] > 0)
            .map(
              (s) =>
                `${row.counts[s]} ${s === 'NON_COMPLIANT' ? 'NC' : s === 'NOT_APPLICABLE' ? 'N/A' : s === 'COMPLIANT' ? 'OK' : 'ERR'}`,
            )
            .join(' · ');
    return `<g class="bar" data-key="${esc(row.key)}" data-total="${row.total}"><text x="${options.labelWidth - 6}" y="${y + 15}" text-anchor="end">${esc(row.label)}</text>${segments.join('')}<text x="${(x + 6).toFixed(1)}" y="${y + 15}">${esc(summary)}</text></g>`;
  });
  return `<svg class="chart ${esc(options.className)}" role="img" aria-label="${esc(options.title)}" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg"><title>${esc(options.title)}</title>${bars.join('')}</svg>`;
}

const list = (values: readonly string[] | undefined): string =>
  values && values.length > 0
    ? values.map((v) => `<code>${esc(v)}</code>`).join(', ')
    : '<span class="muted">none recorded</span>';

function metadataSection(model: ReportModel): string {
  const m = model.metadata;
  const rows: Array<[string, string]> = [
    ['Source', esc(model.sourceLabel)],
    [
      'Report generated',
      `${esc(model.generatedAt)} by ${esc(model.generator.name)} ${esc(model.generator.version)}`,
    ],
  ];
  if (m) {
    rows.push(
      ['Scanned by', `${esc(m.tool.name)} ${esc(m.tool.version)} (${esc(m.source)})`],
      ['Scan time', `${esc(m.startedAt)} – ${esc(m.finishedAt)}`],
      ['Caller', `account <code>${esc(m.caller.account)}</code>, <code>${esc(m.caller.arn)}</code>`],
      ['Accounts', list(m.accounts)],
      ['Regions', list(m.regions)],
      ['Rules run', `${m.rules.length}`],
    );
    const params = Object.entries(m.parameters ?? {}).flatMap(([rule, p]) =>
      Object.entries(p).map(([k, v]) => `<code>${esc(rule)}.${esc(k)}=${esc(v)}</code>`),
    );
    rows.push([
      'Parameters',
      params.length > 0 ? params.join('<br>') : '<span class="muted">defaults</span>',
    ]);
    if (m.filter && (m.filter.status || m.filter.severity))
      rows.push([
        'Saved with a filter',
        `status ${esc(m.filter.status?.join(',') ?? 'all')}, severity ${esc(m.filter.severity?.join(',') ?? 'all')}: only those results are shown`,
      ]);
  } else {
    rows.push([
      'Scan metadata',
      '<span class="muted">not recorded: the saved scan came without its metadata sidecar (scan --output-dir writes one)</span>',
    ]);
  }
  return `<section id="metadata"><h2>Scan</h2><dl class="meta">${rows
    .map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`)
    .join('')}</dl></section>`;
}

function summarySection(model: ReportModel): string {
  const labelWidth = Math.min(360, 40 + 6.2 * Math.max(8, ...model.rules.map((r) => r.id.length)));
  const byRule = barChart(
    model.rules.map((r) => ({ key: r.id, label: r.id, counts: r.counts, total: r.total })),
    { className: 'by-rule', title: 'Compliance by rule', labelWidth },
  );
  const bySeverity = barChart(
    model.bySeverity.map((s) => ({ key: s.severity, label: s.severity, counts: s.counts, total: s.total })),
    { className: 'by-severity', title: 'Compliance by severity', labelWidth },
  );
  const head = COMPLIANCE_VALUES.map((s) => `<th class="num">${esc(LABEL[s])}</th>`).join('');
  const rows = model.rules
    .map(
      (r, i) =>
        `<tr data-rule="${esc(r.id)}"><td><a href="#rule-${i}" class="id">${esc(r.id)}</a></td><td>${esc(r.severity)}</td>${COMPLIANCE_VALUES.map(
          (s) => `<td class="num" data-status="${s}">${r.counts[s]}</td>`,
        ).join('')}<td class="num" data-status="TOTAL">${r.total}</td></tr>`,
    )
    .join('');
  const t = model.totals;
  return `<section id="summary"><h2>Compliance summary</h2>
<div class="totals">${COMPLIANCE_VALUES.map(
    (s) => `<div class="tile" data-total="${s}"><b>${t[s]}</b>${esc(LABEL[s])}</div>`,
  ).join('')}<div class="tile" data-total="TOTAL"><b>${t.total}</b>Evaluations</div></div>
<h3>By rule</h3>${legend()}<div class="charts">${byRule}</div>
<h3>By severity</h3>${bySeverity}
<table class="counts"><thead><tr><th>Rule</th><th>Severity</th>${head}<th class="num">Total</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function exemptionCell(e: ExemptionNote | undefined): string {
  if (!e) return '';
  return `${esc(e.status)} exemption until ${esc(e.expires)} (${esc(e.source)}): ${esc(e.reason)}, approved by ${esc(e.approver)}`;
}

function findingRow(e: ScanEvaluation, accountLevel: boolean): string {
  const offenders =
    e.offenders && e.offenders.length > 0
      ? `<ul class="offenders">${e.offenders.map((o) => `<li class="id offender">${esc(o)}</li>`).join('')}</ul>`
      : '';
  const resource =
    accountLevel && offenders ? offenders : `<span class="id offender">${esc(e.resourceId)}</span>`;
  return `<tr class="finding" data-status="${esc(e.compliance)}"><td>${badge(e.compliance)}</td><td class="where"><code>${esc(e.account)}</code><br>${esc(e.region)}</td><td>${resource}</td><td>${esc(e.annotation)}${e.exemption ? `<br><span class="muted">${exemptionCell(e.exemption)}</span>` : ''}</td></tr>`;
}

function ruleArticle(r: RuleSection, i: number): string {
  const accountLevel = r.resourceType === 'AWS::::Account';
  const remediation = r.remediation
    ? `<code>${esc(r.remediation.document)}</code> (${r.remediation.automatic ? 'automatic: AWS Config runs it on NON_COMPLIANT' : 'manual: run on request'})`
    : '<span class="muted">none: fixed by hand</span>';
  const frameworks =
    r.frameworks.length > 0
      ? `<ul>${r.frameworks
          .map(
            (f) =>
              `<li>${esc(f.framework)} <b>${esc(f.control)}</b> ${esc(f.title)} <span class="muted">(source: <code>${esc(f.source)}</code>)</span></li>`,
          )
          .join('')}</ul>`
      : '<span class="muted">no mapping recorded</span>';
  const findings =
    r.findings.length > 0
      ? `<table class="findings"><thead><tr><th>Status</th><th>Account / region</th><th>${accountLevel ? 'Offenders' : 'Resource'}</th><th>Annotation</th></tr></thead><tbody>${r.findings
          .map((e) => findingRow(e, accountLevel))
          .join('')}</tbody></table>`
      : `<p class="muted">${r.total === 0 ? 'Not evaluated in this scan.' : 'No offender.'}</p>`;
  return `<article class="rule" id="rule-${i}" data-rule="${esc(r.id)}"><h3><code>${esc(r.id)}</code> ${badge(worstStatus(r.counts))} <span class="muted">${esc(r.severity)} · ${esc(r.resourceType)}</span></h3>
<dl class="meta"><dt>Statement</dt><dd>${r.description ? esc(r.description) : '<span class="muted">unknown rule (not in this version\'s catalog)</span>'}</dd><dt>Control</dt><dd>${esc(r.control)}</dd><dt>Frameworks</dt><dd>${frameworks}</dd><dt>Remediation</dt><dd>${remediation}</dd><dt>Results</dt><dd>${COMPLIANCE_VALUES.map((s) => `${r.counts[s]} ${esc(LABEL[s].toLowerCase())}`).join(', ')}</dd></dl>
${findings}</article>`;
}

function frameworksSection(model: ReportModel): string {
  if (model.controls.length === 0) return '';
  let current = '';
  const parts: string[] = [];
  for (const c of model.controls) {
    if (c.framework !== current) {
      if (current) parts.push('</tbody></table>');
      current = c.framework;
      parts.push(
        `<h3>${esc(c.frameworkTitle)}</h3><table class="controls" data-framework="${esc(c.framework)}"><thead><tr><th>Control</th><th>Rules and status</th></tr></thead><tbody>`,
      );
    }
    parts.push(
      `<tr class="control" data-control="${esc(c.control)}"><td><b>${esc(c.control)}</b> ${esc(c.title)}</td><td>${c.rules
        .map((r) => `<code>${esc(r.id)}</code> ${badge(r.status)}`)
        .join('<br>')}</td></tr>`,
    );
  }
  parts.push('</tbody></table>');
  return `<section id="frameworks"><h2>Framework controls</h2>${parts.join('')}</section>`;
}

function exemptionTable(rows: readonly ExemptionNote[], className: string): string {
  return `<table class="${className}"><thead><tr><th>Rule</th><th>Resource</th><th>Reason</th><th>Approver</th><th>Expires</th><th>Source</th></tr></thead><tbody>${rows
    .map(
      (e) =>
        `<tr><td><code>${esc(e.rule)}</code></td><td class="id">${esc(e.resourceId)}</td><td>${esc(e.reason)}</td><td>${esc(e.approver)}</td><td>${esc(e.expires)}</td><td>${esc(e.source)}</td></tr>`,
    )
    .join('')}</tbody></table>`;
}

function exemptionsSection(model: ReportModel): string {
  const { active, expired } = model.exemptions;
  if (active.length === 0 && expired.length === 0) return '';
  return `<section id="exemptions"><h2>Exemptions</h2>
<h3>In force (${active.length})</h3>${active.length > 0 ? exemptionTable(active, 'exemptions-active') : '<p class="muted">None.</p>'}
<h3>Expired (${expired.length}): evaluated as usual again</h3>${expired.length > 0 ? exemptionTable(expired, 'exemptions-expired') : '<p class="muted">None.</p>'}</section>`;
}

const statusBadge = (status: string): string => {
  const cls =
    status === 'Success'
      ? 'COMPLIANT'
      : status === 'Failed' || status === 'TimedOut'
        ? 'NON_COMPLIANT'
        : 'NOT_APPLICABLE';
  return `<span class="badge s-${cls}">${esc(status)}</span>`;
};

function executionsSection(model: ReportModel): string {
  const deployed = model.deployed;
  let deployedHtml: string;
  if (!deployed) deployedHtml = '<p class="muted">Not read.</p>';
  else if (deployed.state === 'not-read')
    deployedHtml = `<p class="muted">Not read: ${esc(deployed.reason)}</p>`;
  else {
    const errors = deployed.errors.map((e) => `<li>${esc(e)}</li>`).join('');
    const rows = deployed.executions
      .map(
        (x) =>
          `<tr><td>${statusBadge(x.status)}</td><td><code>${esc(x.document)}</code></td><td class="id">${esc(x.target ?? '')}</td><td>${esc(x.region)}</td><td>${esc(x.startTime ?? '')}</td><td>${esc(x.endTime ?? '')}</td><td class="id">${esc(x.executionId)}${x.failureMessage ? `<br>${esc(x.failureMessage)}` : ''}</td></tr>`,
      )
      .join('');
    deployedHtml = `<p class="muted">SSM DescribeAutomationExecutions for the suite's documents in ${list(deployed.regions)}.</p>${
      rows
        ? `<table class="deployed"><thead><tr><th>Outcome</th><th>Document</th><th>Target</th><th>Region</th><th>Started</th><th>Ended</th><th>Execution</th></tr></thead><tbody>${rows}</tbody></table>`
        : '<p>No recent execution.</p>'
    }${errors ? `<p>Could not read:</p><ul class="errors">${errors}</ul>` : ''}`;
  }
  const local = model.local;
  let localHtml: string;
  if (!local) localHtml = '<p class="muted">Not read.</p>';
  else {
    const rows = local.records
      .map(
        (r) =>
          `<tr><td>${statusBadge(r.status)}</td><td><code>${esc(r.document)}</code>${r.rule ? `<br><span class="muted">${esc(r.rule)}</span>` : ''}</td><td class="id">${esc(r.resourceId ?? '')}</td><td><code>${esc(r.account)}</code> ${esc(r.region)}${r.endpoint ? `<br><span class="muted">via ${esc(r.endpoint)}</span>` : ''}</td><td>${esc(r.startTime)}</td><td class="id">${esc(r.executionId)}${r.failureMessage ? `<br>${esc(r.failureMessage)}` : ''}</td></tr>`,
      )
      .join('');
    const notes = [
      local.otherAccounts > 0 ? `${local.otherAccounts} record(s) of other accounts left out` : '',
      local.skipped > 0 ? `${local.skipped} unreadable line(s) skipped` : '',
    ].filter(Boolean);
    localHtml = `<p class="muted">Records of <code>glue-guardrails remediate</code> in <code>${esc(local.file)}</code>${notes.length > 0 ? ` (${esc(notes.join('; '))})` : ''}.</p>${
      rows
        ? `<table class="local"><thead><tr><th>Outcome</th><th>Document</th><th>Resource</th><th>Account / region</th><th>Started</th><th>Execution</th></tr></thead><tbody>${rows}</tbody></table>`
        : '<p>No local remediation recorded.</p>'
    }`;
  }
  return `<section id="executions"><h2>Remediation executions</h2><h3>Deployed (SSM Automation)</h3>${deployedHtml}<h3>Local runner</h3>${localHtml}</section>`;
}

/** The whole report. */
export function renderReportHtml(model: ReportModel): string {
  const when = model.metadata?.startedAt ?? model.generatedAt;
  const t = model.totals;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Glue guardrails evidence report ${esc(when)}</title>
<style>${CSS}</style></head>
<body><header class="top"><h1>AWS Glue guardrails: evidence report</h1>
<div class="muted">${esc(model.sourceLabel)} · ${esc(when)} · ${model.rules.length} rules · ${t.total} evaluations · ${t.NON_COMPLIANT} non-compliant</div></header>
<main>${metadataSection(model)}${summarySection(model)}
<section id="rules"><h2>Rules</h2>${model.rules.map(ruleArticle).join('\n')}</section>
${frameworksSection(model)}${exemptionsSection(model)}${executionsSection(model)}</main></body></html>
`;
}
