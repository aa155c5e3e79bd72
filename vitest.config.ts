import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['./vitest.setup.ts'],
    // Two cores: fork a pool of two workers rather than one per file.
    pool: 'forks',
    maxWorkers: 2,
    // Scenario tests simulate hours of cluster life; on a busy 2-core CI machine a few take seconds.
    testTimeout: 60_000,
  },
});
