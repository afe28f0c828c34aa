/**
 * The terminal's durable data, opened at core start: the sql.js store, its outbox, audit log and
 * receipt journal, and the audit trail that also forwards each entry to the central service
 * through the outbox. Opening never stops the kiosk: a store that cannot be opened at all (disk
 * gone, permissions) leaves the terminal serving what needs no store, with the reason on the status
 * bar; a corrupt file was already kept aside by the store itself.
 */
import { join } from 'node:path'
import {
  createAuditLog,
  createOutbox,
  createReceiptJournal,
  defaultWasmPath,
  openStore,
  type AuditEntry,
  type AuditInput,
  type AuditLog,
  type Outbox,
  type ReceiptJournal,
  type Store,
  type StoreIssue,
} from '../store'
import { redact } from '../../../shared/domain/redaction'
import { describeError, type Logger } from '../log'
import { makePrivateFolder } from '../store/private-files'

export interface TerminalData {
  store: Store
  outbox: Outbox
  audit: AuditLog
  receipts: ReceiptJournal
}

export interface OpenTerminalDataOptions {
  dataDir: string
  wasmPath?: string
  terminalId: string
  clock: () => Date
  log: Logger
  /** Every store issue (at open and later), for the status bar. */
  onIssue: (issue: StoreIssue) => void
}

/** Opens the store and the tables' services; null when the store cannot be opened at all. */
export async function openTerminalData(
  options: OpenTerminalDataOptions,
): Promise<TerminalData | null> {
  try {
    // The data root: 0700 itself; its files may be the host's (Electron's profile), left alone.
    const loose = makePrivateFolder(options.dataDir, { files: false })
    if (loose.length > 0) options.log.warn('data.folder_not_private', { paths: loose })
    const store = await openStore({
      dataDir: join(options.dataDir, 'store'),
      wasmPath: options.wasmPath ?? defaultWasmPath(),
      clock: { now: () => options.clock().getTime() },
      onIssue: options.onIssue,
    })
    const clock = { now: () => options.clock().getTime() }
    const outbox = createOutbox(store)
    // Items answered under an older version still hold their full payload (wallet id).
    await outbox
      .shrinkAnswered()
      .catch((err: unknown) =>
        options.log.warn('outbox.shrink_failed', { err: describeError(err) }),
      )
    const data: TerminalData = {
      store,
      outbox,
      audit: createAuditLog(store, { terminalId: options.terminalId, clock }),
      receipts: createReceiptJournal(store, { clock }),
    }
    return data
  } catch (err) {
    options.log.error('store.open_failed', { err: describeError(err) })
    return null
  }
}

/** Queues one audit entry for the central service (idempotent by its seq and hash). */
function forwardAuditEntry(data: TerminalData, saved: AuditEntry, now: number) {
  return data.outbox.enqueue({
    kind: 'audit',
    idempotencyKey: `audit-${saved.terminalId}-${saved.seq}-${saved.hash.slice(0, 16)}`,
    payload: {
      seq: saved.seq,
      at: new Date(saved.at).toISOString(),
      action: saved.action,
      subject: saved.subject,
      outcome: saved.outcome,
      detail: saved.detail ?? null,
      hash: saved.hash,
      prevHash: saved.prevHash,
    },
    createdAt: now,
  })
}

/**
 * A backstop for the callers' masking: anything shaped like an ID or mobile number in the subject
 * or the detail is masked before it is hashed and stored. Names cannot be found by shape; callers
 * mask them (shared/domain/masking.ts).
 */
function masked(entry: AuditInput): AuditInput {
  return {
    ...entry,
    subject: entry.subject === null ? null : redact(entry.subject),
    ...(entry.detail === undefined
      ? {}
      : { detail: JSON.parse(redact(JSON.stringify(entry.detail) ?? 'null')) as unknown }),
  }
}

export interface AuditTrail {
  /**
   * Appends an audit entry (hash-chained, durable) and queues it for the central service. Never
   * throws: an audit write that fails is logged and raised as a status issue, and the resident's
   * transaction goes on (its own durable record is the outbox item).
   */
  record(entry: AuditInput): Promise<void>
  /** Waits for the entries being written (the store closes only after them). */
  settle?(): Promise<void>
}

export function createAuditTrail(deps: {
  data: TerminalData | null
  clock: () => Date
  log: Logger
  onFailure: (code: string) => void
  /** Called after an entry was queued for the central service (the sync engine pushes). */
  queued?: () => void
}): AuditTrail {
  const writing = new Set<Promise<void>>()
  async function write(entry: AuditInput): Promise<void> {
    const data = deps.data
    if (!data) {
      deps.log.warn('audit.no_store', { action: entry.action })
      return
    }
    try {
      const saved = await data.audit.append(masked(entry))
      await forwardAuditEntry(data, saved, deps.clock().getTime())
      deps.queued?.()
    } catch (err) {
      deps.log.error('audit.append_failed', { action: entry.action, err: describeError(err) })
      deps.onFailure('AUDIT_WRITE_FAILED')
    }
  }
  return {
    record(entry) {
      const done = write(entry)
      writing.add(done)
      void done.finally(() => writing.delete(done))
      return done
    },
    async settle() {
      // Entries recorded while stopping (the session's end) are written before the store closes.
      while (writing.size > 0) await Promise.allSettled([...writing])
    },
  }
}
