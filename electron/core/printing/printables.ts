/**
 * Documents a service has prepared for the current session, waiting for the resident to print
 * them (or to see them on screen when the printer cannot). A service handler adds its masked
 * receipt or A4 document and hands the renderer only an opaque id; the renderer cannot make the
 * terminal print anything a service did not prepare. Everything is wiped at session end.
 */
import { randomUUID } from 'node:crypto'
import type { A4DocumentInput, ReceiptInput } from '../../../shared/receipt'

export type Printable =
  { kind: 'receipt'; receipt: ReceiptInput } | { kind: 'document'; document: A4DocumentInput }

export interface Printables {
  add(sessionId: string, printable: Printable): string
  get(sessionId: string, id: string): Printable | undefined
  /** Drops everything (session end). */
  wipe(): void
  size(): number
}

export function createPrintables(): Printables {
  let owner: string | null = null
  const items = new Map<string, Printable>()
  return {
    add(sessionId, printable) {
      if (owner !== sessionId) {
        items.clear()
        owner = sessionId
      }
      const id = randomUUID()
      items.set(id, printable)
      return id
    },
    get: (sessionId, id) => (owner === sessionId ? items.get(id) : undefined),
    wipe() {
      items.clear()
      owner = null
    },
    size: () => items.size,
  }
}
