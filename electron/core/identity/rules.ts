/**
 * Identity rules the terminal applies before (and besides) the centre, which enforces them too
 * (docs/architecture.md lists where each rule lives). Pure functions. The centre's error codes are
 * mapped onto the API's in `../central/errors.ts`.
 */
import type { ErrorCode } from '../../../shared/api'

/** Failed identity attempts that end the session (three in a row: the screen suggests calling staff). */
export const IDENTITY_FAILURE_LIMIT = 3

/**
 * What counts as one failed identity attempt. Only outcomes that say "this person could not prove
 * they are who they claim" count; mistakes that can be corrected on the spot (a wrong code with
 * tries left, an expired code, a blurred still, an expired card) do not:
 * - a typed ID number the centre does not know (probing numbers must not be free);
 * - card data that does not match the registry;
 * - an SMS code made void by 5 wrong entries;
 * - a face that does not match.
 */
export const COUNTED_FAILURES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'RESIDENT_NOT_FOUND',
  'CARD_MISMATCH',
  'SMS_CODE_VOID',
  'FACE_NOT_MATCHED',
])

/** Today's date in China Standard Time (UTC+8, no DST), `YYYY-MM-DD`, as the centre computes it. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
}

/** A card is valid through its end date (inclusive); `长期` never expires. */
export function isCardExpired(validityEnd: string, now: Date): boolean {
  return validityEnd !== '长期' && validityEnd < chinaDate(now)
}

/** A still from the camera: a data: URL or bare base64, reduced to bare base64 if it is a JPEG. */
export function jpegBase64(image: string): string | undefined {
  const bare = image.replace(/^data:image\/jpe?g;base64,/i, '')
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(bare) || bare.length % 4 !== 0) return undefined
  // Every JPEG starts with FF D8 FF, which is `/9j/` in base64.
  return bare.startsWith('/9j/') ? bare : undefined
}
