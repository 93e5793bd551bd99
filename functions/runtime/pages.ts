/**
 * Paging guard for the SDK's `paginate*` functions. The SDK follows a response's next-page token
 * for as long as one is present, so an endpoint that answers the same token again (or cycles
 * through a few) would be followed until the Lambda times out, re-reading the same pages. Every
 * paged listing of this project goes through `distinctPages`, which fails instead.
 */

/** A listing answered a next-page token it had already answered: the listing cannot finish. */
export class RepeatedPageTokenError extends Error {
  override readonly name = 'RepeatedPageTokenError';
  constructor(
    /** The operation being paged, e.g. `glue:GetJobs`. */
    readonly operation: string,
    /** The number of pages read when the repeat was seen. */
    readonly pages: number,
  ) {
    // The token itself is opaque service state: it is not put in the message.
    super(
      `${operation} answered a next-page token it had already answered (after ${pages} page(s)); ` +
        'the listing would never end, so it was stopped',
    );
  }
}

/**
 * Yields the pages of an SDK paginator, failing with RepeatedPageTokenError as soon as a page
 * carries a next-page token that an earlier page already carried. The repeat is detected before
 * the paginator asks for the next page, so no request is spent on it.
 *
 * @example
 * for await (const page of distinctPages('glue:GetJobs', paginateGetJobs({ client }, {}), (p) => p.NextToken)) { ... }
 */
export async function* distinctPages<P>(
  operation: string,
  pages: AsyncIterable<P>,
  nextToken: (page: P) => string | undefined,
): AsyncGenerator<P, void, undefined> {
  const seen = new Set<string>();
  let count = 0;
  for await (const page of pages) {
    count += 1;
    yield page;
    const token = nextToken(page);
    if (!token) continue;
    if (seen.has(token)) throw new RepeatedPageTokenError(operation, count);
    seen.add(token);
  }
}
