import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { DocumentError } from './errors';
import type { AutomationDocument } from './types';

/** remediation/documents/, where every deployed document lives as <Name>.yaml. */
export const DOCUMENTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'documents');

const NAME = /^[A-Za-z0-9_.-]{3,128}$/;

function inlineScriptTag(dir: string) {
  return {
    tag: '!InlineScript',
    resolve(value: string): string {
      const path = resolve(dir, value.trim());
      // A script must stay next to the documents: the tag is a build-time include, not a file reader.
      if (!path.startsWith(resolve(dir)))
        throw new DocumentError(`!InlineScript path escapes ${dir}: ${value}`);
      if (!existsSync(path)) throw new DocumentError(`!InlineScript ${value}: no such file ${path}`);
      return readFileSync(path, 'utf8');
    },
  };
}

/**
 * Reads `<dir>/<name>.yaml` and resolves every `!InlineScript scripts/<file>.py` tag into the
 * script's text: the result is exactly what SSM CreateDocument would receive.
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
  const doc = parse(readFileSync(file, 'utf8'), { customTags: [inlineScriptTag(dir)] }) as unknown;
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
