import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

// Tests by where code runs (docs/architecture.md): Node for shared/ and electron/, happy-dom + Vue
// Test Utils for components. End-to-end tests are Playwright's (playwright.config.ts).
export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores: a single worker on a two-core CI
    // machine, where the files then run one after another (243 s). Two workers: 174 s. The
    // longest file, tests/fault/store-crash.test.ts, mostly waits on child processes.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts'],
          testTimeout: 20_000,
          // expect.poll's 1 s default is shorter than a real core's first sync on a busy two-core
          // machine; the tests wait for an outcome, they do not time it.
          expect: { poll: { timeout: 10_000 } },
        },
      },
      {
        test: {
          name: 'fault',
          environment: 'node',
          include: ['tests/fault/**/*.test.ts'],
          testTimeout: 240_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [vue()],
        test: {
          name: 'component',
          environment: 'happy-dom',
          include: ['tests/component/**/*.test.ts'],
        },
      },
    ],
  },
})
