/** An in-memory {@link PrintJournal} for tests: keeps entries with their status and error. */
import type {
  JournalEntry,
  JournalStatus,
  PrintJournal,
} from '../../../../electron/core/printing/print-service'

export interface MemoryJournalRow {
  entry: JournalEntry
  status: 'pending' | JournalStatus
  error?: string
}

export function createMemoryJournal(): PrintJournal & { rows: MemoryJournalRow[] } {
  const rows: MemoryJournalRow[] = []
  return {
    rows,
    record(entry) {
      rows.push({ entry: structuredClone(entry), status: 'pending' })
    },
    markStatus(id, status, error) {
      const row = rows.find((r) => r.entry.id === id)
      if (!row) throw new Error(`no journal entry ${id}`)
      row.status = status
      if (error) row.error = error
    },
  }
}
