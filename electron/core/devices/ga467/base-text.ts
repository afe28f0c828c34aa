/**
 * The card's base text as the SAM returns it (GA 467-2013): 256 bytes of UCS-2LE in fixed fields,
 * each padded with spaces. Decoding checks every field's shape, because a half-read chip gives
 * plausible-looking text; a field that does not fit makes the whole read a misread.
 */
import type { CardData } from '../driver'

/** Field widths in bytes, in card order (two bytes per character). */
const FIELDS = [
  ['name', 30],
  ['gender', 2],
  ['nation', 4],
  ['birthDate', 16],
  ['address', 70],
  ['idNumber', 36],
  ['issuingOffice', 30],
  ['validityStart', 16],
  ['validityEnd', 16],
  ['reserved', 36],
] as const
type FieldName = (typeof FIELDS)[number][0]

/** Size of the base text block. */
export const BASE_TEXT_BYTES = 256

/** The card as read: {@link CardData} plus the nation code (kept off CardData: nothing uses it). */
export type DecodedBaseText =
  | { ok: true; card: CardData; nation: string }
  | { ok: false; field: Exclude<FieldName, 'reserved'> | 'length' }

const LONG_TERM = '长期'

const utf16 = new TextDecoder('utf-16le', { fatal: false })

/** A control character or the decoder's replacement character: no card field holds either. */
const garbled = (text: string): boolean =>
  [...text].some((ch) => ch.charCodeAt(0) < 0x20 || ch === '\ufffd')

/** Drops the padding: trailing spaces, and NULs that some readers leave in blank fields. */
const unpad = (text: string): string => {
  let end = text.length
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\u0000')) end--
  return text.slice(0, end).trim()
}

/** `YYYYMMDD` → `YYYY-MM-DD` when it is a real calendar date, else null. */
function isoDate(text: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(text)
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    return null
  }
  return `${m[1]}-${m[2]}-${m[3]}`
}

/** Decodes the 256-byte base text. Never throws. */
export function decodeBaseText(bytes: Uint8Array): DecodedBaseText {
  if (bytes.length !== BASE_TEXT_BYTES) return { ok: false, field: 'length' }
  const raw = {} as Record<FieldName, string>
  let at = 0
  for (const [name, width] of FIELDS) {
    raw[name] = unpad(utf16.decode(bytes.subarray(at, at + width)))
    at += width
  }
  const name = raw.name
  if (!name || garbled(name)) return { ok: false, field: 'name' }
  const gender = raw.gender === '1' ? 'M' : raw.gender === '2' ? 'F' : null
  if (!gender) return { ok: false, field: 'gender' }
  if (!/^\d{2}$/.test(raw.nation)) return { ok: false, field: 'nation' }
  const birthDate = isoDate(raw.birthDate)
  if (!birthDate) return { ok: false, field: 'birthDate' }
  if (garbled(raw.address)) return { ok: false, field: 'address' }
  if (!/^\d{17}[\dX]$/.test(raw.idNumber)) return { ok: false, field: 'idNumber' }
  if (!raw.issuingOffice || garbled(raw.issuingOffice)) {
    return { ok: false, field: 'issuingOffice' }
  }
  const validityStart = isoDate(raw.validityStart)
  if (!validityStart) return { ok: false, field: 'validityStart' }
  const validityEnd = raw.validityEnd === LONG_TERM ? LONG_TERM : isoDate(raw.validityEnd)
  if (!validityEnd) return { ok: false, field: 'validityEnd' }
  return {
    ok: true,
    nation: raw.nation,
    card: {
      name,
      gender,
      birthDate,
      idNumber: raw.idNumber,
      ...(raw.address ? { address: raw.address } : {}),
      issuingOffice: raw.issuingOffice,
      validityStart,
      validityEnd,
    },
  }
}

/**
 * Encodes a card as the SAM would (the fake reader; codec tests). Text longer than its field is
 * cut, as the card's own fields are fixed.
 */
export function encodeBaseText(card: CardData, nation = '01'): Uint8Array {
  const compact = (iso: string | undefined) => (iso ?? '').replaceAll('-', '')
  const values: Record<FieldName, string> = {
    name: card.name,
    gender: card.gender === 'M' ? '1' : '2',
    nation,
    birthDate: compact(card.birthDate),
    address: card.address ?? '',
    idNumber: card.idNumber.toUpperCase(),
    issuingOffice: card.issuingOffice ?? '',
    validityStart: compact(card.validityStart),
    validityEnd: card.validityEnd === LONG_TERM ? LONG_TERM : compact(card.validityEnd),
    reserved: '',
  }
  const out = new Uint8Array(BASE_TEXT_BYTES)
  let at = 0
  for (const [name, width] of FIELDS) {
    const chars = width / 2
    const text = [...values[name]].slice(0, chars).join('').padEnd(chars, ' ')
    for (let i = 0; i < chars; i++) {
      const code = text.charCodeAt(i)
      out[at + 2 * i] = code & 0xff
      out[at + 2 * i + 1] = code >> 8
    }
    at += width
  }
  return out
}
