/**
 * Connects the print service's journal to the store's receipt journal. What is stored is the
 * print service's masked `JournalEntry` (the whole receipt for reprint; for A4 documents only what
 * identifies them, with the verification code masked), never a certificate's rows or a balance.
 */
import type { ReceiptJournal } from '../store'
import type { JournalEntry, PrintJournal } from './print-service'

/**
 * A document's verification code as the journal keeps it: the last 4 characters. The full code
 * lets anyone check the document online (and read its holder's masked data), so it stays on paper;
 * staff recognise the entry by its document number.
 */
export function maskVerificationCode(code: string): string {
  let keep = 4
  return Array.from(code)
    .reverse()
    .map((c) => (/[0-9A-Za-z]/.test(c) ? (keep-- > 0 ? c : '*') : c))
    .reverse()
    .join('')
}

const journaled = (entry: JournalEntry): JournalEntry =>
  entry.verificationCode === undefined
    ? entry
    : { ...entry, verificationCode: maskVerificationCode(entry.verificationCode) }

export function storePrintJournal(journal: ReceiptJournal | null): PrintJournal {
  return {
    async record(entry) {
      const target = journal
      if (!target) throw new Error('store unavailable')
      await target.record({
        id: entry.id,
        kind: entry.kind,
        service: entry.service,
        document: journaled(entry),
        status: 'pending',
      })
    },
    async markStatus(id, status, error) {
      const target = journal
      if (!target) throw new Error('store unavailable')
      await target.markStatus(id, status, error ?? null)
    },
  }
}
