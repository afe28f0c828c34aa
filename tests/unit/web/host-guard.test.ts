/**
 * The web host's guard against every spelling of an API or event request: percent-encoding, double
 * slashes, dot segments, absolute-form targets, other methods, trailing slashes. Each spelling is
 * sent without the right token, with the token where it does not belong, and from another origin
 * or site; none may answer 200 or open an event stream. With the right token and origin, the
 * spellings the router matches answer and the rest get a 4xx with nothing in it.
 *
 * Run through `fetch` (which normalises dot segments, so those go by raw socket only) and through
 * raw sockets, which send the target exactly as written.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWebHost, type WebHost } from '../../../electron/web/host'
import type { Core } from '../../../electron/core/core'
import { testCore } from '../core/core.fixture'

const TOKEN = 'guard-test-token-0123456789abcdef0123456789'
const WRONG = TOKEN.replace(/.$/, 'X')

let core: Core
let host: WebHost
let port: number

/** A built renderer, so unmatched paths go where they go in production: the static files. */
function rendererFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-renderer-'))
  mkdirSync(join(dir, 'assets'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>kiosk</title>')
  return dir
}

beforeAll(async () => {
  core = (await testCore()).core
  await core.start()
  host = await startWebHost({ core, rendererDir: rendererFixture(), port: 0, token: TOKEN })
  port = Number(new URL(host.origin).port)
})
afterAll(async () => {
  await host.close()
  await core.stop()
})

interface Answer {
  status: number
  contentType: string
  body: string
}

/** Sends one request over a raw socket, the target and headers byte for byte as given. */
function rawRequest(
  method: string,
  target: string,
  headers: Record<string, string>,
  body = '',
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let text = ''
    const timer = setTimeout(() => {
      socket.destroy()
      reject(new Error(`no answer to ${method} ${target}`))
    }, 5000)
    const done = () => {
      clearTimeout(timer)
      const [head = '', rest = ''] = text.split('\r\n\r\n', 2)
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0)
      const contentType = /\r\ncontent-type: *([^\r]*)/i.exec(head)?.[1] ?? ''
      resolve({ status, contentType, body: rest })
    }
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1')
      // An event stream never ends by itself: its head is enough.
      if (text.includes('\r\n\r\n') && /content-type: *text\/event-stream/i.test(text)) {
        socket.destroy()
        done()
      }
    })
    socket.on('end', done)
    socket.on('error', reject)
    const lines = [
      `${method} ${target} HTTP/1.1`,
      `Host: ${headers.host ?? `127.0.0.1:${port}`}`,
      'Connection: close',
      ...Object.entries(headers)
        .filter(([name]) => name !== 'host')
        .map(([name, value]) => `${name}: ${value}`),
    ]
    if (body) lines.push('content-type: application/json', `content-length: ${body.length}`)
    socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`)
  })
}

/** The same request through `fetch` (undici); the target is a path on the host's origin. */
async function fetchRequest(
  method: string,
  target: string,
  headers: Record<string, string>,
  body = '',
): Promise<Answer> {
  const response = await fetch(`${host.origin}${target}`, {
    method,
    headers: body ? { ...headers, 'content-type': 'application/json' } : headers,
    ...(body ? { body } : {}),
  })
  const contentType = response.headers.get('content-type') ?? ''
  if (contentType.includes('text/event-stream')) {
    await response.body?.cancel()
    return { status: response.status, contentType, body: '' }
  }
  return { status: response.status, contentType, body: await response.text() }
}

type Send = typeof rawRequest
const TRANSPORTS: [string, Send][] = [
  ['raw socket', rawRequest],
  ['fetch', fetchRequest],
]

interface Spelling {
  target: string
  /** Served with the right credentials: the router matches an API route for it. */
  served: boolean
  /** False when fetch would send something else (it resolves dot segments, needs a path). */
  fetchable: boolean
}

const absolute = (path: string) => `http://127.0.0.1:${'PORT'}${path}`
const withPort = (target: string) => target.replace('PORT', String(port))

