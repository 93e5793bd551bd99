#!/usr/bin/env node
// Mutation score by folder from a Stryker JSON report (mutation-testing-report-schema), default
// stryker/incremental.json, which scripts/mutation.mjs keeps complete. Stryker has one break
// threshold per run; issue 11 asks for one per folder, so this checks them: exit 1 when a folder
// is under its floor.
//   score = (Killed + Timeout) / (Killed + Timeout + Survived + NoCoverage), as Stryker computes it
//   (CompileError, RuntimeError and Ignored mutants are left out; Ignored are the static mutants
//   stryker.config.mjs leaves out, counted in their own column).
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

/** The folders issue 11 sets floors for; a file counts in the first folder it is under. */
export const FLOORS = [
  { folder: 'functions/', floor: 85 },
  { folder: 'remediation/', floor: 75 },
  { folder: 'infra/', floor: 75 },
];

function tally(mutants) {
  const t = { killed: 0, survived: 0, noCoverage: 0, timeout: 0, pending: 0, ignored: 0, other: 0 };
  for (const m of mutants) {
    if (m.status === 'Killed') t.killed++;
    else if (m.status === 'Timeout') t.timeout++;
    else if (m.status === 'Survived') t.survived++;
    else if (m.status === 'NoCoverage') t.noCoverage++;
    else if (m.status === 'Pending') t.pending++;
    else if (m.status === 'Ignored') t.ignored++;
    else t.other++;
  }
  const detected = t.killed + t.timeout;
  const valid = detected + t.survived + t.noCoverage;
  return { ...t, valid, score: valid === 0 ? Number.NaN : (100 * detected) / valid };
}

const pct = (n) => (Number.isNaN(n) ? '   n/a' : `${n.toFixed(2).padStart(6)}`);

export function scoresByFolder(report) {
  const byFile = Object.entries(report.files).map(([file, { mutants }]) => [
    relative(process.cwd(), file).replaceAll('\\', '/'),
    mutants,
  ]);
  const groups = FLOORS.map(({ folder, floor }) => {
    const files = byFile.filter(([file]) => file.startsWith(folder));
    return { folder, floor, ...tally(files.flatMap(([, mutants]) => mutants)), files: files.length };
  });
  // Sub-folders, for orientation only (no floor).
  const sub = new Map();
  for (const [file, mutants] of byFile) {
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : './';
    sub.set(dir, [...(sub.get(dir) ?? []), ...mutants]);
  }
  const folders = [...sub].sort(([a], [b]) => a.localeCompare(b)).map(([dir, m]) => ({ dir, ...tally(m) }));
  return { groups, folders, overall: tally(byFile.flatMap(([, m]) => m)) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2] ?? 'stryker/incremental.json';
  const { groups, folders, overall } = scoresByFolder(JSON.parse(readFileSync(file, 'utf8')));
  const row = (name, t, extra = '') =>
    `${name.padEnd(34)} ${pct(t.score)}  killed ${String(t.killed).padStart(4)}  timeout ${String(t.timeout).padStart(3)}  survived ${String(t.survived).padStart(4)}  no-cov ${String(t.noCoverage).padStart(4)}  ignored ${String(t.ignored).padStart(4)}${t.pending > 0 ? `  not yet tested ${t.pending}` : ''}${extra}`;
  console.log(`Mutation score by folder (${file})`);
  for (const f of folders) console.log(row(f.dir, f));
  console.log('');
  let failed = false;
  for (const g of groups) {
    const ok = g.valid > 0 && g.score >= g.floor;
    if (!ok) failed = true;
    console.log(row(g.folder, g, `  floor ${g.floor}: ${g.valid === 0 ? 'NOT RUN' : ok ? 'ok' : 'BELOW'}`));
  }
  console.log(row('overall', overall));
  process.exit(failed ? 1 : 0);
}
