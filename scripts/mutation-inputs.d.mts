/** Types of scripts/mutation-inputs.mjs (plain JavaScript: scripts/mutation.mjs runs it under Node without a build). */
export type SliceInputs = Record<string, string>;
export interface InputChange {
  file: string;
  change: 'added' | 'removed' | 'changed' | 'new';
}
export declare const INPUTS_FILE: string;
export declare function filesBelow(root: string, dir: string): string[];
export declare function sliceInputs(
  root: string,
  slice: { mutate: readonly string[]; tests?: readonly string[] },
  options?: { mutateExclusions?: readonly string[]; testExclusions?: readonly string[] },
): SliceInputs;
export declare function changedInputs(recorded: SliceInputs | undefined, current: SliceInputs): InputChange[];
export declare function readInputs(root: string): Record<string, SliceInputs>;
export declare function recordInputs(root: string, name: string, inputs: SliceInputs): void;
export declare function mutantsToTest(line: string): number | undefined;
