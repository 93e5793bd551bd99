import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listDocuments, loadDocument } from '../catalog/documents';
import { documentPermissions } from '../catalog/permissions';

/** remediation/README.md, whose documents section is generated from the documents themselves. */
export const README = join(dirname(fileURLToPath(import.meta.url)), '..', 'README.md');
const START = '<!-- documents:start (generated: npx tsx remediation/validate/readme.ts --write) -->';
const END = '<!-- documents:end -->';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

/** A Markdown table padded the way the repository's formatter (biome) writes it. */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, 3, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

/** What the document does: its first paragraph of text (headings skipped). */
function summary(description: string): string {
  for (const paragraph of description.split(/\n\s*\n/)) {
    const text = paragraph
      .split('\n')
      .filter((l) => !l.trim().startsWith('#'))
      .join(' ')
      .trim();
    if (text) return text.replace(/\s+/g, ' ');
  }
  return '';
}

/** The README section listing every document: what it does, parameters, outputs, permissions. */
export function renderDocumentsSection(): string {
  const out = [START, ''];
  for (const name of listDocuments()) {
    const doc = loadDocument(name);
    const rows = Object.entries(doc.parameters ?? {}).map(([p, spec]) => [
      p,
      spec.type,
      cell(spec.default === undefined ? '(required)' : `\`${JSON.stringify(spec.default)}\``),
      cell(spec.description ?? ''),
    ]);
    out.push(`### ${name}`, '', summary(doc.description ?? ''), '');
    out.push(...table(['Parameter', 'Type', 'Default', 'Description'], rows));
    out.push('', `Outputs: ${(doc.outputs ?? []).map((o) => `\`${o}\``).join(', ') || 'none'}`, '');
    out.push(
      `Permissions: ${documentPermissions(doc)
        .map((a) => `\`${a}\``)
        .join(', ')}`,
      '',
    );
  }
  out.push(END);
  return out.join('\n');
}

/** The README with its documents section replaced by a fresh rendering. */
export function renderReadme(current: string): string {
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${README} has no documents section markers`);
  return current.slice(0, start) + renderDocumentsSection() + current.slice(end + END.length);
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--write')) {
  writeFileSync(README, renderReadme(readFileSync(README, 'utf8')));
}
