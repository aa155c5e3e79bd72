import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Two cores: fork a pool of two workers rather than one per file.
    pool: 'forks',
    maxWorkers: 2,
  },
});
