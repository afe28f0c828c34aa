/**
 * Money is integer fen (分) everywhere in code; these are the only two ways it
 * becomes text: `formatFen` for figures on screen, receipts and documents, and
 * `chineseCapitalAmount` for the 大写 line that certificates carry.
 */

/** The largest amount the kiosk formats: ¥9,999,999,999,999.99 (a centre's totals stay far below). */
export const MAX_FEN = 999_999_999_999_999

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const
const UNITS_IN_GROUP = ['', '拾', '佰', '仟'] as const

function assertFen(fen: number): void {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`amount must be an integer in fen: ${fen}`)
  if (Math.abs(fen) > MAX_FEN) throw new RangeError(`amount out of range: ${fen}`)
}

/**
 * Formats fen as yuan with thousands separators: `formatFen(8643215)` → `'¥86,432.15'`,
 * `formatFen(-50)` → `'-¥0.50'`. Works on digits, never on floating-point yuan, so no rounding.
 */
export function formatFen(fen: number): string {
  assertFen(fen)
  const sign = fen < 0 ? '-' : ''
  const digits = String(Math.abs(fen)).padStart(3, '0')
  const yuan = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${sign}¥${yuan}.${digits.slice(-2)}`
}

/** 0..9999 → e.g. 1005 → 壹仟零伍; zeros inside collapse to one 零, trailing zeros vanish. */
function groupToCapital(n: number): string {
  let out = ''
  let pendingZero = false
  for (let place = 3; place >= 0; place--) {
    const digit = Math.floor(n / 10 ** place) % 10
    if (digit === 0) {
      if (out !== '') pendingZero = true
      continue
    }
    if (pendingZero) out += '零'
    pendingZero = false
    out += DIGITS[digit] + UNITS_IN_GROUP[place]
  }
  return out
}

/**
 * A positive whole number of yuan in capitals, recursively by 亿 then 万, so that amounts above
 * 9999亿 read 玖万玖仟…亿 as banks write them. A 零 bridges a gap between groups:
 * 10005 → 壹万零伍, 100010000 → 壹亿零壹万.
 */
function integerToCapital(n: number): string {
  for (const [base, name] of [
    [100_000_000, '亿'],
    [10_000, '万'],
  ] as const) {
    if (n >= base) {
      const high = Math.floor(n / base)
      const rest = n % base
      let out = integerToCapital(high) + name
      if (rest > 0) out += (rest < base / 10 ? '零' : '') + integerToCapital(rest)
      return out
    }
  }
  return groupToCapital(n)
}

/**
 * The Chinese capital amount (大写金额) for a sum in fen, as printed on certificates:
 * ¥1,234.50 → 壹仟贰佰叁拾肆元伍角; ¥10,005.07 → 壹万零伍元零柒分; ¥100.00 → 壹佰元整;
 * ¥0.00 → 零元整; ¥0.05 → 伍分; negative amounts are prefixed 负.
 *
 * Follows the common bank style: 整 only after whole yuan; 零 before 分 when 角 is zero; no 零
 * between 元 and 角 (both spellings are allowed by the PBOC settlement rules). Range ±MAX_FEN.
 */
export function chineseCapitalAmount(fen: number): string {
  assertFen(fen)
  if (fen < 0) return '负' + chineseCapitalAmount(-fen)
  const yuan = Math.floor(fen / 100)
  const jiao = Math.floor(fen / 10) % 10
  const cents = fen % 10
  if (jiao === 0 && cents === 0) return (yuan === 0 ? '零' : integerToCapital(yuan)) + '元整'
  let out = yuan > 0 ? integerToCapital(yuan) + '元' : ''
  if (jiao > 0) out += DIGITS[jiao] + '角'
  else if (yuan > 0) out += '零'
  if (cents > 0) out += DIGITS[cents] + '分'
  return out
}
