/** One schema step. `up` may hold several statements; it runs inside the store's write transaction. */
export interface Migration {
  version: number
  up: string
}

/**
 * The store's schema, in order. Never edit a released step: append a new one. The version reached
 * is kept in `store_meta` (not `PRAGMA user_version`, which sql.js's `export()` would not carry
 * over reliably), and each step is applied as a journaled write so that replay stays consistent.
 *
 * No table holds full personal data (masked or sealed only, docs/architecture.md "Data").
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    up: `
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      -- Reference data pulled from the central service (re-syncable). The cursor lives in
      -- sync_state and is written in the same transaction as the rows it covers.
      CREATE TABLE reference_items (
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        version INTEGER NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        data TEXT NOT NULL,
        PRIMARY KEY (kind, key)
      );
      CREATE TABLE sync_state (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        idempotency_key TEXT NOT NULL UNIQUE,
        fingerprint TEXT NOT NULL,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        state TEXT NOT NULL DEFAULT 'queued'
          CHECK (state IN ('queued', 'sent', 'accepted', 'rejected', 'conflict')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        result TEXT,
        receipt TEXT,
        application_no TEXT,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX outbox_state_seq ON outbox (state, seq);
      CREATE INDEX outbox_application_no ON outbox (application_no);

      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        terminal_id TEXT NOT NULL,
        action TEXT NOT NULL,
        subject_masked TEXT,
        outcome TEXT NOT NULL,
        detail TEXT,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE INDEX audit_log_at ON audit_log (at);
      -- The last pruned entry: the chain of the remaining entries starts from it.
      CREATE TABLE audit_anchor (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL
      );

      CREATE TABLE receipt_journal (
        id TEXT PRIMARY KEY,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        service TEXT NOT NULL,
        document TEXT NOT NULL,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX receipt_journal_at ON receipt_journal (at);
      CREATE INDEX receipt_journal_expires_at ON receipt_journal (expires_at);
    `,
  },
]
