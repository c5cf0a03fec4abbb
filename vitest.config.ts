import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

/**
 * Three projects: `node` (libSQL with the real migrations, fast), `workers` (the Workers
 * runtime with D1 and R2), `e2e` (Chromium against the built portal; started by scripts/test.mjs).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['functions/**/*.test.ts', 'src/**/*.test.ts', 'core/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/*.workers.test.ts'],
          environment: 'node',
        },
      },
      {
        plugins: [
          cloudflareTest(async () => ({
            miniflare: {
              compatibilityDate: '2026-10-01',
              compatibilityFlags: ['nodejs_compat'],
              d1Databases: ['DB'],
              r2Buckets: ['FILES'],
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations('migrations'),
                PUBLIC_ORIGIN: 'http://127.0.0.1:8787',
                MAIL_TRANSPORT: 'local',
                TOKEN_SECRET: 'workers-test-secret-0123456789abcdef',
              },
            },
          })),
        ],
        test: {
          name: 'workers',
          include: ['functions/**/*.workers.test.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
