// The terminal computes a payload's fingerprint with node:crypto (the store hashes inside a write
// plan, which cannot await), the centre recomputes it with Web Crypto; both hash the one canonical
// JSON of shared/central. A difference would turn every push into FINGERPRINT_MISMATCH, so the two
// must agree byte for byte, and the canonical text must depend on the data alone, not on key order.
// (That the text itself stays what earlier versions wrote is pinned in store/audit-hashes.test.ts.)
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fingerprintOf } from '../../../../electron/core/store'
import { canonicalJson, fingerprintPayload } from '../../../../shared/central'

const payloads = fc.jsonValue({ maxDepth: 4 }).filter((v) => v !== undefined)

/** The same data with every object's keys inserted in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys)
  if (value === null || typeof value !== 'object') return value
  const record = value as Record<string, unknown>
  return Object.fromEntries(
    Object.keys(record)
      .reverse()
      .map((key) => [key, reversedKeys(record[key])]),
  )
}

/** What makes a text canonical JSON of `value`: the same data, key order and nothing else apart. */
function expectCanonical(value: unknown): void {
  const text = canonicalJson(value)
  const plain = JSON.stringify(value)
  expect(JSON.parse(text)).toEqual(JSON.parse(plain))
  expect(text).toHaveLength(plain.length) // no whitespace, nothing added or dropped
  expect(canonicalJson(reversedKeys(value))).toBe(text)
  expect(canonicalJson(JSON.parse(text))).toBe(text)
}

describe('fingerprints: store and central agree', () => {
  it('on typical payloads', async () => {
    const samples: unknown[] = [
      { category: 'suggestion', text: '请增加一台自助终端 🙂', service: 'fund.records' },
      { residentRef: 'R12ab34cd', operatorCode: 'ICBC', walletId: '0021000086432151' },
      { b: 1, a: [1, 'x', null, true, { z: -0, y: 1.5e-7 }], é: 'ü', '\u2028': '\u0000' },
      { missing: undefined, kept: 0 },
      [],
      'text',
      12.5,
    ]
    for (const sample of samples) {
      expectCanonical(sample)
      expect(fingerprintOf(sample)).toBe(await fingerprintPayload(sample))
    }
  })

  it('on random JSON values (property)', async () => {
    await fc.assert(
      fc.asyncProperty(payloads, async (value) => {
        expectCanonical(value)
        expect(fingerprintOf(value)).toBe(await fingerprintPayload(value))
      }),
      { numRuns: 300 },
    )
  })

  it('on what the wire carries: the stored payload after a JSON round trip', async () => {
    // A Date in a payload is stored as its ISO string; the centre only ever sees that string.
    const payload = { at: new Date('2026-01-02T03:04:05.000Z'), n: 1 }
    const wire = JSON.parse(canonicalJson(payload)) as unknown
    expect(wire).toEqual({ at: '2026-01-02T03:04:05.000Z', n: 1 })
    expect(fingerprintOf(payload)).toBe(await fingerprintPayload(wire))
  })
})
