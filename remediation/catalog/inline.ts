import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { DocumentError } from './errors';

/**
 * Build-time inlining of a document's Python script: SSM's aws:executeScript receives one
 * self-contained text, while the script in the repository is a standalone module that imports the
 * shared code it uses (`from lib.result import remediation_result`), so that ruff, pytest and a
 * reader see every name's origin.
 *
 * The inliner resolves `from lib.<module> import <name>, ...` (top level, one line or parenthesized)
 * against `lib/` next to the script, puts each lib module (and the lib modules it imports, each
 * once, dependencies first) before the script, and turns the import statement into a comment, so
 * every file keeps its line count. Every other form that reaches for `lib` is refused with the form
 * to write instead: a form it cannot inline would fail only inside SSM.
 */

/** Where one inlined file sits in a resolved script (1-based, inclusive line numbers). */
export interface ScriptPart {
  /** The path relative to the documents directory (`scripts/lib/result.py`). */
  path: string;
  firstLine: number;
  lastLine: number;
}

/** The package the inliner resolves; anything else a script imports must exist in SSM's runtime. */
const PACKAGE = 'lib';
/** `from <module> import ` at the start of a line; the module is then matched against LIB_MODULE. */
const FROM_IMPORT = /^from[ \t]+([^ \t]+)[ \t]+import[ \t]/;
const LIB_MODULE = /^lib((?:\.[A-Za-z_][A-Za-z0-9_]*)+)$/;
/** Any other statement that names the package or imports relatively (refused). */
const OTHER_LIB = /^[ \t]*(?:from[ \t]+(?:lib\b|\.)|import[ \t]+(?:[A-Za-z0-9_.]+[ \t]*,[ \t]*)*lib\b)/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DEFINITION = /^(?:async[ \t]+)?(?:def|class)[ \t]+([A-Za-z_][A-Za-z0-9_]*)/;
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)[ \t]*(?::[^=\n]*)?=(?!=)/;
const INLINED = '# inlined: ';

/** The line without its `#` comment (no regex: linear on any input). */
function code(line: string): string {
  const hash = line.indexOf('#');
  return hash < 0 ? line : line.slice(0, hash);
}

/** The text without its trailing newlines (no regex: linear on any input). */
function trimNewlines(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === '\n') end -= 1;
  return text.slice(0, end);
}

interface LibImport {
  module: string;
  names: string[];
  /** 0-based indexes of the statement's lines. */
  lines: number[];
}

interface Source {
  /** Relative to the documents directory. */
  path: string;
  lines: string[];
  imports: LibImport[];
  defined: Set<string>;
}

function fail(path: string, line: number, message: string): never {
  throw new DocumentError(`${path}:${line + 1}: ${message}`);
}

/** The names of `a, b` / `(a, b,)` (comments allowed), refusing aliases and `*`. */
function importedNames(text: string, path: string, line: number): string[] {
  const names = text
    .split('\n')
    .map(code)
    .join(' ')
    .replace(/^[ \t]*\(|\)[ \t]*$/g, '')
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  if (names.length === 0) fail(path, line, 'the import names nothing');
  for (const name of names) {
    if (name === '*') fail(path, line, `'import *' cannot be inlined: name each function the script uses`);
    if (/\sas\s/.test(name))
      fail(
        path,
        line,
        `'${name}' cannot be inlined (an alias would rebind a shared name): import the name itself`,
      );
    if (!IDENTIFIER.test(name)) fail(path, line, `'${name}' is not a name the inliner can resolve`);
  }
  return names;
}

function parseSource(path: string, text: string): Source {
  const lines = text.split('\n');
  const imports: LibImport[] = [];
  const defined = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const head = FROM_IMPORT.exec(line);
    const module = head ? LIB_MODULE.exec(head[1]!) : null;
    if (head && module) {
      let rest = line.slice(head[0].length).trim();
      const statement = [i];
      if (rest.endsWith('\\')) fail(path, i, 'a backslash continuation cannot be inlined: use parentheses');
      if (rest.startsWith('(') && !code(rest).includes(')')) {
        while (!code(lines[i]!).includes(')')) {
          i += 1;
          if (i >= lines.length) fail(path, statement[0]!, 'the parenthesized import is never closed');
          statement.push(i);
          rest += `\n${lines[i]!}`;
        }
      }
      imports.push({
        module: module[1]!.slice(1),
        names: importedNames(rest, path, statement[0]!),
        lines: statement,
      });
      continue;
    }
    if (OTHER_LIB.test(line)) {
      const where = /^[ \t]/.test(line) ? ' (only top-level imports are inlined)' : '';
      fail(
        path,
        i,
        `'${line.trim()}' cannot be inlined${where}: write 'from ${PACKAGE}.<module> import <name>, ...' at the top level`,
      );
    }
    const name = DEFINITION.exec(line)?.[1] ?? ASSIGNMENT.exec(line)?.[1];
    if (name) defined.add(name);
  }
  return { path, lines, imports, defined };
}

