/**
 * The app origin `app://kiosk/`: a privileged (standard, secure) scheme serving the built renderer
 * from `out/renderer` with the shared CSP. Loading from our own scheme instead of `file://` gives the
 * page a real origin that the navigation, permission and IPC checks can compare against, and keeps
 * the page away from the file system.
 */
import { realpath, readFile } from 'node:fs/promises'
import { extname, isAbsolute, relative, resolve, sep } from 'node:path'
import type { Protocol, WebRequest } from 'electron'
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp'
import { APP_HOST, APP_SCHEME } from './origin'

/**
 * Declares `app:` privileged. Must run before the app is ready (Electron's rule). No `bypassCSP`,
 * no `corsEnabled`: the page only ever loads from its own origin.
 */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ])
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.txt': 'text/plain; charset=utf-8',
}

/** Headers every response carries; the CSP matters on documents, the rest everywhere. */
function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  }
}

function refuse(status: 400 | 404 | 405): Response {
  return new Response(null, { status, headers: securityHeaders('text/plain; charset=utf-8') })
}

/**
 * Maps an `app://kiosk/…` URL to a file strictly inside `root`, or `null` when it is not ours or
 * would escape it. The URL parser already folds `..` and `%2e%2e`; decoding afterwards can reveal
 * `..%2f` or `%5c` sequences, so the decoded path is resolved and its containment checked again.
 */
export function resolveAppPath(root: string, url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null
  if (parsed.username !== '' || parsed.password !== '') return null
  let pathname: string
  try {
    pathname = decodeURIComponent(parsed.pathname)
  } catch {
    return null
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null
  if (pathname === '' || pathname === '/') pathname = '/index.html'
  const base = resolve(root)
  const file = resolve(base, '.' + pathname)
  return isInside(base, file) ? file : null
}

function isInside(base: string, file: string): boolean {
  const rel = relative(base, file)
  return rel !== '' && rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel)
}

/**
 * The `app:` request handler for `root` (the renderer build). Only GET and HEAD; every answer carries
 * the CSP. A missing extension-less path falls back to `index.html` so that history-mode routes
 * survive a reload; missing assets are 404s. Symbolic links pointing outside `root` are refused.
 */
export function createAppRequestHandler(root: string): (request: Request) => Promise<Response> {
  const base = resolve(root)
  let realBase: Promise<string> | undefined

  async function load(file: string): Promise<Buffer | null> {
    try {
      realBase ??= realpath(base)
      const [real, realRoot] = await Promise.all([realpath(file), realBase])
      if (!isInside(realRoot, real)) return null
      return await readFile(real)
    } catch {
      return null
    }
  }

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405)
    let file = resolveAppPath(base, request.url)
    if (file === null) return refuse(400)
    let body = await load(file)
    if (body === null && extname(file) === '') {
      file = resolve(base, 'index.html')
      body = await load(file)
    }
    if (body === null) return refuse(404)
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: securityHeaders(type),
    })
  }
}

/**
 * Serves `root` on `app://kiosk/` for one session's protocol registry (the kiosk window's
 * partition has its own). Returns the undo function.
 */
export function serveAppProtocol(protocol: Pick<Protocol, 'handle' | 'unhandle'>, root: string) {
  protocol.handle(APP_SCHEME, createAppRequestHandler(root))
  return () => protocol.unhandle(APP_SCHEME)
}

/**
 * Adds the CSP to every response the session receives, whatever served it (the electron-vite dev
 * server in development; in production the `app:` handler already sends it). A CSP the response
 * already carries is kept beside ours: several policies are all enforced, so this can only tighten.
 */
export function enforceCspHeader(webRequest: Pick<WebRequest, 'onHeadersReceived'>): void {
  webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string[]> = {}
    const existing: string[] = []
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() === 'content-security-policy') existing.push(...value)
      else headers[name] = value
    }
    callback({
      responseHeaders: {
        ...headers,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY, ...existing],
      },
    })
  })
}
