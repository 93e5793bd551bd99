import type { ScanResult } from './scan-account';

const useColor = (): boolean => Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
const COLORS: Record<string, string> = { COMPLIANT: '32', NON_COMPLIANT: '31', NOT_APPLICABLE: '90' };

function paint(text: string, compliance: string): string {
  const code = COLORS[compliance];
  return useColor() && code ? `\u001b[${code}m${text}\u001b[0m` : text;
}

/** A plain-text table: rule, resource, compliance, annotation; then errors and a summary. */
export function formatTable(result: ScanResult): string {
  const rows = result.findings.map((f) => [
    f.rule,
    `${f.resourceType} ${f.resourceId}`,
    f.compliance,
    f.annotation,
  ]);
  const header = ['RULE', 'RESOURCE', 'COMPLIANCE', 'ANNOTATION'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[], compliance = ''): string =>
    cells
      .map((c, i) => {
        const padded = i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0);
        return i === 2 ? paint(padded, compliance) : padded;
      })
      .join('  ');
  const out = [line(header), ...rows.map((r) => line(r, r[2]))];
  for (const e of result.errors) {
    out.push(`ERROR ${e.rule}${e.resourceId ? ` ${e.resourceId}` : ''}: ${e.error}`);
  }
  const count = (c: string): number => result.findings.filter((f) => f.compliance === c).length;
  out.push(
    '',
    `Account ${result.accountId} ${result.region}: ${count('COMPLIANT')} compliant, ${count('NON_COMPLIANT')} non-compliant, ` +
      `${count('NOT_APPLICABLE')} not applicable, ${result.errors.length} error(s)`,
  );
  return out.join('\n');
}
