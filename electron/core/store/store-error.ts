// The store's typed error and the two ways the store turns a thrown value into text.

/** Stable codes of the errors the store throws (rejects with). */
export type StoreErrorCode =
  /** The journal could not be written or synced (disk full, I/O error). Nothing was applied. */
  | 'STORE_WRITE_FAILED'
  /** A statement failed (constraint, syntax). Nothing was applied. */
  | 'STORE_SQL_FAILED'
  /** The store was closed. */
  | 'STORE_CLOSED'
  /** The data folder or the journal cannot be created or opened (openStore rejects with it). */
  | 'STORE_OPEN_FAILED'

/** The store's typed error; the process stays up and the caller reports `code`. */
export class StoreError extends Error {
  override readonly name = 'StoreError'
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

/** The message of a thrown value (an Error's message, else its text). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** The errno code of a file-system error (`ENOSPC`, `EIO`...), else `unknown`: never a path. */
export function errnoOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : 'unknown'
}
