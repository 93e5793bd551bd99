import type { AwsContext } from './aws';
import { isAccessDenied, MissingPermissionError } from './errors';

/**
 * A narrow, named read of AWS state that declares the IAM actions it calls. Rules receive
 * lookups already bound to a context, so rule logic never touches the SDK and tests pass
 * plain functions.
 */
export interface Lookup<A extends unknown[], R> {
  (aws: AwsContext, ...args: A): Promise<R>;
  readonly lookupName: string;
  readonly actions: readonly string[];
}

// biome-ignore lint/suspicious/noExplicitAny: a registry of lookups of any signature
export type AnyLookup = Lookup<any[], any>;
export type LookupSet = Record<string, AnyLookup>;
export type BoundLookups<L extends LookupSet> = {
  [K in keyof L]: L[K] extends Lookup<infer A, infer R> ? (...args: A) => Promise<R> : never;
};

/**
 * Declares a lookup.
 *
 * @example
 * export const listJobs = defineLookup('listJobs', ['glue:GetJobs'], async (aws) => { ... });
 */
export function defineLookup<A extends unknown[], R>(
  lookupName: string,
  actions: readonly string[],
  fn: (aws: AwsContext, ...args: A) => Promise<R>,
): Lookup<A, R> {
  return Object.assign((aws: AwsContext, ...args: A) => fn(aws, ...args), { lookupName, actions });
}

/**
 * Binds lookups to a context for one invocation. Results are memoised by arguments, so a sweep
 * that asks for the same listing once per resource makes one paged call; access-denied errors
 * become a MissingPermissionError naming the lookup's actions.
 */
export function bindLookups<L extends LookupSet>(lookups: L, aws: AwsContext): BoundLookups<L> {
  const bound: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const [key, lookup] of Object.entries(lookups)) {
    const memo = new Map<string, Promise<unknown>>();
    bound[key] = (...args: unknown[]) => {
      const cacheKey = JSON.stringify(args);
      let p = memo.get(cacheKey);
      if (!p) {
        p = lookup(aws, ...args).catch((error: unknown) => {
          if (isAccessDenied(error)) throw new MissingPermissionError(lookup.actions, error);
          throw error;
        });
        memo.set(cacheKey, p);
      }
      return p;
    };
  }
  return bound as BoundLookups<L>;
}
