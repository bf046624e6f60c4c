import { defineConfig } from 'vitest/config';

// Unit and integration tests live beside the code (src/**/*.test.ts); browser journeys in e2e/.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    globalSetup: ['src/test/global-setup.ts'],
  },
});
