// Hashes the store computes synchronously (inside a write plan, which may not await): the audit
// chain's links and the outbox fingerprints. The text they cover is the one canonical JSON the
// centre computes too (shared/central/canonical-json.ts); only the hashing differs, node:crypto
// here, Web Crypto there, with the same result.
import { createHash } from 'node:crypto'
import { canonicalJson } from '../../../shared/central/canonical-json'

/** Hex SHA-256 of a string (UTF-8). */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

/** Fingerprint of a payload: SHA-256 hex of its canonical JSON (= the centre's fingerprintPayload). */
export function fingerprintOf(payload: unknown): string {
  return sha256Hex(canonicalJson(payload))
}
