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

/**
 * The one script that `!InlineScript [a.py, b.py, ...]` stands for: the files in order, one blank
 * line between them. The last file is kept verbatim, so a one-element list equals the scalar form.
 *
 * @example
 * inlineScripts(['scripts/lib/glue_job_update.py', 'scripts/set_glue_job_disable_proxy.py'])
 */
export function inlineScripts(paths: readonly string[], dir: string = DOCUMENTS_DIR): string {
  if (paths.length === 0) throw new DocumentError(`${TAG} needs at least one path`);
  const seen = new Set<string>();
  const texts = paths.map((path) => {
    const key = resolve(dir, path.trim());
    if (seen.has(key)) throw new DocumentError(`${TAG} lists ${path} twice`);
    seen.add(key);
    return readScript(dir, path);
  });
  const last = texts.pop()!;
  return texts.map((text) => `${text.replace(/\n*$/, '')}\n\n`).join('') + last;
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
