import { defineConfig } from 'vitest/config';

// Three projects, each with its own timeout: pure unit tests, real-git integration tests, and
// end-to-end tests that pack the package and commit through the installed hook.
export default defineConfig({
  test: {
    reporters: ['default', './test/helpers/summaryReporter.ts'],
    env: { NO_COLOR: '1', LANG: 'C', LC_ALL: '', LC_MESSAGES: '', AWS_KEY_GUARD: '' },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 10_000 } },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts'], testTimeout: 30_000 } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 300_000 } },
    ],
  },
});
