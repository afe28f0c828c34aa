/**
 * The web host's per-launch token: how long it must be, where it comes from, how it is compared.
 * The token is the only thing between another local program (or a page in another tab) and a
 * resident's session, so a short or empty one is refused at start rather than accepted quietly.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'

/** Shortest token the host accepts (the random default is 43 characters). */
export const MIN_TOKEN_LENGTH = 32

/** The environment variable that fixes the token (tests, Chromium-kiosk deployments). */
export const TOKEN_ENV = 'KIOSK_WEB_TOKEN'

/** A token the host refuses to start with; its message is meant for the console as it is. */
export class WebTokenError extends Error {
  override name = 'WebTokenError'
}

/** Throws {@link WebTokenError} unless `token` is at least {@link MIN_TOKEN_LENGTH} characters. */
export function assertWebToken(token: string): void {
  if (token.length < MIN_TOKEN_LENGTH) {
    throw new WebTokenError(
      `${TOKEN_ENV} must be at least ${MIN_TOKEN_LENGTH} characters ` +
        `(it has ${token.length}); leave it unset for a random token per launch`,
    )
  }
}

/**
 * The token for this launch: `KIOSK_WEB_TOKEN` when set (even to an empty string, which is then
 * refused: an empty token is a mistake, not a request for a random one), else 32 random bytes.
 */
export function webTokenFromEnv(env: NodeJS.ProcessEnv): string {
  const given = env[TOKEN_ENV]
  const token = given ?? randomBytes(32).toString('base64url')
  assertWebToken(token)
  return token
}

/** Compares in constant time; anything but a string of the right length is simply wrong. */
export function sameToken(given: unknown, expected: Buffer): boolean {
  if (typeof given !== 'string') return false
  const buf = Buffer.from(given)
  return buf.length === expected.length && timingSafeEqual(buf, expected)
}
