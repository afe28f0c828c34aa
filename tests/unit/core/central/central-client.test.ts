import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import {
  classifyResult,
  isRetryable,
  type CentralClientResult,
  type UntrustedAnswer,
} from '../../../../electron/core/central'
import type { CentralEndpointName } from '../../../../shared/central'
import { clientFor, startCentral } from '../sync/sync.fixture'

type AnyResult = CentralClientResult<CentralEndpointName>

describe('central client', () => {
  it('signs requests the real central service accepts (GET and POST)', async () => {
    const { url } = await startCentral()
    const client = clientFor(url)
    const pulled = await client.call('referenceData', {})
    expect(pulled.ok).toBe(true)
    if (pulled.ok) {
      expect(pulled.value.reset).toBe(true)
      expect(pulled.value.items.length).toBeGreaterThan(0)
    }
    // The cursor goes into the signed query string.
    if (pulled.ok) {
      const delta = await client.call('referenceData', { since: pulled.value.cursor })
      expect(delta).toMatchObject({ ok: true, value: { reset: false, items: [] } })
    }
    const beat = await client.call('terminalHeartbeat', {
      appVersion: 't',
      startedAt: new Date().toISOString(),
      uptimeSeconds: 1,
      mode: 'demo',
      outboxPending: 0,
      devices: [],
    })
    expect(beat.ok).toBe(true)
  })

  it('a wrong key: the centre refuses unsigned, the client refuses that as a fault (retry later)', async () => {
    const { url } = await startCentral()
    const refused: UntrustedAnswer[] = []
    const result = await clientFor(url, {
      terminalKey: 'not-the-right-key-at-all',
      onUntrustedAnswer: (event) => refused.push(event),
    }).call('referenceData', {})
    // The centre cannot sign for a key it does not know, so nothing in its 401 can be believed.
    expect(result).toMatchObject({
      ok: false,
      status: 0,
      error: { code: 'ANSWER_UNTRUSTED', problem: 'unsigned' },
    })
    expect(classifyResult(result)).toBe('transient')
    expect(isRetryable(result)).toBe(true)
    expect(refused).toEqual([{ endpoint: 'referenceData', problem: 'unsigned', httpStatus: 401 }])
  })

  it('corrects its clock from AUTH_STALE_TIMESTAMP and re-signs once with a fresh nonce', async () => {
    const skew = 20 * 60 * 1000
    const { url } = await startCentral({ clock: () => new Date(Date.now() + skew) })
    const seen: string[] = []
    const client = clientFor(url, {
      fetch: (input, init) => {
        const headers = new Headers(init?.headers)
        seen.push(headers.get('x-kiosk-nonce') ?? '')
        return fetch(input, init)
      },
    })
    const result = await client.call('referenceData', {})
    expect(result.ok).toBe(true)
    expect(seen).toHaveLength(2)
    expect(seen[0]).not.toBe(seen[1])
    expect(Math.abs(client.clockOffsetMs() - skew)).toBeLessThan(5000)
    // Learnt once: the next call goes through on the first attempt.
    await client.call('referenceData', {})
    expect(seen).toHaveLength(3)
  })

  it('never throws: refused connection, timeout, cut-off body and bad input are results', async () => {
    const closed = createServer()
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>((r) => closed.close(() => r()))
    const refused = await clientFor(`http://127.0.0.1:${port}`).call('referenceData', {})
    expect(refused).toMatchObject({ ok: false, status: 0, error: { code: 'TRANSPORT_NETWORK' } })
    expect(isRetryable(refused)).toBe(true)

    const slow = createServer((req, res) => {
      if (req.url?.startsWith('/v1/reference')) {
        // Headers and half a body, then the socket dies.
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' })
        res.write('{"reset":')
        setTimeout(() => res.socket?.destroy(), 20)
      }
      // Other paths never answer.
    })
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r))
    const slowUrl = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`
    try {
      const timedOut = await clientFor(slowUrl, { timeoutMs: 150 }).call('applicationStatus', {
        applicationNo: 'X1',
        idLast4: '3417',
      })
      expect(timedOut).toMatchObject({ status: 0, error: { code: 'TRANSPORT_TIMEOUT' } })
      const cut = await clientFor(slowUrl).call('referenceData', {})
      expect(cut).toMatchObject({ status: 0, error: { code: 'TRANSPORT_NETWORK' } })
    } finally {
      slow.closeAllConnections()
      await new Promise<void>((r) => slow.close(() => r()))
    }

    const invalid = await clientFor(slowUrl).call('applicationStatus', {
      applicationNo: '',
      idLast4: '3417',
    })
    expect(invalid).toMatchObject({ status: 0, error: { code: 'REQUEST_INVALID' } })
    expect(classifyResult(invalid)).toBe('permanent')
  })

  it('classifies answers: network, 5xx, 429 retry; 401 auth; other 4xx permanent', () => {
    const err = (status: number, code = 'INTERNAL'): AnyResult =>
      ({ ok: false, status, error: { code, message: '' } }) as AnyResult
    expect(classifyResult(err(0, 'TRANSPORT_NETWORK'))).toBe('transient')
    expect(classifyResult(err(0, 'TRANSPORT_TIMEOUT'))).toBe('transient')
    expect(classifyResult(err(500))).toBe('transient')
    expect(classifyResult(err(502))).toBe('transient')
    expect(classifyResult(err(503))).toBe('transient')
    expect(classifyResult(err(429))).toBe('transient')
    expect(classifyResult(err(401, 'AUTH_BAD_SIGNATURE'))).toBe('auth')
    expect(classifyResult(err(400, 'BAD_REQUEST'))).toBe('permanent')
    expect(classifyResult(err(422, 'IDEMPOTENCY_CONFLICT'))).toBe('permanent')
    expect(isRetryable(err(404, 'NOT_FOUND'))).toBe(false)
    // A 2xx whose body broke the contract: the answer is garbage, not a verdict.
    expect(classifyResult(err(200))).toBe('transient')
  })
})
