/**
 * Connects the print service's journal to the store's receipt journal. What is stored is the
 * print service's masked `JournalEntry` (the whole receipt for reprint; for A4 documents only what
 * identifies them), never a certificate's rows or a balance.
 */
import type { ReceiptJournal } from '../store'
import type { PrintJournal } from './print-service'

export function storePrintJournal(journal: () => ReceiptJournal | null): PrintJournal {
  return {
    async record(entry) {
      const target = journal()
      if (!target) throw new Error('store unavailable')
      await target.record({
        id: entry.id,
        kind: entry.kind,
        service: entry.service,
        document: entry,
        status: 'pending',
      })
    },
    async markStatus(id, status, error) {
      const target = journal()
      if (!target) throw new Error('store unavailable')
      await target.markStatus(id, status, error ?? null)
    },
  }
}
