/** The masking rule as properties: what is hidden never appears in the output. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { maskIdNumber, maskName, maskPhone } from '../../../../shared/domain/masking'
import { validIdNumber } from './id-numbers.fixture'

const phone = fc
  .tuple(fc.integer({ min: 3, max: 9 }), fc.stringMatching(/^\d{9}$/))
  .map(([second, rest]) => `1${second}${rest}`)

/** Names of 1–6 characters, CJK (including astral-plane characters such as 𠮷) or Latin. */
const name = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCodePoint(c)),
      fc.integer({ min: 0x20000, max: 0x2a6df }).map((c) => String.fromCodePoint(c)),
      fc.constantFrom('A', 'b', '·', 'é'),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((chars) => chars.join(''))

describe('masking (properties)', () => {
  it('ID number: first 6 and last 4 stay, the 8 birth-date digits never appear', () => {
    fc.assert(
      fc.property(validIdNumber, (id) => {
        const masked = maskIdNumber(id)
        expect(masked).toBe(id.slice(0, 6) + '********' + id.slice(-4))
        expect(masked).not.toContain(id)
        expect(masked).not.toContain(id.slice(6, 14))
        // No digit of the hidden part is anywhere but in the visible ends.
        expect(masked.replace(/\*/g, '')).toBe(id.slice(0, 6) + id.slice(-4))
      }),
      { numRuns: 2000 },
    )
  })

  it('phone: 3 + 4 stay, the middle 4 digits are stars', () => {
    fc.assert(
      fc.property(phone, (p) => {
        const masked = maskPhone(p)
        expect(masked).toHaveLength(11)
        expect(masked.slice(3, 7)).toBe('****')
        expect(masked).not.toContain(p)
        expect(masked.replace(/\*/g, '')).toBe(p.slice(0, 3) + p.slice(-4))
      }),
      { numRuns: 2000 },
    )
  })

  it('name: only the first character stays, one star per hidden character', () => {
    fc.assert(
      fc.property(name, (n) => {
        const chars = Array.from(n)
        const masked = maskName(n)
        expect(Array.from(masked)).toHaveLength(chars.length)
        expect(masked).toBe(chars[0] + '*'.repeat(chars.length - 1))
        if (chars.length > 1) expect(masked).not.toContain(n)
        for (const hidden of chars.slice(1)) {
          if (hidden !== chars[0]) expect(masked).not.toContain(hidden)
        }
      }),
      { numRuns: 2000 },
    )
  })

  it('masks the demo examples as the receipts show them', () => {
    expect(maskIdNumber('350102198506123417')).toBe('350102********3417')
    expect(maskName('林晓峰')).toBe('林**')
    expect(maskPhone('13800591234')).toBe('138****1234')
  })
})
