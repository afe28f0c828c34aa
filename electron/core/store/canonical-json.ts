import { createHash } from 'node:crypto'

/**
 * Serialises a JSON value with object keys sorted at every depth, so that two payloads that differ
 * only in key order produce the same text (and therefore the same fingerprint and audit hash).
 * `undefined` members are dropped as `JSON.stringify` does; non-finite numbers, functions, symbols
 * and bigints are refused because they have no stable JSON form.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value)
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number')
      return JSON.stringify(value)
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`
      }
      if (value instanceof Date) return JSON.stringify(value.toISOString())
      const entries = Object.keys(value as Record<string, unknown>)
        .sort()
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .map(
          (key) =>
            `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`,
        )
      return `{${entries.join(',')}}`
    }
    default:
      throw new TypeError(`canonicalJson: cannot serialise a ${typeof value}`)
  }
}

/** Hex SHA-256 of a string (UTF-8). */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

/** Fingerprint of a payload: SHA-256 hex of its canonical JSON. */
export function fingerprintOf(payload: unknown): string {
  return sha256Hex(canonicalJson(payload))
}
