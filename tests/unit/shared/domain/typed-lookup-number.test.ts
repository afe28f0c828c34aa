/**
 * The numbers the status lookup can type (shared/domain/typed-lookup-number.ts): every kind a
 * receipt or a text message carries makes the number printed on it, which the API takes unchanged;
 * wrong lengths and shapes make none.
 */
import { describe, expect, it } from 'vitest'
import { fundMethods } from '../../../../shared/api/methods/fund'
import { newTicketNo } from '../../../../electron/core/help/help-desk'
import { lookupNumber, TICKET_NO } from '../../../../shared/domain/scanned-code'
import {
  acceptsKey,
  isCompleteNumber,
  TICKET_CODE_ALPHABET,
  TYPED_NUMBER_KINDS,
  typedCarriedOver,
  typedKindOf,
  typedNumber,
} from '../../../../shared/domain/typed-lookup-number'

/** One whole number of each kind, as the receipt or the text message prints it. */
const PRINTED: Record<string, { number: string; typed: string }> = {
  local: { number: 'Q482915730264', typed: '482915730264' },
  bind: { number: 'BD20261205000042', typed: '20261205000042' },
  unbind: { number: 'UB20261205000043', typed: '20261205000043' },
  withdrawRent: { number: 'ZF20261205000044', typed: '20261205000044' },
  rentPlanChange: { number: 'ZG20261205000045', typed: '20261205000045' },
  withdrawRetire: { number: 'TQ20261205000046', typed: '20261205000046' },
  ticket: { number: 'FK20261205-7KQ2MZ', typed: '202612057KQ2MZ' },
  feedback: { number: 'FK20261205000047', typed: '20261205000047' },
}

const kindOf = (id: string) => TYPED_NUMBER_KINDS.find((k) => k.id === id)!

describe('typed status lookup numbers', () => {
  it('has one kind for every number a receipt or a text message carries', () => {
    expect(TYPED_NUMBER_KINDS.map((k) => k.id).sort()).toEqual(Object.keys(PRINTED).sort())
  })

  it('makes each printed number from its typed part, and the API takes it unchanged', () => {
    for (const kind of TYPED_NUMBER_KINDS) {
      const { number, typed } = PRINTED[kind.id]!
      expect(isCompleteNumber(kind, typed), kind.id).toBe(true)
      expect(typedNumber(kind, typed)).toBe(number)
      expect(typedKindOf(number)).toEqual({ kind, typed })
      expect(lookupNumber(number)).toBe(number)
      expect(
        fundMethods['fund.applicationStatus'].input.parse({ number, idLast4: '3417' }).number,
      ).toBe(number)
    }
  })

  it("types digits first, then only the ticket alphabet for a ticket's code", () => {
    const ticket = kindOf('ticket')
    expect(acceptsKey(ticket, '2026120', '5')).toBe(true)
    expect(acceptsKey(ticket, '2026120', 'K')).toBe(false)
    expect(acceptsKey(ticket, '20261205', 'K')).toBe(true)
    for (const lookAlike of ['0', '1', 'O', 'I', 'k', '-', ' '])
      expect(acceptsKey(ticket, '20261205', lookAlike), lookAlike).toBe(false)
    expect(acceptsKey(ticket, '202612057KQ2MZ', 'A')).toBe(false)
    expect(typedNumber(ticket, '20261205')).toBe('FK20261205-')
    expect(typedNumber(ticket, '2026')).toBe('FK2026')
    const rent = kindOf('withdrawRent')
    expect(acceptsKey(rent, '2026120500004', '4')).toBe(true)
    expect(acceptsKey(rent, '20261205000044', '4')).toBe(false)
    expect(acceptsKey(rent, '', 'A')).toBe(false)
  })

  it('keeps what was typed as far as another paper takes it', () => {
    expect(typedCarriedOver(kindOf('withdrawRent'), '20261205000044')).toBe('20261205000044')
    expect(typedCarriedOver(kindOf('local'), '20261205000044')).toBe('202612050000')
    expect(typedCarriedOver(kindOf('feedback'), '202612057KQ2MZ')).toBe('202612057')
  })

  it('has the keys for every ticket the terminal issues, and only those', () => {
    for (const char of TICKET_CODE_ALPHABET)
      expect(TICKET_NO.test(`FK20261205-${char}23456`)).toBe(true)
    for (let i = 0; i < 50; i++)
      expect(typedKindOf(newTicketNo(new Date(2026, 11, 5)))).not.toBeNull()
  })

  it('names no kind for a number of the wrong length or shape', () => {
    for (const hostile of [
      'ZF2026120500004',
      'ZF202612050000444',
      'ZF20261205-000044',
      'FK20261205-7KQ2M0',
      'FK2026120-57KQ2MZ',
      'FK202612057KQ2MZ',
      'HJ20261205000042',
      'Q48291573026',
      '',
    ])
      expect(typedKindOf(hostile), hostile).toBeNull()
    expect(isCompleteNumber(kindOf('local'), '48291573026')).toBe(false)
    expect(isCompleteNumber(kindOf('local'), '４８２９１５７３０２６４')).toBe(false)
  })
})