const API_SPELLINGS: Spelling[] = [
  { target: '/api/terminal.info', served: true, fetchable: true },
  { target: '/%61pi/terminal.info', served: true, fetchable: true },
  { target: '/%61%70%69/terminal%2Einfo', served: true, fetchable: true },
  { target: absolute('/api/terminal.info'), served: true, fetchable: false },
  { target: absolute('/%61pi/terminal.info'), served: true, fetchable: false },
  { target: '/%2561pi/terminal.info', served: false, fetchable: true },
  { target: '//api/terminal.info', served: false, fetchable: true },
  { target: '/./api/terminal.info', served: false, fetchable: false },
  { target: '/foo/../api/terminal.info', served: false, fetchable: false },
  { target: '/%2E/api/terminal.info', served: false, fetchable: false },
  { target: '/api//terminal.info', served: false, fetchable: true },
  { target: '/api/terminal.info/', served: false, fetchable: true },
  { target: '/API/terminal.info', served: false, fetchable: true },
  { target: '/api/terminal.info?x=1', served: true, fetchable: true },
]

const EVENT_SPELLINGS: Spelling[] = [
  { target: '/api/events', served: true, fetchable: true },
  { target: '/%61pi/events', served: true, fetchable: true },
  { target: '/api/%65vents', served: true, fetchable: true },
  { target: absolute('/api/events'), served: true, fetchable: false },
  { target: '/api/events/', served: false, fetchable: true },
  { target: '//api/events', served: false, fetchable: true },
  { target: '/./api/events', served: false, fetchable: false },
  { target: '/API/events', served: false, fetchable: true },
]

const query = (target: string, token: string) =>
  `${target}${target.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`

/** A way to get it wrong: the method, the target's query and the headers sent. */
interface Attempt {
  name: string
  method: string
  target: (t: string) => string
  headers: Record<string, string>
}

const API_REFUSED: Attempt[] = [
  { name: 'no token', method: 'POST', target: (t) => t, headers: {} },
  { name: 'a wrong token', method: 'POST', target: (t) => t, headers: { 'x-kiosk-token': WRONG } },
  { name: 'an empty token', method: 'POST', target: (t) => t, headers: { 'x-kiosk-token': '' } },
  { name: 'the token in the query', method: 'POST', target: (t) => query(t, TOKEN), headers: {} },
  ...[
    ['a foreign Origin', { origin: 'http://evil.example' }],
    ['Origin null', { origin: 'null' }],
    ['another port on loopback', { origin: 'http://127.0.0.1:1' }],
    ['Sec-Fetch-Site cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site same-site', { 'sec-fetch-site': 'same-site' }],
  ].map(([name, extra]) => ({
    name: `the right token and ${name as string}`,
    method: 'POST',
    target: (t: string) => t,
    headers: { 'x-kiosk-token': TOKEN, ...(extra as Record<string, string>) },
  })),
  // The token goes in a header for POST only; other methods never get through.
  ...['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'].map((method) => ({
    name: `${method} with the token in the header`,
    method,
    target: (t: string) => t,
    headers: { 'x-kiosk-token': TOKEN },
  })),
  {
    name: 'GET with the token in the query',
    method: 'GET',
    target: (t) => query(t, TOKEN),
    headers: {},
  },
]

const EVENTS_REFUSED: Attempt[] = [
  { name: 'no token', method: 'GET', target: (t) => t, headers: {} },
  { name: 'a wrong token', method: 'GET', target: (t) => query(t, WRONG), headers: {} },
  { name: 'an empty token', method: 'GET', target: (t) => query(t, ''), headers: {} },
  {
    name: 'the token in the header',
    method: 'GET',
    target: (t) => t,
    headers: { 'x-kiosk-token': TOKEN },
  },
  ...[
    ['a foreign Origin', { origin: 'http://evil.example' }],
    ['Sec-Fetch-Site cross-site', { 'sec-fetch-site': 'cross-site' }],
  ].map(([name, extra]) => ({
    name: `the right token and ${name as string}`,
    method: 'GET',
    target: (t: string) => query(t, TOKEN),
    headers: extra as Record<string, string>,
  })),
  { name: 'HEAD', method: 'HEAD', target: (t) => query(t, TOKEN), headers: {} },
]

function expectRefused(answer: Answer, what: string): void {
  expect(answer.status, what).not.toBe(200)
  expect(answer.status, what).toBeGreaterThanOrEqual(400)
  expect(answer.status, what).toBeLessThan(500)
  expect(answer.contentType, what).not.toContain('text/event-stream')
  expect(answer.body, what).not.toContain('T-TEST-01')
}

