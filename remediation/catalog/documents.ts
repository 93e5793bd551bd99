import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type CollectionTag,
  isScalar,
  parse,
  type ScalarTag,
  stringify,
  YAMLParseError,
  type YAMLSeq,
} from 'yaml';
import { DocumentError } from './errors';
import type { AutomationDocument } from './types';

/** remediation/documents/, where every deployed document lives as <Name>.yaml. */
export const DOCUMENTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'documents');

const NAME = /^[A-Za-z0-9_.-]{3,128}$/;

const TAG = '!InlineScript';

/** The text of one script file; it must stay under `dir`: the tag is a build-time include, not a file reader. */
function readScript(dir: string, value: string): string {
  const root = resolve(dir);
  const path = resolve(root, value.trim());
  const rel = relative(root, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel))
    throw new DocumentError(`${TAG} path escapes ${dir}: ${value}`);
  if (!existsSync(path)) throw new DocumentError(`${TAG} ${value}: no such file ${path}`);
  return readFileSync(path, 'utf8');
}

/** Where one inlined file sits in a resolved script (1-based, inclusive line numbers). */
export interface ScriptPart {
  /** The path as the document wrote it (relative to the documents directory). */
  path: string;
  firstLine: number;
  lastLine: number;
}

function concatenate(paths: readonly string[], dir: string): { text: string; parts: ScriptPart[] } {
  if (paths.length === 0) throw new DocumentError(`${TAG} needs at least one path`);
  const seen = new Set<string>();
  const texts = paths.map((path) => {
    const key = resolve(dir, path.trim());
    if (seen.has(key)) throw new DocumentError(`${TAG} lists ${path} twice`);
    seen.add(key);
    return readScript(dir, path);
  });
  // Every file but the last loses its trailing newlines and gets one blank line after it.
  const pieces = texts.map((text, i) => (i < texts.length - 1 ? `${text.replace(/\n*$/, '')}\n\n` : text));
  const parts: ScriptPart[] = [];
  let line = 1;
  pieces.forEach((piece, i) => {
    const lines = piece.replace(/\n*$/, '').split('\n').length;
    parts.push({ path: paths[i]!.trim(), firstLine: line, lastLine: line + lines - 1 });
    line += piece.split('\n').length - 1;
  });
  return { text: pieces.join(''), parts };
}

/**
 * The one script that `!InlineScript [a.py, b.py, ...]` stands for: the files in order, one blank
 * line between them. The last file is kept verbatim, so a one-element list equals the scalar form.
 *
 * @example
 * inlineScripts(['scripts/lib/glue_job_update.py', 'scripts/set_glue_job_disable_proxy.py'])
 */
export function inlineScripts(paths: readonly string[], dir: string = DOCUMENTS_DIR): string {
  return concatenate(paths, dir).text;
}

/** Where each file of `inlineScripts(paths, dir)` sits in the resulting text. */
export function inlineScriptParts(paths: readonly string[], dir: string = DOCUMENTS_DIR): ScriptPart[] {
  return concatenate(paths, dir).parts;
}

/** A path entry of the sequence form, or why it is not one. */
function pathEntry(item: unknown, index: number): string {
  if (isScalar(item) && typeof item.value === 'string' && item.value.trim() !== '') return item.value;
  const got = isScalar(item) ? (item.value === null ? 'null' : typeof item.value) : 'a collection';
  throw new DocumentError(`${TAG} entry ${index + 1} is not a script path (got ${got})`);
}

/** `read()`, with a failure passed to yaml's onError (it becomes a parse error with line and column). */
function reported(onError: (message: string) => void, read: () => string): string {
  try {
    return read();
  } catch (error) {
    onError((error as Error).message);
    return '';
  }
}

/** `!InlineScript <path>` and `!InlineScript [<path>, ...]`, both resolving to one script string; a mapping is refused. */
function inlineScriptTags(dir: string): [ScalarTag, CollectionTag, CollectionTag] {
  return [
    { tag: TAG, resolve: (value, onError) => reported(onError, () => inlineScripts([value], dir)) },
    {
      tag: TAG,
      collection: 'seq',
      resolve: (seq, onError) =>
        reported(onError, () => inlineScripts((seq as YAMLSeq).items.map(pathEntry), dir)),
    },
    {
      // Without this, yaml would only warn and leave the mapping in the document as the Script.
      tag: TAG,
      collection: 'map',
      resolve: (_map, onError) => {
        onError(`${TAG} takes a path or a sequence of paths, not a mapping`);
        return '';
      },
    },
  ];
}

