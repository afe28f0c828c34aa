/**
 * Small state that must survive a restart (staff's PIN lockout and out of service, the help desk's
 * open staff calls) lives in the store's
 * `settings` table. Without a store it lives in memory only, which is the best a terminal without
 * a disk can do; the status bar already says the store is unavailable.
 */
import type { Store } from '../store'

/** Reads and writes one setting by key. */
export interface SettingsAccess {
  read(key: string): string | undefined
  /** Writes durably (null deletes). Never throws: a failed write leaves the memory copy. */
  write(key: string, value: string | null): Promise<void>
}

/** Settings over the store, or in memory only when there is none. */
export function storeSettings(store: Store | null, onError: (err: unknown) => void) {
  const memory = new Map<string, string | null>()
  const access: SettingsAccess = {
    read(key) {
      if (memory.has(key)) return memory.get(key) ?? undefined
      return store?.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [key])?.value
    },
    async write(key, value) {
      memory.set(key, value)
      const target = store
      if (!target) return
      try {
        await target.write([
          value === null
            ? { sql: 'DELETE FROM settings WHERE key = ?', params: [key] }
            : {
                sql: `INSERT INTO settings (key, value) VALUES (?, ?)
                      ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
                params: [key, value],
              },
        ])
      } catch (err) {
        onError(err)
      }
    },
  }
  return access
}
