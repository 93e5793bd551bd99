import { parse } from 'yaml';
import {
  type AutomationDocument,
  documentContent,
  documentPermissions,
  loadDocument,
} from '../remediation/catalog/index';

/** An Automation document as the stack deploys it. */
export interface RemediationDocumentSpec {
  /** File name under remediation/documents/ (without .yaml). */
  name: string;
  /** `documentContent(name)` (scripts inlined) as the object AWS::SSM::Document Content takes. */
  content: Record<string, unknown>;
  document: AutomationDocument;
  /** Every IAM action the document's steps call (the runner's `documentPermissions`), sorted. */
  permissions: string[];
}

/**
 * Loads every named document with its deployable content and permissions. Synth fails with the
 * runner's message when a document is missing or malformed.
 */
export function loadRemediationDocuments(names: Iterable<string>): Map<string, RemediationDocumentSpec> {
  const out = new Map<string, RemediationDocumentSpec>();
  for (const name of new Set(names)) {
    const document = loadDocument(name);
    out.set(name, {
      name,
      content: parse(documentContent(name)) as Record<string, unknown>,
      document,
      permissions: documentPermissions(document),
    });
  }
  return out;
}
