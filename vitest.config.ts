import { defineConfig } from 'vitest/config';

const engine = process.env.ADENTRO_TEST_DATABASE_URL ? 'postgresql' : 'pglite';

// Unit and integration tests live beside the code (src/**/*.test.ts); browser journeys in e2e/.
// Besides the console report, each run writes a JSON report that .ci/run adds up.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    globalSetup: ['src/test/global-setup.ts'],
    reporters: ['default', ['json', { outputFile: `test-results/vitest-${engine}.json` }]],
  },
});