/** `<dir>/<path>`, refused when it leaves `dir` (the tag is a build-time include, not a file reader). */
export function scriptFile(dir: string, path: string, what = '!InlineScript'): string {
  const root = resolve(dir);
  const file = resolve(root, path.trim());
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel))
    throw new DocumentError(`${what} path escapes ${dir}: ${path}`);
  if (!existsSync(file)) throw new DocumentError(`${what} ${path}: no such file ${file}`);
  return file;
}

/** The entry script and every lib module it needs, dependencies first, the entry last. */
function collect(entry: string, dir: string): Source[] {
  const entryPath = entry.trim();
  const base = dirname(entryPath);
  const order: Source[] = [];
  const done = new Map<string, Source>();
  const visiting: string[] = [];
  const visit = (path: string, from?: { path: string; line: number }): Source => {
    const known = done.get(path);
    if (known) return known;
    if (visiting.includes(path)) {
      const cycle = [...visiting.slice(visiting.indexOf(path)), path].join(' -> ');
      throw new DocumentError(`${from?.path}:${(from?.line ?? 0) + 1}: import cycle ${cycle}`);
    }
    const file = from
      ? (() => {
          const candidate = join(dir, path);
          if (!existsSync(candidate))
            fail(from.path, from.line, `no module ${path} to inline (${candidate} does not exist)`);
          return candidate;
        })()
      : scriptFile(dir, path);
    visiting.push(path);
    const source = parseSource(path, readFileSync(file, 'utf8'));
    for (const imp of source.imports) {
      const libPath = join(base, PACKAGE, ...imp.module.split('.')).concat('.py');
      const lib = visit(libPath, { path, line: imp.lines[0]! });
      for (const name of imp.names) {
        if (!lib.defined.has(name)) fail(path, imp.lines[0]!, `${libPath} defines no top-level '${name}'`);
      }
    }
    visiting.pop();
    done.set(path, source);
    order.push(source);
    return source;
  };
  visit(entryPath);
  // One namespace after inlining: a name two files define would silently become the last one's.
  const owner = new Map<string, string>();
  for (const source of order) {
    for (const name of source.defined) {
      const other = owner.get(name);
      if (other)
        throw new DocumentError(
          `${source.path} and ${other} both define '${name}': inlined into one script, one would replace the other`,
        );
      owner.set(name, source.path);
    }
  }
  return order;
}

/** A source's text with its lib imports turned into comments (same line count). */
function inlinedText(source: Source): string {
  const lines = [...source.lines];
  for (const imp of source.imports) for (const i of imp.lines) lines[i] = `${INLINED}${lines[i]}`;
  return lines.join('\n');
}

function build(entry: string, dir: string): { text: string; parts: ScriptPart[] } {
  const sources = collect(entry, dir);
  // Every file but the last loses its trailing newlines and gets one blank line after it.
  const pieces = sources.map((s, i) => {
    const text = inlinedText(s);
    return i < sources.length - 1 ? `${trimNewlines(text)}\n\n` : text;
  });
  const parts: ScriptPart[] = [];
  let line = 1;
  pieces.forEach((piece, i) => {
    const lines = trimNewlines(piece).split('\n').length;
    parts.push({ path: sources[i]!.path, firstLine: line, lastLine: line + lines - 1 });
    line += piece.split('\n').length - 1;
  });
  return { text: pieces.join(''), parts };
}

/**
 * The one script SSM receives for `scripts/<file>.py`: its lib modules first (dependencies before
 * the modules that import them, each once), then the script, every `from lib.x import y` kept as a
 * comment. A script without lib imports comes back verbatim.
 *
 * @example
 * inlineScript('scripts/set_glue_job_disable_proxy.py', DOCUMENTS_DIR)
 */
export function inlineScript(path: string, dir: string): string {
  return build(path, dir).text;
}

/** Where each file of `inlineScript(path, dir)` sits in the resulting text. */
export function inlineScriptParts(path: string, dir: string): ScriptPart[] {
  return build(path, dir).parts;
}
