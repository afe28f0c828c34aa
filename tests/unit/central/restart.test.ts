import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RESIDENT_TOKEN_HEADER, signRequest } from '../../../shared/central'
import {
  TERMINAL_ID,
  TERMINAL_KEY,
  errorCode,
  outboxItem,
  resident,
  startHarness,
  type Harness,
} from './central.fixture'

describe('restart keeps state', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(() => h.close())

  it('forgets no application, binding, certificate, nonce, token or idempotency result', async () => {
    const lin = resident('林晓峰')
    const item = await outboxItem('bind', {
      residentRef: lin.residentRef,
      operatorCode: 'ICBC',
      walletId: '0021000086432151',
    })
    const first = await h.call('applicationsSubmit', { items: [item] })
    const { token } = await h.login('王建国')
    const cert = await h.call(
      'taxCertificateIssue',
      { fromPeriod: '2024-01', toPeriod: '2024-06' },
      { token },
    )
    const headers = await signRequest({
      method: 'GET',
      pathWithQuery: '/v1/fund/account',
      terminalId: TERMINAL_ID,
      key: TERMINAL_KEY,
      now: h.clock.now(),
    })
    const used = await fetch(h.url + '/v1/fund/account', {
      headers: { ...headers, [RESIDENT_TOKEN_HEADER]: token },
    })
    expect(used.status).toBe(200)

    const onDisk = JSON.parse(await readFile(h.stateFile, 'utf8'))
    expect(JSON.stringify(onDisk)).not.toContain(token) // tokens are stored hashed

    await h.restart()

    const again = await h.call('applicationsSubmit', { items: [item] })
    expect(first.ok && again.ok).toBe(true)
    if (!first.ok || !again.ok) return
    expect(again.value.results[0]).toEqual({ ...first.value.results[0], repeated: true })
    const applicationNo =
      first.value.results[0]!.outcome === 'accepted' ? first.value.results[0]!.applicationNo : ''
    expect(await h.call('applicationStatus', { applicationNo, idLast4: '3417' })).toMatchObject({
      value: { status: 'accepted', binding: { state: 'bound' } },
    })
    const code = cert.ok ? cert.value.certificate.verificationCode : ''
    expect(await h.call('certificateVerify', { code })).toMatchObject({ value: { valid: true } })
    const replay = await fetch(h.url + '/v1/fund/account', {
      headers: { ...headers, [RESIDENT_TOKEN_HEADER]: token },
    })
    expect(replay.status).toBe(401)
    expect(await errorCode(replay)).toBe('AUTH_REPLAYED_NONCE')
    expect((await h.call('fundAccount', {}, { token })).ok).toBe(true)
    // Application numbers keep counting after a restart.
    const next = await h.call('applicationsSubmit', { items: [await outboxItem('callStaff', {})] })
    const nextNo =
      next.ok && next.value.results[0]!.outcome === 'accepted'
        ? next.value.results[0]!.applicationNo
        : ''
    expect(Number(nextNo.slice(-6))).toBeGreaterThan(Number(applicationNo.slice(-6)))
  })
})
