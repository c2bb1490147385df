import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    // One PostgreSQL server for the run (hub tests); each test file makes its own database on it.
    globalSetup: ['tests/fixtures/postgres.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Native better-sqlite3-multiple-ciphers handles and worker threads are safest in forked processes.
    pool: 'forks',
  },
});
