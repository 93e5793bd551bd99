import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { check } from 'recheck';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * Issue 12: every regular expression the product compiles is checked with a ReDoS checker
 * (recheck: automata theory plus fuzzing), so a new rule cannot bring back super-linear
 * matching on attacker data. Regex literals and `new RegExp('literal')` / `RegExp('literal')`
 * are collected by parsing the TypeScript sources; a RegExp built at run time cannot be checked
 * here and must be on DYNAMIC_ALLOWED with a reason (a stale entry fails). The `allowedPattern`
 * of every shipped Automation document, which the runner compiles, is checked too.
 */

const ROOT = join(import.meta.dirname, '..');
/** Product code that may match data an insider controls. */
const SCANNED = ['functions', 'remediation/runner', 'remediation/validate', 'remediation/catalog', 'cli'];

/** RegExps built from a non-literal, by file and exact source text, each with why it is allowed. */
const DYNAMIC_ALLOWED: ReadonlyArray<{ file: string; source: string; reason: string }> = [
  {
    file: 'remediation/runner/parameters.ts',
    source: 'new RegExp(spec.allowedPattern)',
    reason: 'allowedPattern of a shipped Automation document; every one is checked below',
  },
  {
    file: 'remediation/validate/patterns.ts',
    source: 'new RegExp(spec.allowedPattern)',
    reason: 'allowedPattern of a shipped Automation document; every one is checked below',
  },
];

interface Found {
  where: string;
  source: string;
  flags: string;
}

function tsFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : tsFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

const isRegExpCtor = (n: ts.Node): n is ts.NewExpression | ts.CallExpression =>
  (ts.isNewExpression(n) || ts.isCallExpression(n)) &&
  ts.isIdentifier(n.expression) &&
  n.expression.text === 'RegExp';

const literalText = (n: ts.Expression | undefined): string | undefined =>
  n && (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) ? n.text : undefined;

/** Every regex in the scanned sources: literal ones to check, dynamic ones to match the allow-list. */
function collect(): { literal: Found[]; dynamic: Array<{ file: string; source: string; where: string }> } {
  const literal: Found[] = [];
  const dynamic: Array<{ file: string; source: string; where: string }> = [];
  for (const file of SCANNED.flatMap((d) => tsFiles(join(ROOT, d)))) {
    const rel = relative(ROOT, file).split('\\').join('/');
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const at = (n: ts.Node): string => `${rel}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;
    const visit = (n: ts.Node): void => {
      if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = n.getText(sf);
        const slash = text.lastIndexOf('/');
        literal.push({ where: at(n), source: text.slice(1, slash), flags: text.slice(slash + 1) });
      } else if (isRegExpCtor(n)) {
        const [pattern, flags] = n.arguments ?? [];
        const source = literalText(pattern);
        const flagText = flags === undefined ? '' : literalText(flags);
        if (source !== undefined && flagText !== undefined) {
          literal.push({ where: at(n), source, flags: flagText });
        } else {
          dynamic.push({ file: rel, source: n.getText(sf), where: at(n) });
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return { literal, dynamic };
}

/** `allowedPattern` values of the shipped Automation documents (YAML), wherever they sit. */
function documentPatterns(): Found[] {
  const found: Found[] = [];
  const walk = (v: unknown, where: string): void => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        walk(x, `${where}[${i}]`);
      });
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'allowedPattern' && typeof x === 'string') found.push({ where, source: x, flags: '' });
        else walk(x, `${where}.${k}`);
      }
    }
  };
  for (const dir of ['remediation/documents', 'remediation/catalog']) {
    const abs = join(ROOT, dir);
    if (!existsSync(abs)) continue;
    for (const f of readdirSync(abs).filter((n) => n.endsWith('.yaml') || n.endsWith('.yml'))) {
      walk(parse(readFileSync(join(abs, f), 'utf8'), { logLevel: 'error' }), `${dir}/${f}`);
    }
  }
  return found;
}

const { literal, dynamic } = collect();
const documents = documentPatterns();

describe('ReDoS: every regular expression is rated safe by recheck', () => {
  it('finds the regexes it is meant to check (the collector works)', () => {
    // Assess: known literals in scanned files, and the document patterns, are collected.
    expect(literal.length).toBeGreaterThan(50);
    expect(literal.some((r) => r.where.startsWith('functions/rules/lib/secrets.ts:'))).toBe(true);
    expect(literal.some((r) => r.where.startsWith('remediation/runner/'))).toBe(true);
    expect(documents.length).toBeGreaterThan(5);
  });

  it('every dynamic RegExp is allow-listed with a reason, and every allow-list entry still exists', () => {
    // Assess
    const key = (d: { file: string; source: string }): string => `${d.file} ${d.source}`;
    const allowed = new Set(DYNAMIC_ALLOWED.map(key));
    const present = new Set(dynamic.map(key));
    expect(dynamic.filter((d) => !allowed.has(key(d))).map((d) => `${d.where} ${d.source}`)).toEqual([]);
    expect(DYNAMIC_ALLOWED.filter((d) => !present.has(key(d))).map(key)).toEqual([]);
    for (const d of DYNAMIC_ALLOWED) expect(d.reason.length, key(d)).toBeGreaterThan(10);
  });

  const cases = [...literal, ...documents].map((r) => [`${r.where} /${r.source}/${r.flags}`, r] as const);
  it.each(cases)(
    '%s',
    async (_name, r) => {
      // Act
      const result = await check(r.source, r.flags, { timeout: 20_000 });
      // Assess: `unknown` (the checker gave up) fails as well: only a proven-safe regex passes.
      const detail =
        result.status === 'vulnerable'
          ? `${result.complexity.type} (attack: ${result.attack.pattern.slice(0, 80)})`
          : result.status === 'unknown'
            ? `unknown: ${result.error.kind}`
            : '';
      expect(`${result.status} ${detail}`.trim()).toBe('safe');
    },
    60_000,
  );
});
