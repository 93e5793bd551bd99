import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CollectionTag, parse, type ScalarTag, stringify, YAMLParseError } from 'yaml';
import { DocumentError } from './errors';
import { inlineScript, inlineScriptParts, type ScriptPart } from './inline';
import type { AutomationDocument } from './types';

export type { ScriptPart };

/** remediation/documents/, where every deployed document lives as <Name>.yaml. */
export const DOCUMENTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'documents');

const NAME = /^[A-Za-z0-9_.-]{3,128}$/;

const TAG = '!InlineScript';

/** `!InlineScript <path>` resolving to the inlined script; a sequence or a mapping is refused. */
function inlineScriptTags(dir: string): [ScalarTag, CollectionTag, CollectionTag] {
  const refuse =
    (got: string) =>
    (_node: unknown, onError: (message: string) => void): string => {
      onError(
        `${TAG} takes one script path, not ${got}: the script imports the lib modules it uses (from lib.<module> import <name>)`,
      );
      return '';
    };
  return [
    {
      tag: TAG,
      resolve: (value, onError) => {
        try {
          return inlineScript(value, dir);
        } catch (error) {
          onError((error as Error).message);
          return '';
        }
      },
    },
    // Without these, yaml would only warn and leave the collection in the document as the Script.
    { tag: TAG, collection: 'seq', resolve: refuse('a sequence') },
    { tag: TAG, collection: 'map', resolve: refuse('a mapping') },
  ];
}

/**
 * Reads `<dir>/<name>.yaml` and resolves every `!InlineScript scripts/<file>.py` tag into the
 * script with the lib modules it imports inlined before it (`inlineScript`): the result is exactly
 * what SSM CreateDocument would receive, one self-contained script per step.
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

/** The path an `!InlineScript` tag names, kept unresolved by `scriptParts`. */
class InlinedPath {
  constructor(readonly path: string) {}
}

/**
 * For each aws:executeScript step whose Script is an `!InlineScript` tag, the files it inlines (the
 * script and its lib modules) and their lines in the resolved script (validation checks each
 * file's `# iam:` header on its own).
 */
export function scriptParts(name: string, dir: string = DOCUMENTS_DIR): Record<string, ScriptPart[]> {
  const tags: ScalarTag[] = [{ tag: TAG, resolve: (value) => new InlinedPath(value) }];
  loadDocument(name, dir); // the same errors as loading, first
  const raw = parse(readFileSync(join(dir, `${name}.yaml`), 'utf8'), {
    customTags: tags,
  }) as AutomationDocument;
  const out: Record<string, ScriptPart[]> = {};
  for (const step of raw.mainSteps ?? []) {
    const script = step.inputs?.Script;
    if (step.action === 'aws:executeScript' && script instanceof InlinedPath) {
      out[step.name] = inlineScriptParts(script.path, dir);
    }
  }
  return out;
}
