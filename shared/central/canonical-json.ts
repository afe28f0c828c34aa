/**
 * Canonical JSON and hashing both ends compute identically: object keys sorted by UTF-16 code unit,
 * no whitespace, `undefined` members dropped (as JSON.stringify does). Close to RFC 8785 for the
 * values our payloads hold (strings, integers, booleans, null, arrays, objects). Pure: Web Crypto only.
 */

/** Serialises `value` canonically; the same data always gives the same string. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new TypeError('non-finite number')
    const text = JSON.stringify(value)
    if (text === undefined) throw new TypeError(`cannot serialise ${typeof value}`)
    return text
  }
  if (Array.isArray(value)) {
    return '[' + value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',') + ']'
  }
  // A Date is written as JSON.stringify writes it (its ISO string), so that a payload holding one
  // hashes as the same payload after a JSON round trip.
  if (value instanceof Date) return JSON.stringify(value.toISOString())
  const record = value as Record<string, unknown>
  const members = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort()
    .map((k) => JSON.stringify(k) + ':' + canonicalJson(record[k]))
  return '{' + members.join(',') + '}'
}

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text)
}

/** Lower-case hex of bytes. */
export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)
  let hex = ''
  for (const b of view) hex += b.toString(16).padStart(2, '0')
  return hex
}

/** SHA-256 of a string (UTF-8) or bytes, as lower-case hex. */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === 'string' ? utf8(data) : new Uint8Array(data)
  return toHex(await globalThis.crypto.subtle.digest('SHA-256', bytes))
}

/**
 * The fingerprint of an outbox payload: sha256 hex of its canonical JSON. Computed by the terminal
 * when the item enters the outbox and recomputed by the centre on apply.
 */
export function fingerprintPayload(payload: unknown): Promise<string> {
  return sha256Hex(canonicalJson(payload))
}