/**
 * Reads `<dir>/<name>.yaml` and resolves every `!InlineScript scripts/<file>.py` tag into the
 * script's text, and every `!InlineScript [scripts/lib/<a>.py, scripts/<file>.py]` into the files
 * concatenated in order (`inlineScripts`): the result is exactly what SSM CreateDocument would
 * receive, one self-contained script per step.
 *
 * @example
 * const doc = loadDocument('EnforceGlueConnectionSsl');
 */
export function loadDocument(name: string, dir: string = DOCUMENTS_DIR): AutomationDocument {
  if (!NAME.test(name)) throw new DocumentError(`Invalid document name '${name}'`);
  const file = join(dir, `${name}.yaml`);
  if (!existsSync(file)) {
    throw new DocumentError(
      `No document '${name}' (${file}). Known: ${listDocuments(dir).join(', ') || 'none'}`,
    );
  }
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'), { customTags: inlineScriptTags(dir) });
  } catch (error) {
    if (error instanceof YAMLParseError && error.code === 'TAG_RESOLVE_FAILED')
      throw new DocumentError(`Document '${name}': ${error.message}`);
    throw error;
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new DocumentError(`Document '${name}' is not a YAML mapping`);
  }
  return doc as AutomationDocument;
}

/** Names (file names without .yaml) of every document in `dir`, sorted. */
export function listDocuments(dir: string = DOCUMENTS_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

/** The resolved document as YAML text, for `CfnDocument`/`CreateDocument` (`DocumentFormat: YAML`). */
export function documentContent(name: string, dir: string = DOCUMENTS_DIR): string {
  return stringify(loadDocument(name, dir), { lineWidth: 0 });
}

/**
 * The resolved `Script` of the document's aws:executeScript step that runs `handler`: the exact
 * text SSM executes (lib files included), for tests that call a handler directly.
 *
 * @example
 * const script = documentScript('SetGlueJobDisableProxy', 'verify');
 */
export function documentScript(name: string, handler: string, dir: string = DOCUMENTS_DIR): string {
  const step = loadDocument(name, dir).mainSteps.find(
    (s) => s.action === 'aws:executeScript' && s.inputs?.Handler === handler,
  );
  const script = step?.inputs?.Script;
  if (typeof script !== 'string') {
    throw new DocumentError(`Document '${name}' has no aws:executeScript step with Handler '${handler}'`);
  }
  return script;
}

/** The paths an `!InlineScript` tag lists, kept unresolved by `scriptParts`. */
class InlinedPaths {
  constructor(readonly paths: string[]) {}
}

/**
 * For each aws:executeScript step whose Script is an `!InlineScript` tag, the files it inlines and
 * their lines in the resolved script (validation checks each file's `# iam:` header on its own).
 */
export function scriptParts(name: string, dir: string = DOCUMENTS_DIR): Record<string, ScriptPart[]> {
  const tags: [ScalarTag, CollectionTag] = [
    { tag: TAG, resolve: (value) => new InlinedPaths([value]) },
    {
      tag: TAG,
      collection: 'seq',
      resolve: (seq) => new InlinedPaths((seq as YAMLSeq).items.map(pathEntry)),
    },
  ];
  loadDocument(name, dir); // the same errors as loading, first
  const raw = parse(readFileSync(join(dir, `${name}.yaml`), 'utf8'), {
    customTags: tags,
  }) as AutomationDocument;
  const out: Record<string, ScriptPart[]> = {};
  for (const step of raw.mainSteps ?? []) {
    const script = step.inputs?.Script;
    if (step.action === 'aws:executeScript' && script instanceof InlinedPaths) {
      out[step.name] = inlineScriptParts(script.paths, dir);
    }
  }
  return out;
}
