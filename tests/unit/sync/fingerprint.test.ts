// The terminal computes a payload's fingerprint with the store's canonical JSON (node:crypto), the
// centre recomputes it with shared/central's (Web Crypto). A difference would turn every push into
// FINGERPRINT_MISMATCH, so the two must agree byte for byte.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalJson as storeCanonical, fingerprintOf } from '../../../electron/core/store'
import { canonicalJson as sharedCanonical, fingerprintPayload } from '../../../shared/central'

const payloads = fc.jsonValue({ maxDepth: 4 }).filter((v) => v !== undefined)

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
      expect(storeCanonical(sample)).toBe(sharedCanonical(sample))
      expect(fingerprintOf(sample)).toBe(await fingerprintPayload(sample))
    }
  })

  it('on random JSON values (property)', async () => {
    await fc.assert(
      fc.asyncProperty(payloads, async (value) => {
        expect(storeCanonical(value)).toBe(sharedCanonical(value))
        expect(fingerprintOf(value)).toBe(await fingerprintPayload(value))
      }),
      { numRuns: 300 },
    )
  })

  it('on what the wire carries: the stored payload after a JSON round trip', async () => {
    // A Date in a payload is stored as its ISO string; the centre only ever sees that string.
    const payload = { at: new Date('2026-01-02T03:04:05.000Z'), n: 1 }
    const wire = JSON.parse(storeCanonical(payload)) as unknown
    expect(fingerprintOf(payload)).toBe(await fingerprintPayload(wire))
  })
})
