import { existsSync, symlinkSync } from 'node:fs';
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
    if (root !== undefined && root !== here && !existsSync(link) && existsSync(join(root, venv))) {
      symlinkSync(join(root, venv), link);
    }
  }
  const emulator = await startEmulator();
  project.provide('emulatorEndpoints', [emulator.endpoint]);
  return () => emulator.stop();
}
