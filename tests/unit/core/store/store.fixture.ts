// Shared set-up for the store tests: a temp data folder per test and a controllable clock.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import {
  defaultWasmPath,
  openStore,
  type OpenStoreOptions,
  type Store,
} from '../../../../electron/core/store'

/** A clock the test moves by hand. */
export function manualClock(start = Date.UTC(2025, 0, 15, 9, 0, 0)): {
  now: () => number
  advance: (ms: number) => void
} {
  let time = start
  return { now: () => time, advance: (ms) => (time += ms) }
}

const folders: string[] = []
const stores: Store[] = []

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close().catch(() => undefined)
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

/** A fresh, empty data folder removed after the test. */
export function tempDataDir(): string {
  const folder = mkdtempSync(join(tmpdir(), 'kiosk-store-'))
  folders.push(folder)
  return folder
}

/** Opens a store that is closed after the test (closing twice is harmless). */
export async function open(
  dataDir: string,
  options: Partial<OpenStoreOptions> = {},
): Promise<Store> {
  const store = await openStore({
    dataDir,
    wasmPath: defaultWasmPath(),
    clock: manualClock(),
    ...options,
  })
  stores.push(store)
  return store
}

/**
 * Drops a store without closing it, as a crash would: no fold, and its handles stay open until
 * the test process ends.
 */
export function abandon(store: Store): void {
  stores.splice(stores.indexOf(store), 1)
}
