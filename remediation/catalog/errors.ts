/** The document is malformed (bad structure, unknown step target, unresolvable reference). */
export class DocumentError extends Error {
  override readonly name = 'DocumentError';
}
