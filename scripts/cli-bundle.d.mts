// Types for scripts/cli-bundle.mjs (plain JavaScript so that bin/ can load it before any transpiler).
export interface InputRecord {
  size: number;
  mtimeMs: number;
  sha256: string;
}
export interface BundleManifest {
  version: number;
  packages: string | null;
  files: Record<string, InputRecord>;
}
export const ROOT: string;
export const CLI_BUNDLE_DIR: string;
export function describeInput(root: string, file: string): InputRecord;
export function manifestFor(root: string, inputs: Iterable<string>): BundleManifest;
export function inputsUnchanged(root: string, manifest: BundleManifest | undefined): boolean;
export function bundleProblem(dir?: string, root?: string): string | undefined;
export function bundleEntry(dir?: string): string;
export function buildCliBundle(options?: {
  outDir?: string;
  root?: string;
}): Promise<{ outDir: string; inputs: number; bytes: number }>;
