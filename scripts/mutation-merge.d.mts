/** Types of scripts/mutation-merge.mjs (plain JavaScript: scripts/mutation.mjs runs it under Node without a build). */
export interface MutationReport {
  files: Record<
    string,
    { mutants: { id: string; status: string; coveredBy?: string[]; killedBy?: string[] }[] }
  >;
  testFiles?: Record<string, { tests: { id: string; name: string }[] }>;
  [key: string]: unknown;
}
export declare function withStableTestIds<T extends MutationReport>(report: T): T;
export declare function withShortTestIds<T extends MutationReport>(report: T): T;
export declare function serializeReport(report: MutationReport): string;
export declare function mergeSlice(
  combined: string,
  sliceFile: string,
  options?: { only?: readonly string[]; owns?: (file: string) => boolean },
): number;
