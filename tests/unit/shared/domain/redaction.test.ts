import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { redact } from '../../../../shared/domain/redaction'

describe('redact', () => {
  it('masks ID numbers and mobile numbers inside free text', () => {
    expect(redact('id=350102198506123417 phone 13800591234.')).toBe(
      'id=350102********3417 phone 138****1234.',
    )
    expect(redact('"35012120010718457X"')).toBe('"350121********457X"')
  })

  it('never lets a full ID or mobile number through', () => {
    const digits = (n: number) =>
      fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n })
    fc.assert(
      fc.property(fc.string(), digits(17), digits(9), fc.string(), (a, id, phone, b) => {
        const idNumber = `${id}X`
        const mobile = `13${phone}`
        const out = redact(`${a} ${idNumber} ${b} ${mobile} `)
        expect(out).not.toContain(idNumber)
        expect(out).not.toContain(mobile)
      }),
    )
  })
})
