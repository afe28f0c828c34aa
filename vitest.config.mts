import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

// Tests by where code runs (STYLE.md practice 9): Node for shared/ and electron/, happy-dom + Vue
// Test Utils for components. End-to-end tests are Playwright's (playwright.config.ts).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts'],
          testTimeout: 20_000,
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
