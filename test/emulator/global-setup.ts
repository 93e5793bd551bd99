import type { TestProject } from 'vitest/node';
import { type Emulator, startEmulator } from '../../emulator/launcher';

declare module 'vitest' {
  export interface ProvidedContext {
    /** One emulator per worker (vitest.config.ts maxWorkers), indexed by VITEST_POOL_ID - 1. */
    emulatorEndpoints: string[];
  }
}

const emulatorCount = 2;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = await Promise.allSettled(Array.from({ length: emulatorCount }, () => startEmulator()));
  const emulators = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const stopAll = async (): Promise<void> => {
    await Promise.all(emulators.map((emulator: Emulator) => emulator.stop()));
  };
  const failure = started.find((result) => result.status === 'rejected');
  if (failure !== undefined) {
    await stopAll();
    throw failure.reason;
  }
  project.provide(
    'emulatorEndpoints',
    emulators.map((emulator) => emulator.endpoint),
  );
  return stopAll;
}
