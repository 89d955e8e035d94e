import { defineConfig } from 'vitest/config';

// Browser tests: a real server process (PGlite in a temp dir, serving the built app)
// driven through the system Chromium with playwright-core. Run after `npm run build`.
export default defineConfig({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
