import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

// Three projects, one per runtime: pure shared code, the browser client (jsdom +
// fake-indexeddb) and the Node server (PGlite, or PostgreSQL when TEST_DATABASE_URL is set).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'shared',
          environment: 'node',
          include: ['src/shared/**/*.test.ts', 'test/unit/**/*.test.ts'],
        },
      },
      {
        plugins: [preact()],
        resolve: {
          alias: { react: 'preact/compat', 'react-dom': 'preact/compat' },
        },
        test: {
          name: 'client',
          environment: 'jsdom',
          include: ['src/client/**/*.test.{ts,tsx}'],
          setupFiles: ['test/support/client-setup.ts'],
          // A whole screen walked through in jsdom takes seconds on a busy shared machine.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'server',
          environment: 'node',
          include: ['src/server/**/*.test.ts', 'test/server/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
