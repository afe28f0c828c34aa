/**
 * The staff PIN as the terminal keeps it: a scrypt hash in the configuration
 * (`KIOSK_SUPERVISOR_PIN_HASH`), made at install with `node build/scripts/hash-pin.mjs`. Format:
 * `scrypt$N$r$p$<salt base64url>$<hash base64url>`. The PIN itself is never stored, logged or sent
 * anywhere; verification is constant-time on the derived keys.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

/**
 * Cost parameters for new hashes: N = 2^17 (128 MiB, a few hundred ms on a kiosk PC), four times
 * OWASP's scrypt floor, because a 6-digit PIN has only 10^6 values: the cost per guess is the
 * whole defence of a leaked hash. Hashes carry their own N, r and p, so older ones (2^15) still
 * verify.
 */
export const PIN_SCRYPT = { N: 2 ** 17, r: 8, p: 1, keyLength: 32, saltLength: 16 } as const

/** The demo PIN (demo mode without a configured hash only); hosts print it once at start. */
export const DEMO_SUPERVISOR_PIN = '246810'

/** The line a host prints at start when the demo PIN is in use (it is public, not a secret). */
export const DEMO_PIN_NOTICE = `hall-kiosk demo mode: staff PIN ${DEMO_SUPERVISOR_PIN} (five taps in the top-left corner; set KIOSK_SUPERVISOR_PIN_HASH for production)`

const FORMAT =
  /^scrypt\$(\d{1,8})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9_-]{16,128})\$([A-Za-z0-9_-]{32,128})$/

export interface ParsedPinHash {
  N: number
  r: number
  p: number
  salt: Buffer
  hash: Buffer
}

/** Parses a stored hash; null when it is not in the expected format or has unsafe parameters. */
export function parsePinHash(text: string): ParsedPinHash | null {
  const m = FORMAT.exec(text.trim())
  if (!m) return null
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])]
  // N must be a power of two; refuse parameters too weak to mean anything or too big to compute.
  if (N < 2 ** 14 || N > 2 ** 20 || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) {
    return null
  }
  const salt = Buffer.from(m[4]!, 'base64url')
  const hash = Buffer.from(m[5]!, 'base64url')
  if (salt.length < 16 || hash.length < 32) return null
  return { N, r, p, salt, hash }
}

function derive(pin: string, salt: Buffer, keyLength: number, options: ScryptOptions) {
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(pin, salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key)))
  })
}

/** scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is below that from N = 2^15, r = 8. */
const maxmem = (N: number, r: number) => 256 * N * r + 1024 * 1024

/** Hashes a PIN with a fresh random salt (the install tool and tests use this). */
export async function hashPin(pin: string, params: Partial<typeof PIN_SCRYPT> = {}) {
  const { N, r, p, keyLength, saltLength } = { ...PIN_SCRYPT, ...params }
  const salt = randomBytes(saltLength)
  const key = await derive(pin, salt, keyLength, { N, r, p, maxmem: maxmem(N, r) })
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`
}

/** True when `pin` matches the stored hash. Runs off the main thread (libuv pool). */
export async function verifyPin(pin: string, stored: ParsedPinHash): Promise<boolean> {
  const { N, r, p, salt, hash } = stored
  const key = await derive(pin, salt, hash.length, { N, r, p, maxmem: maxmem(N, r) })
  return key.length === hash.length && timingSafeEqual(key, hash)
}
