import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/emulator/global-setup.ts'],
    // The SDK's Node-version notice, switched off as the CLI does (each worker loads the SDK anew).
    setupFiles: ['scripts/quiet-sdk-notice.mjs'],
    pool: 'forks',
    // One emulator per worker: test/emulator/global-setup.ts starts this many.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
