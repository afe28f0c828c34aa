import { describe, expect, it } from 'vitest'
import { fingerprintOf } from '../../../../electron/core/store'
import { canonicalJson } from '../../../../shared/central'

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"y":2,"z":1}]},"b":1}',
    )
  })

  it('gives key order-independent fingerprints', () => {
    expect(fingerprintOf({ a: 1, b: '林' })).toBe(fingerprintOf({ b: '林', a: 1 }))
    expect(fingerprintOf({ a: 1 })).not.toBe(fingerprintOf({ a: 2 }))
    expect(fingerprintOf({ a: 1 })).toMatch(/^[0-9a-f]{64}$/)
  })

  it('refuses values without a stable JSON form', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError)
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError)
  })
})
