/**
 * The status lookup asks for proof of who applied for every kind, answers an unknown number and a
 * wrong proof alike, and is rate-limited per terminal (30 a minute, then 429 with Retry-After).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  buildCentralRequest,
  sealContact,
  signRequest,
  type OutboxItem,
} from '../../../shared/central'
import { STATUS_LOOKUPS_PER_WINDOW } from '../../../electron/central/status-lookup'
import {
  OTHER_TERMINAL_ID,
  OTHER_TERMINAL_KEY,
  TERMINAL_ID,
  TERMINAL_KEY,
  outboxItem,
  resident,
  startHarness,
  type Harness,
} from './central.fixture'

const lin = resident('林晓峰')
const LIN_LAST4 = lin.idNumber.slice(-4)

let h: Harness
beforeEach(async () => {
  h = await startHarness()
})
afterEach(async () => {
  await h.close()
})

/** Submits one item and returns the number the centre gave it. */
async function submit(kind: OutboxItem['kind'], payload: unknown): Promise<string> {
  const res = await h.call('applicationsSubmit', { items: [await outboxItem(kind, payload)] })
  if (!res.ok) throw new Error(`submit failed: ${res.error.code}`)
  const result = res.value.results[0]!
  if (result.outcome !== 'accepted') throw new Error(`not accepted: ${result.outcome}`)
  return result.applicationNo
}

const lookUp = (applicationNo: string, idLast4: string, terminal = TERMINAL_ID) =>
  h.call(
    'applicationStatus',
    { applicationNo, idLast4 },
    terminal === TERMINAL_ID ? {} : { terminalId: terminal, key: OTHER_TERMINAL_KEY },
  )

describe('application status: proof for every kind', () => {
  it('bind and feedback of a signed-in resident need the ID number’s last 4', async () => {
    const bind = await submit('bind', {
      residentRef: lin.residentRef,
      operatorCode: 'ICBC',
      walletId: '0021000086432151',
    })
    const feedback = await submit('feedback', {
      category: 'complaint',
      text: '等待时间太长',
      residentRef: lin.residentRef,
    })
    for (const no of [bind, feedback]) {
      expect(await lookUp(no, LIN_LAST4)).toMatchObject({ ok: true, value: { applicationNo: no } })
      expect(await lookUp(no, '0000')).toMatchObject({ ok: false, status: 404 })
    }
    expect(await lookUp(feedback, LIN_LAST4)).toMatchObject({ value: { kind: 'feedback' } })
  })

  it('anonymous feedback needs the call-back phone’s last 4; without a phone, no answer', async () => {
    const withPhone = await submit('feedback', {
      category: 'suggestion',
      text: '希望增加座椅',
      contactSealed: await sealContact('13800591234', TERMINAL_KEY),
    })
    const withoutPhone = await submit('feedback', { category: 'praise', text: '服务很好' })
    const call = await submit('callStaff', { reason: 'printer jammed' })
    expect(await lookUp(withPhone, '1234')).toMatchObject({
      ok: true,
      value: { kind: 'feedback', status: 'accepted' },
    })
    expect(await lookUp(withPhone, LIN_LAST4)).toMatchObject({ ok: false, status: 404 })
    for (const last4 of ['0000', '1234', LIN_LAST4]) {
      expect(await lookUp(withoutPhone, last4)).toMatchObject({ ok: false, status: 404 })
      expect(await lookUp(call, last4)).toMatchObject({ ok: false, status: 404 })
    }
  })

  it('an unknown number and a wrong last 4 get the very same answer', async () => {
    const bind = await submit('bind', {
      residentRef: lin.residentRef,
      operatorCode: 'ICBC',
      walletId: '0021000086432151',
    })
    const unknown = bind.replace(/\d{6}$/, '999999')
    const wrong = await lookUp(bind, '0000')
    const missing = await lookUp(unknown, LIN_LAST4)
    expect(wrong).toMatchObject({ ok: false, status: 404 })
    expect(missing).toEqual(wrong)
  })

  it('refuses a lookup without the last 4 as a bad request', async () => {
    const res = await h.raw('GET', '/v1/applications/status?applicationNo=BD20261120000001')
    expect(res).toMatchObject({ status: 400, json: { error: { code: 'BAD_REQUEST' } } })
  })
})

describe('application status: rate limit per terminal', () => {
  it(`answers ${STATUS_LOOKUPS_PER_WINDOW} lookups a minute, then 429 with Retry-After`, async () => {
    for (let i = 0; i < STATUS_LOOKUPS_PER_WINDOW; i++) {
      // Found or not, every lookup counts: guessing is what the limit is for.
      expect(await lookUp(`BD20261120${String(i).padStart(6, '0')}`, '0000')).toMatchObject({
        status: 404,
      })
    }
    h.clock.advance(20_000)
    const req = buildCentralRequest('applicationStatus', {
      applicationNo: 'BD20261120000001',
      idLast4: '0000',
    })
    const res = await fetch(h.url + req.pathWithQuery, {
      headers: {
        ...req.headers,
        ...(await signRequest({
          method: req.method,
          pathWithQuery: req.pathWithQuery,
          body: req.body,
          terminalId: TERMINAL_ID,
          key: TERMINAL_KEY,
          now: h.clock.now(),
        })),
      },
    })
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('40')
    expect(await res.json()).toMatchObject({
      error: { code: 'LOOKUP_RATE_LIMITED', retryAfterSeconds: 40 },
    })
    // Another terminal has its own allowance; this one gets its own back after the minute.
    expect(await lookUp('BD20261120000001', '0000', OTHER_TERMINAL_ID)).toMatchObject({
      status: 404,
    })
    h.clock.advance(40_000)
    expect(await lookUp('BD20261120000001', '0000')).toMatchObject({ status: 404 })
  })
})
