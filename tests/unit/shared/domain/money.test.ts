import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { MAX_FEN, chineseCapitalAmount, formatFen } from '../../../../shared/domain/money'

/** Reads a capital amount back to fen: an independent inverse used by the properties below. */
function parseCapital(text: string): number {
  const digit: Record<string, number> = {
    零: 0,
    壹: 1,
    贰: 2,
    叁: 3,
    肆: 4,
    伍: 5,
    陆: 6,
    柒: 7,
    捌: 8,
    玖: 9,
  }
  const small: Record<string, number> = { 拾: 10, 佰: 100, 仟: 1000 }
  let sign = 1
  let s = text
  if (s.startsWith('负')) {
    sign = -1
    s = s.slice(1)
  }
  const readInteger = (t: string): number => {
    const yi = t.lastIndexOf('亿')
    if (yi >= 0) return readInteger(t.slice(0, yi)) * 1e8 + readInteger(t.slice(yi + 1))
    const wan = t.lastIndexOf('万')
    if (wan >= 0) return readInteger(t.slice(0, wan)) * 1e4 + readInteger(t.slice(wan + 1))
    let total = 0
    let current = 0
    for (const ch of t) {
      if (ch in digit) current = digit[ch]!
      else if (ch in small) {
        total += current * small[ch]!
        current = 0
      } else throw new Error(`unexpected ${ch} in ${text}`)
    }
    return total + current
  }
  let fen = 0
  const yuanAt = s.indexOf('元')
  if (yuanAt >= 0) {
    fen += readInteger(s.slice(0, yuanAt)) * 100
    s = s.slice(yuanAt + 1)
  }
  if (s === '整') return sign * fen
  const jiao = s.match(/([壹贰叁肆伍陆柒捌玖])角/)
  const cents = s.match(/([壹贰叁肆伍陆柒捌玖])分/)
  if (jiao) fen += digit[jiao[1]!]! * 10
  if (cents) fen += digit[cents[1]!]!
  return sign * fen
}

describe('formatFen', () => {
  it('formats yuan with separators and two decimals', () => {
    expect(formatFen(8_643_215)).toBe('¥86,432.15')
    expect(formatFen(0)).toBe('¥0.00')
    expect(formatFen(5)).toBe('¥0.05')
    expect(formatFen(100)).toBe('¥1.00')
    expect(formatFen(-12_345)).toBe('-¥123.45')
    expect(formatFen(MAX_FEN)).toBe('¥9,999,999,999,999.99')
  })

  it('refuses fractions and out-of-range amounts', () => {
    expect(() => formatFen(1.5)).toThrow(RangeError)
    expect(() => formatFen(MAX_FEN + 1)).toThrow(RangeError)
    expect(() => formatFen(Number.NaN)).toThrow(RangeError)
  })

  it('round-trips through its digits for any amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_FEN, max: MAX_FEN }), (fen) => {
        const text = formatFen(fen)
        expect(text).toMatch(/^-?¥\d{1,3}(,\d{3})*\.\d{2}$/)
        expect(Number(text.replace(/[¥,.]/g, ''))).toBe(fen)
      }),
    )
  })
})

describe('chineseCapitalAmount', () => {
  it.each([
    [123_450, '壹仟贰佰叁拾肆元伍角'],
    [1_000_507, '壹万零伍元零柒分'],
    [10_000, '壹佰元整'],
    [0, '零元整'],
    [5, '伍分'],
    [50, '伍角'],
    [1_000, '壹拾元整'],
    [1_007, '壹拾元零柒分'],
    [8_643_215, '捌万陆仟肆佰叁拾贰元壹角伍分'],
    [10_010_000, '壹拾万零壹佰元整'],
    [100_100_000_000, '壹拾亿零壹佰万元整'],
    [10_001_000_000, '壹亿零壹万元整'],
    [10_010_000_000, '壹亿零壹拾万元整'],
    [100_000_000_000_000, '壹万亿元整'],
    [MAX_FEN, '玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分'],
    [-123_450, '负壹仟贰佰叁拾肆元伍角'],
  ])('%i fen → %s', (fen, expected) => {
    expect(chineseCapitalAmount(fen)).toBe(expected)
  })

  it('reads back to the same amount, for any amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_FEN, max: MAX_FEN }), (fen) => {
        expect(parseCapital(chineseCapitalAmount(fen))).toBe(fen)
      }),
      { numRuns: 2_000 },
    )
  })

  it('never doubles or ends on 零, and says 整 exactly for whole yuan', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_FEN }), (fen) => {
        const text = chineseCapitalAmount(fen)
        expect(text).not.toMatch(/零零/)
        expect(text).not.toMatch(/零[元万亿]/)
        expect(text.endsWith('零')).toBe(false)
        expect(text.endsWith('整')).toBe(fen % 100 === 0)
        expect(text).toMatch(/^[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整]+$/)
      }),
      { numRuns: 2_000 },
    )
  })

  it('refuses fractions of a fen', () => {
    expect(() => chineseCapitalAmount(0.5)).toThrow(RangeError)
  })
})
