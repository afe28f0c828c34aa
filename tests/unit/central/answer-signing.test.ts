/**
 * The centre's answers are signed (shared/central/signing.ts, `signResponse`): the pure scheme with
 * hostile variants, then the real server on loopback, where every answer to a request whose
 * signature held carries a valid signature for that request's nonce, error answers included, and
 * refusals of unauthenticated requests and the demo routes do not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CENTRAL_ENDPOINTS,
  DEMO_OUTAGE_ROUTE,
  RESPONSE_SIGNATURE_SCHEME,
  SIGNATURE_HEADERS,
  canonicalResponseString,
  demoSmsPath,
  sha256Hex,
  signRequest,
  signResponse,
  verifyResponse,
} from '../../../shared/central'
import { TERMINAL_ID, TERMINAL_KEY, resident, startHarness, type Harness } from './central.fixture'

const NONCE = 'a'.repeat(32)
const OTHER_NONCE = 'b'.repeat(32)

function reader(headers: Record<string, string>) {
  return (name: string) => headers[name]
}

describe('answer signing (pure)', () => {
  const answer = { status: 200, body: '{"balance":8643215}' }
  const check = (headers: Record<string, string>, change: Partial<typeof answer> = {}) =>
    verifyResponse({
      ...answer,
      ...change,
      header: reader(headers),
      requestNonce: NONCE,
      terminalId: TERMINAL_ID,
      key: TERMINAL_KEY,
    })
  const sign = (nonce = NONCE, key = TERMINAL_KEY) =>
    signResponse({ ...answer, requestNonce: nonce, terminalId: TERMINAL_ID, key })

  it('has one documented canonical form', async () => {
    const now = new Date('2026-11-20T02:00:00Z')
    const headers = await signResponse({
      ...answer,
      requestNonce: NONCE,
      terminalId: TERMINAL_ID,
      key: TERMINAL_KEY,
      now,
    })
    expect(headers[SIGNATURE_HEADERS.nonce]).toBe(NONCE)
    expect(headers[SIGNATURE_HEADERS.timestamp]).toBe(String(now.getTime()))
    expect(
      canonicalResponseString({
        status: 200,
        requestNonce: NONCE,
        terminalId: TERMINAL_ID,
        timestamp: String(now.getTime()),
        bodySha256: await sha256Hex(answer.body),
      }),
    ).toBe(
      [
        RESPONSE_SIGNATURE_SCHEME,
        '200',
        NONCE,
        TERMINAL_ID,
        String(now.getTime()),
        await sha256Hex(answer.body),
      ].join('\n'),
    )
  })

  it('accepts what the centre signed for this request', async () => {
    expect(await check(await sign())).toMatchObject({ ok: true })
  })

  it('calls a missing signature unsigned, whatever else is there', async () => {
    const { [SIGNATURE_HEADERS.signature]: _gone, ...rest } = await sign()
    expect(await check(rest)).toEqual({ ok: false, problem: 'unsigned' })
    expect(await check({})).toEqual({ ok: false, problem: 'unsigned' })
    expect(await check({ ...rest, [SIGNATURE_HEADERS.signature]: '' })).toEqual({
      ok: false,
      problem: 'unsigned',
    })
  })

  it('calls a changed body, status, terminal, timestamp or signature altered', async () => {
    const headers = await sign()
    const altered = { ok: false, problem: 'altered' }
    expect(await check(headers, { body: '{"balance":99999999}' })).toEqual(altered)
    expect(await check(headers, { body: answer.body + ' ' })).toEqual(altered)
    expect(await check(headers, { status: 201 })).toEqual(altered)
    for (const [name, value] of [
      [SIGNATURE_HEADERS.terminal, 'T-OTHER'],
      [SIGNATURE_HEADERS.timestamp, String(Number(headers[SIGNATURE_HEADERS.timestamp]) + 1)],
      [SIGNATURE_HEADERS.timestamp, '1e3'],
      [SIGNATURE_HEADERS.signature, headers[SIGNATURE_HEADERS.signature].toUpperCase()],
      [SIGNATURE_HEADERS.signature, headers[SIGNATURE_HEADERS.signature].replace(/.$/, '0')],
      [SIGNATURE_HEADERS.signature, headers[SIGNATURE_HEADERS.signature] + '00'],
    ] as const) {
      if (headers[name] === value) continue
      expect(await check({ ...headers, [name]: value }), `${name}=${value}`).toEqual(altered)
    }
    // Signed with another terminal's key.
    expect(await check(await sign(NONCE, 'another-terminal-key-000'))).toEqual(altered)
  })

  it("calls a genuine answer to another request's nonce replayed", async () => {
    expect(await check(await sign(OTHER_NONCE))).toEqual({ ok: false, problem: 'replayed' })
    // Its nonce header rewritten to ours: the signature still names the other request.
    const moved = { ...(await sign(OTHER_NONCE)), [SIGNATURE_HEADERS.nonce]: NONCE }
    expect(await check(moved)).toEqual({ ok: false, problem: 'altered' })
  })

  it("does not take a request's signature for an answer's", async () => {
    const request = await signRequest({
      method: 'GET',
      pathWithQuery: '/v1/fund/account',
      body: answer.body,
      terminalId: TERMINAL_ID,
      key: TERMINAL_KEY,
      nonce: NONCE,
    })
    expect(await check(request)).toEqual({ ok: false, problem: 'altered' })
  })
})

describe('answer signing (server)', () => {
  let h: Harness

  /** Sends a request signed with our key (or not) and checks the answer against its nonce. */
  async function exchange(
    method: 'GET' | 'POST',
    pathWithQuery: string,
    body?: string,
    opts: { sign?: boolean; key?: string; now?: Date; headers?: Record<string, string> } = {},
  ) {
    const signed =
      opts.sign === false
        ? undefined
        : await signRequest({
            method,
            pathWithQuery,
            body,
            terminalId: TERMINAL_ID,
            key: opts.key ?? TERMINAL_KEY,
            now: opts.now ?? h.clock.now(),
          })
    const res = await fetch(h.url + pathWithQuery, {
      method,
      body,
      headers: {
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...signed,
        ...opts.headers,
      },
    })
    const text = await res.text()
    const verdict = await verifyResponse({
      status: res.status,
      body: text,
      header: (name) => res.headers.get(name),
      requestNonce: signed?.[SIGNATURE_HEADERS.nonce] ?? NONCE,
      terminalId: TERMINAL_ID,
      key: TERMINAL_KEY,
    })
    const json = text ? (JSON.parse(text) as { error?: { code: string } }) : undefined
    return {
      status: res.status,
      code: json?.error?.code,
      verdict: verdict.ok ? 'ok' : verdict.problem,
    }
  }

  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(() => h.close())

  it('signs successes and every error answer to an authenticated request', async () => {
    const lin = resident('林晓峰')
    const send = JSON.stringify({ idNumber: lin.idNumber })
    const cases = [
      [await exchange('GET', CENTRAL_ENDPOINTS.referenceData.path), 200, undefined],
      [await exchange('POST', CENTRAL_ENDPOINTS.identitySmsSend.path, send), 200, undefined],
      [
        await exchange('POST', CENTRAL_ENDPOINTS.identitySmsSend.path, send),
        429,
        'SMS_RESEND_TOO_SOON',
      ],
      [await exchange('POST', CENTRAL_ENDPOINTS.identitySmsSend.path, '{'), 400, 'BAD_JSON'],
      [
        await exchange('POST', CENTRAL_ENDPOINTS.identitySmsSend.path, '{"idNumber":1}'),
        400,
        'BAD_REQUEST',
      ],
      [await exchange('GET', CENTRAL_ENDPOINTS.fundAccount.path), 401, 'RESIDENT_TOKEN_INVALID'],
      [
        await exchange(
          'POST',
          CENTRAL_ENDPOINTS.identitySmsSend.path,
          JSON.stringify({ idNumber: '350102198506123418' }),
        ),
        422,
        'ID_NUMBER_INVALID',
      ],
      [
        await exchange('GET', CENTRAL_ENDPOINTS.referenceData.path, undefined, {
          now: new Date(h.clock.now().getTime() - 6 * 60_000),
        }),
        401,
        'AUTH_STALE_TIMESTAMP',
      ],
    ] as const
    for (const [got, status, code] of cases) {
      expect(got, `${status} ${code}`).toMatchObject({ status, code, verdict: 'ok' })
    }
  })

  it('signs the refusal of a replayed nonce for that nonce', async () => {
    const path = CENTRAL_ENDPOINTS.referenceData.path
    const headers = await signRequest({
      method: 'GET',
      pathWithQuery: path,
      terminalId: TERMINAL_ID,
      key: TERMINAL_KEY,
      now: h.clock.now(),
    })
    await fetch(h.url + path, { headers })
    const again = await fetch(h.url + path, { headers })
    expect(again.status).toBe(401)
    expect(
      await verifyResponse({
        status: again.status,
        body: await again.text(),
        header: (name) => again.headers.get(name),
        requestNonce: headers[SIGNATURE_HEADERS.nonce],
        terminalId: TERMINAL_ID,
        key: TERMINAL_KEY,
      }),
    ).toMatchObject({ ok: true })
  })

  it('signs the demo outage 503 of an authenticated request', async () => {
    const outage = (on: boolean) =>
      fetch(h.url + DEMO_OUTAGE_ROUTE, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ on }),
      })
    await outage(true)
    try {
      expect(await exchange('GET', CENTRAL_ENDPOINTS.referenceData.path)).toMatchObject({
        status: 503,
        verdict: 'ok',
      })
    } finally {
      await outage(false)
    }
  })

  it('leaves unsigned what it refuses before it knows the terminal, and the demo routes', async () => {
    const path = CENTRAL_ENDPOINTS.referenceData.path
    const cases = [
      [await exchange('GET', path, undefined, { sign: false }), 401, 'AUTH_MISSING'],
      [
        await exchange('GET', path, undefined, { key: 'wrong-key-wrong-key' }),
        401,
        'AUTH_BAD_SIGNATURE',
      ],
      [await exchange('GET', '/v1/nowhere'), 404, 'NOT_FOUND'],
      [
        await exchange('POST', CENTRAL_ENDPOINTS.identitySmsSend.path, '{}', {
          headers: { 'content-type': 'text/plain' },
        }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        await exchange('GET', demoSmsPath('13900000000'), undefined, { sign: false }),
        404,
        'NOT_FOUND',
      ],
    ] as const
    for (const [got, status, code] of cases) {
      expect(got, `${status} ${code}`).toMatchObject({ status, code, verdict: 'unsigned' })
    }
  })
})
