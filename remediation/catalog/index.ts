export {
  DOCUMENTS_DIR,
  documentContent,
  documentScript,
  listDocuments,
  loadDocument,
  type ScriptPart,
  scriptParts,
} from './documents';
export { DocumentError } from './errors';
export { inlineScript, inlineScriptParts } from './inline';
export { documentPermissions, iamPrefix, scriptPermissions, scriptPermissionsByKind } from './permissions';
export type { AutomationDocument, AutomationStep, ParameterSpec } from './types';
