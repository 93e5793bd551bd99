import { readFileSync } from 'node:fs';
import { DOCUMENTS_DIR, loadDocument, type ScriptPart, scriptParts } from '../catalog/documents';
import type { AutomationDocument } from '../catalog/types';
import { checkAgainstModels, type ModelFindings } from './model';
import { type PatternExampleTable, patternProblems } from './patterns';
import { flowProblems, referenceFindings, structureProblems } from './structure';

export type { PatternExamples, PatternExampleTable } from './patterns';

/** Everything static validation finds in one document, by check ([] everywhere = valid). */
export interface DocumentFindings extends ModelFindings {
  load: string[];
  structure: string[];
  references: string[];
  flow: string[];
  patterns: string[];
}

/**
 * Validates documents without running them: structure, `{{ }}` references, flow (verification
 * after changes, SNS on every exit), botocore model checks (one Python process for all) and
 * allowedPattern examples.
 *
 * @example
 * const findings = validateDocuments(listDocuments(), { examples: 'test/remediation/validate/pattern-examples.json' });
 */
export function validateDocuments(
  names: string[],
  options: { dir?: string; examples: string | PatternExampleTable },
): Record<string, DocumentFindings> {
  const table: PatternExampleTable =
    typeof options.examples === 'string'
      ? JSON.parse(readFileSync(options.examples, 'utf8'))
      : options.examples;
  const docs: Record<string, AutomationDocument> = {};
  const parts: Record<string, Record<string, ScriptPart[]>> = {};
  const out: Record<string, DocumentFindings> = {};
  for (const name of names) {
    const empty = {
      load: [],
      structure: [],
      references: [],
      flow: [],
      patterns: [],
      api: [],
      scripts: [],
      prefixes: [],
    };
    try {
      docs[name] = loadDocument(name, options.dir ?? DOCUMENTS_DIR);
      parts[name] = scriptParts(name, options.dir ?? DOCUMENTS_DIR);
    } catch (error) {
      out[name] = { ...empty, load: [(error as Error).message] };
      continue;
    }
    const doc = docs[name];
    out[name] = {
      ...empty,
      structure: structureProblems(name, doc),
      references: referenceFindings(doc),
      flow: flowProblems(doc),
      patterns: patternProblems(name, doc, table),
    };
  }
  const model = checkAgainstModels(docs, parts);
  for (const [name, findings] of Object.entries(model)) Object.assign(out[name]!, findings);
  return out;
}
