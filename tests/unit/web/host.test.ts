import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startWebHost, type WebHost } from '../../../electron/web/host'
import type { Core } from '../../../electron/core/core'
import { CONTENT_SECURITY_POLICY } from '../../../shared/security/csp'
import { testCore } from '../core/core.fixture'

const TOKEN = 'test-token-abcdefghijklmnop-0123456789'

let core: Core
let host: WebHost

function rendererFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-renderer-'))
  mkdirSync(join(dir, 'assets'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>kiosk</title>')
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)')
  return dir
}

const api = (method: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${host.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-kiosk-token': TOKEN, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

beforeEach(async () => {
  core = (await testCore()).core
  host = await startWebHost({ core, rendererDir: rendererFixture(), port: 0, token: TOKEN })
})
afterEach(async () => {
  await host.close()
  await core.stop()
})

describe('web host', () => {
  it('listens on 127.0.0.1 only', () => {
    const address = host.app.server.address()
    expect(typeof address === 'object' && address?.address).toBe('127.0.0.1')
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(host.pageUrl).toBe(`${host.origin}/?token=${TOKEN}`)
  })

  it('runs a method with the token and answers the Result', async () => {
    const res = await api('terminal.info', {})
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toMatchObject({ ok: true, value: { terminalId: 'T-TEST-01' } })
  })

  it('refuses API calls without the token or with a wrong one (401)', async () => {
    const none = await fetch(`${host.origin}/api/terminal.info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
    expect(none.status).toBe(401)
    expect((await api('terminal.info', {}, { 'x-kiosk-token': 'wrong' })).status).toBe(401)
    const events = await fetch(`${host.origin}/api/events`)
    expect(events.status).toBe(401)
  })

  it('refuses other origins (403), even with the token', async () => {
    expect((await api('terminal.info', {}, { origin: 'http://evil.example' })).status).toBe(403)
    expect((await api('terminal.info', {}, { 'sec-fetch-site': 'cross-site' })).status).toBe(403)
    expect((await api('terminal.info', {}, { origin: host.origin })).status).toBe(200)
  })

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const port = new URL(host.origin).port
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/', headers: { host: `evil.example:${port}` } },
        (res) => resolve(res.statusCode ?? 0),
      )
      req.on('error', reject)
      req.end()
    })
    expect(status).toBe(403)
  })

  it('answers bad bodies with well-formed contract errors, never a 5xx', async () => {
    const badJson = await api('terminal.info', '{not json')
    expect(badJson.status).toBe(400)
    expect(await badJson.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const wrongType = await fetch(`${host.origin}/api/terminal.info`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-kiosk-token': TOKEN },
      body: 'hello',
    })
    expect(wrongType.status).toBe(415)
    expect(await wrongType.json()).toMatchObject({ ok: false })
    const big = await api('session.start', { pad: 'x'.repeat(5 * 1024 * 1024) })
    expect(big.status).toBe(413)
    const unknown = await api('no.such', {})
    expect(await unknown.json()).toEqual({ ok: false, error: { code: 'UNKNOWN_METHOD' } })
  })

  it('serves the renderer with the CSP and security headers', async () => {
    const res = await fetch(`${host.origin}/`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval')
    const asset = await fetch(`${host.origin}/assets/app.js`)
    expect(asset.status).toBe(200)
    expect(asset.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
  })

  it('streams core events over SSE and drops the listener when the client leaves', async () => {
    const controller = new AbortController()
    const res = await fetch(`${host.origin}/api/events?token=${TOKEN}`, {
      signal: controller.signal,
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/event-stream')
    const reader = res.body!.getReader()
    const started = await api('session.start', {})
    const { value } = (await started.json()) as { value: { sessionId: string } }
    await api('session.end', { sessionId: value.sessionId, reason: 'finish' })
    let text = ''
    while (!text.includes('session.ended')) {
      const chunk = await reader.read()
      if (chunk.done) break
      text += new TextDecoder().decode(chunk.value)
    }
    const line = text.split('\n').find((l) => l.startsWith('data: ') && l.includes('session.ended'))
    expect(JSON.parse(line!.slice(6))).toMatchObject({
      event: 'session.ended',
      payload: { sessionId: value.sessionId, reason: 'finish' },
    })
    expect(core.internals.listenerCount()).toBe(1)
    controller.abort()
    await expect.poll(() => core.internals.listenerCount()).toBe(0)
  })

  it('closes with a browser connection still open, unused or kept alive', async () => {
    const { port } = new URL(host.origin)
    const unused = connect(Number(port), '127.0.0.1')
    const keptAlive = connect(Number(port), '127.0.0.1')
    const closed = (s: Socket) => new Promise<void>((resolve) => s.once('close', () => resolve()))
    const bothClosed = Promise.all([closed(unused), closed(keptAlive)])
    let answer = ''
    keptAlive.on('data', (chunk: Buffer) => (answer += chunk.toString()))
    keptAlive.write(`GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`)
    await expect.poll(() => answer).toContain('<title>kiosk</title>')
    await host.close()
    await bothClosed
    expect(answer).toMatch(/^HTTP\/1\.1 200 /)
  })
})
