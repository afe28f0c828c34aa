/**
 * The shapes people and programs write ID and mobile numbers in (with a country code, with spaces
 * or dashes, the 15-digit legacy ID) are masked; ordinary numbers a log is full of are not.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { redact } from '../../../../shared/domain/redaction'

const digits = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n })
/** A mobile number: 1, a second digit 3–9, nine more digits. */
const mobile = fc
  .tuple(fc.constantFrom(...'3456789'), digits(9))
  .map(([second, rest]) => `1${second}${rest}`)
/** A mobile number as written: whole, 3-4-4 with spaces or dashes, with +86 / 0086. */
const writtenMobile = fc
  .tuple(
    mobile,
    fc.constantFrom('', ' ', '-'),
    fc.constantFrom('', '+86', '+86 ', '+86-', '0086 ', '0086'),
  )
  .map(([m, sep, prefix]) => ({
    m,
    written: `${prefix}${m.slice(0, 3)}${sep}${m.slice(3, 7)}${sep}${m.slice(7)}`,
  }))
/** A 15-digit legacy ID number: area code, YYMMDD, sequence. */
const legacyId = fc
  .tuple(
    fc.integer({ min: 110000, max: 829999 }),
    fc.integer({ min: 0, max: 99 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 28 }),
    digits(3),
  )
  .map(
    ([area, yy, mm, dd, seq]) =>
      `${area}${String(yy).padStart(2, '0')}${String(mm).padStart(2, '0')}${String(dd).padStart(2, '0')}${seq}`,
  )
/** Text around a number: anything that does not glue digits or letters onto it. */
const around = fc.string().map((s) => ` ${s} `)

describe('redact: more written shapes', () => {
  it.each([
    ['+8613800591234', '+86138****1234'],
    ['+86 138 0059 1234', '+86 138****1234'],
    ['+86-138-0059-1234', '+86-138****1234'],
    ['0086 13800591234', '0086 138****1234'],
    ['call 138 0059 1234.', 'call 138****1234.'],
    ['call 138-0059-1234.', 'call 138****1234.'],
    ['"phone":"13800591234"', '"phone":"138****1234"'],
    ['legacy 350102850612341,', 'legacy 350102*****2341,'],
    ['id 350102 19850612 3417', 'id 350102********3417'],
    ['id 350102-19850612-341X', 'id 350102********341X'],
  ])('%s → %s', (input, output) => {
    expect(redact(input)).toBe(output)
  })

  it.each([
    '2026-06-12T09:00:00.000Z',
    '2026-06-12',
    '127.0.0.1:8080',
    'amountFen=1380059123',
    'at 1781226000000',
    'Q138005912345',
    'BD20260612000001',
    'FK20260612000123',
    '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
    'seq=18446744073709551615',
    'retryAfterSeconds=14400',
  ])('leaves %s readable', (text) => {
    expect(redact(text)).toBe(text)
  })

  it('never lets a mobile number through in any written shape', () => {
    fc.assert(
      fc.property(around, writtenMobile, around, (a, { m, written }, b) => {
        const out = redact(`${a}${written}${b}`)
        expect(out).not.toContain(written)
        expect(out.replace(/[ -]/g, '')).not.toContain(m)
      }),
    )
  })

  it('never lets a 15-digit legacy ID number through', () => {
    fc.assert(
      fc.property(around, legacyId, around, (a, id, b) => {
        expect(redact(`${a}${id}${b}`)).not.toContain(id)
      }),
    )
  })

  it('leaves timestamps, ports, fen amounts and application numbers as they are', () => {
    const harmless = fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      fc.integer({ min: 0, max: 65_535 }).map((p) => `127.0.0.1:${p}`),
      fc.integer({ min: 0, max: 999_999_999 }).map((fen) => `${fen} fen`),
      digits(12).map((d) => `Q${d}`),
      fc.tuple(fc.constantFrom('BD', 'UB', 'FK', 'HJ', 'AU'), digits(14)).map(([p, d]) => p + d),
    )
    fc.assert(
      fc.property(harmless, (text) => {
        expect(redact(text)).toBe(text)
      }),
    )
  })
})
