/**
 * The Electron suite: the built app (`npm run build`, `<out>/main/index.js`) driven with
 * Playwright's `_electron`. Runs where an Electron binary exists; elsewhere the global set-up
 * prints one line saying why and every test is skipped with that reason.
 */
import { defineConfig } from '@playwright/test'

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../../test-results/electron',
  globalSetup: './support/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
})
