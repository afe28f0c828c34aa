/**
 * The Content-Security-Policy every host sends with the renderer
 * (docs/architecture.md): the Electron `app://kiosk/` protocol handler and the web
 * host both import it, so the two cannot drift apart.
 *
 * No `unsafe-eval` and no inline scripts. Inline styles stay allowed because Vue binds `style`
 * attributes. `mediastream:` and `blob:` are there for the camera preview; `connect-src 'self'`
 * keeps the page from talking to anything but its own host.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ')