function expectRight(answer: Answer, spelling: Spelling, stream: boolean, what: string): void {
  if (!spelling.served) {
    // Not an API route for the router: whatever answers (static files: 403 or 404) has nothing.
    expectRefused(answer, what)
  } else if (stream) {
    expect(answer.status, what).toBe(200)
    expect(answer.contentType, what).toContain('text/event-stream')
  } else {
    expect(answer.status, what).toBe(200)
    expect(JSON.parse(answer.body), what).toMatchObject({
      ok: true,
      value: { terminalId: 'T-TEST-01' },
    })
  }
}

describe.each(TRANSPORTS)('web host guard through %s', (transport, send) => {
  const api = API_SPELLINGS.filter((s) => transport === 'raw socket' || s.fetchable)
  const events = EVENT_SPELLINGS.filter((s) => transport === 'raw socket' || s.fetchable)

  it.each(api)('API $target: refused without the right token and origin', async (spelling) => {
    for (const attempt of API_REFUSED) {
      const target = withPort(attempt.target(spelling.target))
      const body = attempt.method === 'POST' ? '{}' : ''
      const answer = await send(attempt.method, target, attempt.headers, body)
      expectRefused(answer, `${attempt.method} ${target} with ${attempt.name}`)
    }
  })

  it.each(api)('API $target: answers the right token and origin', async (spelling) => {
    const target = withPort(spelling.target)
    for (const headers of [
      { 'x-kiosk-token': TOKEN } as Record<string, string>,
      { 'x-kiosk-token': TOKEN, origin: host.origin, 'sec-fetch-site': 'same-origin' },
    ]) {
      const answer = await send('POST', target, headers, '{}')
      expectRight(answer, spelling, false, `POST ${target} ${JSON.stringify(headers)}`)
    }
  })

  it.each(events)('events $target: refused without the right token and origin', async (s) => {
    for (const attempt of EVENTS_REFUSED) {
      const target = withPort(attempt.target(s.target))
      const answer = await send(attempt.method, target, attempt.headers)
      expectRefused(answer, `${attempt.method} ${target} with ${attempt.name}`)
    }
  })

  it.each(events)('events $target: streams with the right token and origin', async (s) => {
    const target = withPort(query(s.target, TOKEN))
    for (const headers of [
      {} as Record<string, string>,
      { origin: host.origin, 'sec-fetch-site': 'same-origin' },
    ]) {
      const answer = await send('GET', target, headers)
      expectRight(answer, s, true, `GET ${target} ${JSON.stringify(headers)}`)
    }
    await expect.poll(() => core.internals.listenerCount()).toBe(0)
  })
})

describe('web host guard: hosts and origins', () => {
  const localhost = () => `localhost:${port}`

  it('serves a page opened at localhost: its own Origin is accepted', async () => {
    const answer = await rawRequest(
      'POST',
      '/api/terminal.info',
      { host: localhost(), origin: `http://${localhost()}`, 'x-kiosk-token': TOKEN },
      '{}',
    )
    expect(answer.status).toBe(200)
    const stream = await rawRequest('GET', query('/api/events', TOKEN), {
      host: localhost(),
      origin: `http://${localhost()}`,
    })
    expect(stream.contentType).toContain('text/event-stream')
  })

  it('refuses an Origin that is not the Host the request was sent to', async () => {
    const crossed = [
      { host: localhost(), origin: host.origin },
      { host: `127.0.0.1:${port}`, origin: `http://${localhost()}` },
      { host: localhost(), origin: `https://${localhost()}` },
    ]
    for (const headers of crossed) {
      const answer = await rawRequest(
        'POST',
        '/%61pi/terminal.info',
        { ...headers, 'x-kiosk-token': TOKEN },
        '{}',
      )
      expectRefused(answer, JSON.stringify(headers))
    }
  })

  it('refuses a foreign Host on every spelling, the token notwithstanding', async () => {
    for (const target of ['/api/terminal.info', '/%61pi/terminal.info', absolute('/api/x')]) {
      const answer = await rawRequest(
        'POST',
        withPort(target),
        { host: `evil.example:${port}`, 'x-kiosk-token': TOKEN },
        '{}',
      )
      expect(answer.status, target).toBe(403)
    }
  })
})
