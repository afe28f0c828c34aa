/**
 * GB 11643 as a property: every ID number built from an area code, a real birth date, a sequence
 * and the computed check character passes; any single-character change of it fails.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  idNumberCheckChar,
  isValidIdNumber,
  parseIdNumber,
} from '../../../../shared/domain/id-number'
import { TODAY, validIdNumber } from './id-numbers.fixture'

const ALPHABET = '0123456789X'

describe('GB 11643 ID number validator (properties)', () => {
  it('accepts every generated valid ID number, and says the right birth date and gender', () => {
    fc.assert(
      fc.property(validIdNumber, (id) => {
        const facts = parseIdNumber(id, TODAY)
        expect(facts).toBeDefined()
        expect(facts!.idNumber).toBe(id)
        expect(facts!.birthDate.replaceAll('-', '')).toBe(id.slice(6, 14))
        expect(facts!.gender).toBe(Number(id[16]) % 2 === 1 ? 'M' : 'F')
      }),
      { numRuns: 2000 },
    )
  })

  it('accepts lower-case x and stores upper case', () => {
    fc.assert(
      fc.property(
        validIdNumber.filter((id) => id.endsWith('X')),
        (id) => {
          expect(parseIdNumber(id.toLowerCase(), TODAY)?.idNumber).toBe(id)
        },
      ),
      { numRuns: 200 },
    )
  })

  it('refuses any single-character change (digit or X) at any position', () => {
    fc.assert(
      fc.property(
        validIdNumber,
        fc.integer({ min: 0, max: 17 }),
        fc.constantFrom(...ALPHABET),
        (id, position, replacement) => {
          fc.pre(id[position] !== replacement)
          const changed = id.slice(0, position) + replacement + id.slice(position + 1)
          expect(isValidIdNumber(changed, TODAY)).toBe(false)
        },
      ),
      { numRuns: 5000 },
    )
  })

  it('refuses any other character, a dropped or an added character', () => {
    fc.assert(
      fc.property(
        validIdNumber,
        fc.integer({ min: 0, max: 17 }),
        fc.string({ minLength: 1, maxLength: 1 }).filter((c) => !/[0-9Xx]/.test(c)),
        (id, position, other) => {
          expect(
            isValidIdNumber(id.slice(0, position) + other + id.slice(position + 1), TODAY),
          ).toBe(false)
          expect(isValidIdNumber(id.slice(0, position) + id.slice(position + 1), TODAY)).toBe(false)
          expect(isValidIdNumber(id.slice(0, position) + '0' + id.slice(position), TODAY)).toBe(
            false,
          )
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('knows the worked examples and the demo residents', () => {
    expect(isValidIdNumber('11010519491231002X', TODAY)).toBe(true)
    expect(isValidIdNumber('350102198506123417', TODAY)).toBe(true)
    expect(isValidIdNumber('35012120010718457x', TODAY)).toBe(true)
    expect(isValidIdNumber('350102198506123418', TODAY)).toBe(false)
  })

  it('refuses a birth date in the future or that does not exist', () => {
    const withDate = (date: string) => {
      const first17 = '350102' + date + '123'
      return first17 + idNumberCheckChar(first17)
    }
    expect(isValidIdNumber(withDate('20260302'), TODAY)).toBe(false)
    expect(isValidIdNumber(withDate('19850230'), TODAY)).toBe(false)
    expect(isValidIdNumber(withDate('19000229'), TODAY)).toBe(false)
    expect(isValidIdNumber(withDate('20000229'), TODAY)).toBe(true)
  })
})
