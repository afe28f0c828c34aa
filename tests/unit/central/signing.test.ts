import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CENTRAL_ENDPOINTS,
  SIGNATURE_HEADERS,
  signReceipt,
  signRequest,
  verifyReceipt,
  verifyRequest,
} from '../../../shared/central'
import {
  OTHER_TERMINAL_ID,
  TERMINAL_ID,
  TERMINAL_KEY,
  errorCode,
  startHarness,
  type Harness,
} from './central.fixture'

describe('signing (pure)', () => {
  const now = new Date('2026-11-20T02:00:00Z')
  const keyFor = (id: string) => (id === TERMINAL_ID ? TERMINAL_KEY : undefined)
  const base = { method: 'POST', pathWithQuery: '/v1/x?a=1', body: '{"a":1}' }

  it('accepts what it signed', async () => {
    const headers = await signRequest({ ...base, terminalId: TERMINAL_ID, key: TERMINAL_KEY, now })
    const result = await verifyRequest({ ...base, headers, keyFor, now })
    expect(result).toMatchObject({ ok: true, terminalId: TERMINAL_ID })
  })

  it('refuses a changed body, path or method', async () => {
    const headers = await signRequest({ ...base, terminalId: TERMINAL_ID, key: TERMINAL_KEY, now })
    for (const change of [{ body: '{"a":2}' }, { pathWithQuery: '/v1/x?a=2' }, { method: 'GET' }]) {
      const result = await verifyRequest({ ...base, ...change, headers, keyFor, now })
      expect(result).toEqual({ ok: false, code: 'AUTH_BAD_SIGNATURE' })
    }
  })

  it('refuses a stale timestamp only after checking the signature', async () => {
    const old = new Date(now.getTime() - 5 * 60_000 - 1)
    const headers = await signRequest({
      ...base,
      terminalId: TERMINAL_ID,
      key: TERMINAL_KEY,
      now: old,
    })
    // The signature held, so the centre knows whom to sign its refusal for.
    expect(await verifyRequest({ ...base, headers, keyFor, now })).toEqual({
      ok: false,
      code: 'AUTH_STALE_TIMESTAMP',
      signedBy: { terminalId: TERMINAL_ID, nonce: headers[SIGNATURE_HEADERS.nonce] },
    })
    const forged = { ...headers, [SIGNATURE_HEADERS.signature]: 'a'.repeat(64) }
    expect(await verifyRequest({ ...base, headers: forged, keyFor, now })).toEqual({
      ok: false,
      code: 'AUTH_BAD_SIGNATURE',
    })
  })

  it('signs receipts the terminal can check', async () => {
    const receipt = await signReceipt(
      {
        applicationNo: 'BD20261120000001',
        idempotencyKey: 'k1',
        payloadHash: 'ab'.repeat(32),
        status: 'accepted',
        at: now.toISOString(),
      },
      TERMINAL_KEY,
    )
    expect(await verifyReceipt(receipt, TERMINAL_KEY)).toBe(true)
    expect(await verifyReceipt(receipt, 'another key')).toBe(false)
    expect(await verifyReceipt({ ...receipt, status: 'rejected' }, TERMINAL_KEY)).toBe(false)
  })
})

describe('request authentication (server)', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(() => h.close())
  const path = CENTRAL_ENDPOINTS.referenceData.path

  it('passes a good signed request', async () => {
    expect((await h.raw('GET', path)).status).toBe(200)
  })

  it('refuses an unsigned request with 401 and a JSON error', async () => {
    const res = await h.raw('GET', path, undefined, { sign: false })
    expect(res).toMatchObject({ status: 401, json: { error: { code: 'AUTH_MISSING' } } })
  })

  it('refuses the wrong key', async () => {
    const res = await h.raw('GET', path, undefined, { key: 'wrong' })
    expect(res).toMatchObject({ status: 401, json: { error: { code: 'AUTH_BAD_SIGNATURE' } } })
  })

  it('refuses an unknown terminal', async () => {
    const res = await h.call('referenceData', {}, { terminalId: 'T-NOBODY', key: 'x' })
    expect(res).toMatchObject({ ok: false, status: 401, error: { code: 'AUTH_UNKNOWN_TERMINAL' } })
  })

  it('refuses a stale request and tells the server time', async () => {
    const now = new Date(h.clock.now().getTime() - 6 * 60_000)
    const res = await h.raw('GET', path, undefined, { now })
    expect(res.status).toBe(401)
    expect(res.json.error.code).toBe('AUTH_STALE_TIMESTAMP')
    expect(res.json.error.serverTime).toBe(h.clock.now().toISOString())
  })

  it('refuses a replayed request', async () => {
    const headers = await signRequest({
      method: 'GET',
      pathWithQuery: path,
      terminalId: TERMINAL_ID,
      key: TERMINAL_KEY,
      now: h.clock.now(),
    })
    const first = await fetch(h.url + path, { headers })
    expect(first.status).toBe(200)
    const again = await fetch(h.url + path, { headers })
    expect(again.status).toBe(401)
    expect(await errorCode(again)).toBe('AUTH_REPLAYED_NONCE')
  })

  it('refuses a signed path whose query was changed in transit', async () => {
    const headers = await signRequest({
      method: 'GET',
      pathWithQuery: path + '?since=abc',
      terminalId: TERMINAL_ID,
      key: TERMINAL_KEY,
      now: h.clock.now(),
    })
    const res = await fetch(h.url + path + '?since=abd', { headers })
    expect(res.status).toBe(401)
  })

  it('keeps terminals apart: a key signs only for its own terminal', async () => {
    const res = await h.call(
      'referenceData',
      {},
      { terminalId: OTHER_TERMINAL_ID, key: TERMINAL_KEY },
    )
    expect(res).toMatchObject({ ok: false, status: 401, error: { code: 'AUTH_BAD_SIGNATURE' } })
  })
})
