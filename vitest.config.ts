import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/emulator/global-setup.ts'],
    pool: 'forks',
    // One emulator per worker: test/emulator/global-setup.ts starts this many.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
