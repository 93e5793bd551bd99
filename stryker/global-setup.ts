import { existsSync, lstatSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmulator } from '../emulator/launcher';

/**
 * Global setup of stryker/vitest.config.ts. Stryker runs the tests in a sandbox copy of the project
 * (.stryker-tmp/sandbox-*) without the ignored Python environments, so the project's .venv (the
 * emulator, the documents' Python scripts) is linked in from the checkout that scripts/mutation.mjs
 * names in GLUE_GUARDRAILS_MUTATION_ROOT. Stryker's vitest runner uses one worker, so one emulator.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = process.env.GLUE_GUARDRAILS_MUTATION_ROOT;
  const here = join(import.meta.dirname, '..');
  for (const venv of ['.venv', '.venv-tools']) {
    const link = join(here, venv);
    const target = root === undefined ? undefined : join(root, venv);
    if (target === undefined || root === here || !existsSync(target)) continue;
    const found = lstatSync(link, { throwIfNoEntry: false });
    if (found?.isSymbolicLink()) continue;
    // Stryker links every node_modules folder it finds into the sandbox, even inside the ignored
    // .venv (the Node 22 wheel has one), so a checkout whose .venv is a real folder leaves a
    // .venv here holding only that link: replace it with a link to the whole environment.
    if (found !== undefined) rmSync(link, { recursive: true, force: true });
    try {
      symlinkSync(target, link);
    } catch (error) {
      // Another of Stryker's test runners (--concurrency > 1) shares this sandbox and linked it first.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const emulator = await startEmulator();
  project.provide('emulatorEndpoints', [emulator.endpoint]);
  return () => emulator.stop();
}
