const NOT_FOUND = new Set([
  'EntityNotFoundException',
  'NoSuchEntity',
  'NoSuchEntityException',
  'ResourceNotFoundException',
  'NoSuchBucketPolicy',
  'NoSuchBucket',
]);

/** True for the "does not exist" error codes of the services we read. */
export function isNotFound(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { name?: string; Code?: string };
  return NOT_FOUND.has(e.name ?? '') || NOT_FOUND.has(e.Code ?? '');
}
