/** Types of stryker/slices.mjs (plain JavaScript: scripts/mutation.mjs runs it under Node without a build). */
export interface MutationSlice {
  readonly name: string;
  readonly mutate: readonly string[];
  readonly tests: readonly string[];
}
export declare const SLICES: readonly MutationSlice[];
export declare const STRYKER_EXCLUDED_TESTS: readonly string[];
