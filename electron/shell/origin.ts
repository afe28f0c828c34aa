/**
 * Origins of the app, compared with the URL parser (Electron's security checklist), never
 * with string prefixes: `app://kiosk.evil/` and `app://kiosk@evil/` start with
 * `app://kiosk` too.
 *
 * Node's parser does not know that Chromium treats `app:` as a standard scheme, so it reports the
 * opaque origin `"null"` for every `app://` URL (and for every other non-special URL): comparing
 * `URL.origin` would make `foo://anything` equal to `app://kiosk`. The origin here is therefore
 * built from scheme and host (host includes a non-default port), and URLs without a host have none.
 */

/** The scheme of the app's own origin (registered as standard and secure in `app-protocol.ts`). */
export const APP_SCHEME = 'app'
/** The single host of the app scheme. */
export const APP_HOST = 'kiosk'
/** The app origin: the only origin that may call the core, navigate the window or use the camera. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
/** The page the kiosk window loads in production. */
export const APP_START_URL = `${APP_ORIGIN}/index.html`

/**
 * The comparable origin of a URL or origin string (`scheme://host[:port]`, lower-case scheme), or
 * `null` when it cannot be parsed or has no host (`about:blank`, `data:`, `file:///…`).
 */
export function originOf(url: string | null | undefined): string | null {
  if (typeof url !== 'string' || url.length === 0) return null
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  // Credentials in an app URL are never legitimate and are a classic origin-confusion trick.
  if (parsed.host === '' || parsed.username !== '' || parsed.password !== '') return null
  return `${parsed.protocol}//${parsed.host}`
}

/** A predicate answering "is this URL on one of the app's origins?". */
export type OriginCheck = (url: string | null | undefined) => boolean

/**
 * Builds the app-origin check. `extraOrigins` is for the electron-vite dev server, which main only
 * passes when the app is not packaged.
 */
export function appOriginCheck(extraOrigins: readonly string[] = []): OriginCheck {
  const allowed = new Set<string>([APP_ORIGIN])
  for (const o of extraOrigins) {
    const origin = originOf(o)
    if (origin !== null) allowed.add(origin)
  }
  return (url) => {
    const origin = originOf(url)
    return origin !== null && allowed.has(origin)
  }
}

/** What the shell modules log through: `console` by default, the core's logger in main. */
export interface ShellLog {
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}
