import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import type { Protocol, WebRequest } from 'electron'
import {
  createAppRequestHandler,
  enforceCspHeader,
  registerAppScheme,
  resolveAppPath,
  serveAppProtocol,
} from '../../../electron/shell/app-protocol'
import { CONTENT_SECURITY_POLICY } from '../../../shared/security/csp'

vi.mock('electron', () => ({}))

// A real folder: the renderer build next to a secret it must never serve.
const base = mkdtempSync(join(tmpdir(), 'kiosk-protocol-'))
const root = join(base, 'renderer')
mkdirSync(join(root, 'assets'), { recursive: true })
writeFileSync(join(root, 'index.html'), '<!doctype html><title>kiosk</title>')
writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)')
writeFileSync(join(base, 'secret.txt'), 'terminal key')
symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'))
afterAll(() => rmSync(base, { recursive: true, force: true }))

const handler = createAppRequestHandler(root)
const get = (url: string, method = 'GET') => handler(new Request(url, { method }))

describe('app:// protocol', () => {
  it('registers app: as a standard, secure scheme without CSP bypass', () => {
    const registerSchemesAsPrivileged = vi.fn()
    registerAppScheme({ registerSchemesAsPrivileged } as unknown as Protocol)
    const [[schemes]] = registerSchemesAsPrivileged.mock.calls as [[Electron.CustomScheme[]]]
    expect(schemes).toHaveLength(1)
    expect(schemes[0]?.scheme).toBe('app')
    expect(schemes[0]?.privileges).toMatchObject({ standard: true, secure: true })
    expect(schemes[0]?.privileges).not.toHaveProperty('bypassCSP')
  })

  it('serves the renderer with the shared CSP and nosniff', async () => {
    const res = await get('app://kiosk/index.html')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await res.text()).toContain('<title>kiosk</title>')
    const js = await get('app://kiosk/assets/app.js')
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(js.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
  })

  it('the CSP is the strict one the design asks for', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'")
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'")
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'")
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval')
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe-inline/)
  })

  it('serves index.html for / and for extension-less routes, 404 for missing assets', async () => {
    expect(await (await get('app://kiosk/')).text()).toContain('kiosk')
    expect(await (await get('app://kiosk/fund/records')).text()).toContain('kiosk')
    expect((await get('app://kiosk/assets/missing.js')).status).toBe(404)
  })

  it.each([
    'app://kiosk/..%2fsecret.txt',
    'app://kiosk/assets/..%2f..%2fsecret.txt',
    'app://kiosk/%2e%2e%2fsecret.txt',
    'app://kiosk/..%5csecret.txt',
    'app://kiosk/assets%5c..%5c..%5csecret.txt',
    'app://kiosk/index.html%00.js',
    'app://kiosk/%E0%A4%A',
    'app://kiosk/%2F..%2F..%2Fsecret.txt',
  ])('refuses the traversal %s', async (url) => {
    const res = await get(url)
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(await res.text()).not.toContain('terminal key')
  })

  it('keeps URL-folded dot segments inside the root', async () => {
    // The URL parser folds these to /secret.txt, which does not exist under the root.
    for (const url of ['app://kiosk/../secret.txt', 'app://kiosk/%2e%2e/secret.txt']) {
      const res = await get(url)
      expect(res.status).toBe(404)
      expect(await res.text()).not.toContain('terminal key')
    }
  })

  it('refuses a symbolic link that leads outside the root', async () => {
    const res = await get('app://kiosk/assets/link.txt')
    expect(res.status).toBe(404)
    expect(await res.text()).not.toContain('terminal key')
  })

  it('refuses other hosts, schemes, credentials and methods', async () => {
    expect((await get('app://other/index.html')).status).toBe(400)
    expect(resolveAppPath(root, 'app://kiosk@evil/index.html')).toBeNull()
    expect(resolveAppPath(root, 'file:///etc/passwd')).toBeNull()
    expect((await get('app://kiosk/index.html', 'POST')).status).toBe(405)
    const head = await get('app://kiosk/index.html', 'HEAD')
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
    // Refusals carry the CSP too.
    expect((await get('app://other/')).headers.get('content-security-policy')).toBe(
      CONTENT_SECURITY_POLICY,
    )
  })

  it('adds the CSP to every response of the session and keeps a stricter one beside it', () => {
    let listener: ((details: unknown, callback: (r: unknown) => void) => void) | undefined
    enforceCspHeader({
      onHeadersReceived: (l: typeof listener) => (listener = l),
    } as unknown as WebRequest)
    const answer = (responseHeaders?: Record<string, string[]>) => {
      let out: { responseHeaders: Record<string, string[]> } | undefined
      listener?.({ responseHeaders }, (r) => (out = r as typeof out))
      return out?.responseHeaders
    }
    expect(answer({ 'Content-Type': ['text/html'] })).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    })
    expect(answer({ 'content-security-policy': ["default-src 'none'"] })).toEqual({
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY, "default-src 'none'"],
    })
    expect(answer(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] })
  })

  it('is installed on the given protocol registry under app:', () => {
    const handle = vi.fn()
    const unhandle = vi.fn()
    const undo = serveAppProtocol({ handle, unhandle } as unknown as Protocol, root)
    expect(handle.mock.calls[0]?.[0]).toBe('app')
    undo()
    expect(unhandle).toHaveBeenCalledWith('app')
  })
})
