import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resident, startHarness, type Harness } from './central.fixture'

describe('fund and tax queries', () => {
  let h: Harness
  let lin: string
  let wang: string
  let huang: string
  beforeAll(async () => {
    h = await startHarness()
    lin = (await h.login('林晓峰')).token
    wang = (await h.login('王建国')).token
    huang = (await h.login('黄子轩')).token
  })
  afterAll(() => h.close())

  it('returns the fund account, or null for 黄子轩', async () => {
    const res = await h.call('fundAccount', {}, { token: lin })
    expect(res.ok && res.value.account).toEqual(resident('林晓峰').fundAccount)
    expect(await h.call('fundAccount', {}, { token: huang })).toMatchObject({
      ok: true,
      value: { account: null },
    })
    expect(await h.call('fundRecords', {}, { token: huang })).toMatchObject({
      status: 404,
      error: { code: 'NO_FUND_ACCOUNT' },
    })
  })

  it('pages fund records newest first with totals over the whole range', async () => {
    const all = resident('林晓峰').fundRecords
    const inRange = all.filter((r) => r.date >= '2024-01-01' && r.date <= '2025-12-31').reverse()
    const res = await h.call(
      'fundRecords',
      { from: '2024-01-01', to: '2025-12-31', page: 2, pageSize: 10 },
      { token: lin },
    )
    expect(res.ok).toBe(true)
    if (!res.ok) return
    expect(res.value.total).toBe(inRange.length)
    expect(res.value.items).toEqual(inRange.slice(10, 20))
    const credit = inRange.filter((r) => r.amount > 0).reduce((s, r) => s + r.amount, 0)
    const debit = inRange.filter((r) => r.amount < 0).reduce((s, r) => s - r.amount, 0)
    expect(res.value.totals).toEqual({ credit, debit, net: credit - debit })
  })

  it('filters fund records by business type', async () => {
    const res = await h.call('fundRecords', { businessType: '09', pageSize: 100 }, { token: lin })
    expect(res.ok && res.value.items.every((r) => r.businessType === '09')).toBe(true)
    expect(res.ok && res.value.total).toBe(
      resident('林晓峰').fundRecords.filter((r) => r.businessType === '09').length,
    )
  })

  it('refuses a malformed query with 400', async () => {
    const res = await h.raw('GET', '/v1/fund/records?pageSize=1000', undefined, {
      headers: { 'x-resident-token': lin },
    })
    expect(res).toMatchObject({ status: 400, json: { error: { code: 'BAD_REQUEST' } } })
  })

  it('lists wallet bindings with the wallet id cut to its last 4', async () => {
    const { token } = await h.login('陈美玲')
    const res = await h.call('fundWalletBindings', {}, { token })
    expect(res).toMatchObject({
      ok: true,
      value: {
        bindings: [{ operatorCode: 'CMB', walletClass: 2, state: 'bound', walletIdLast4: '0002' }],
      },
    })
  })

  it('pages tax records by year and type with totals', async () => {
    const rows = resident('王建国')
      .taxRecords.filter((t) => t.period.startsWith('2020-') && t.taxType === '10106')
      .reverse()
    const res = await h.call(
      'taxRecords',
      { year: 2020, taxType: '10106', pageSize: 5 },
      { token: wang },
    )
    expect(res.ok).toBe(true)
    if (!res.ok) return
    expect(res.value).toMatchObject({ total: 12, page: 1, pageSize: 5 })
    expect(res.value.items).toEqual(rows.slice(0, 5))
    expect(res.value.totals).toEqual({
      income: rows.reduce((s, r) => s + r.income, 0),
      taxPaid: rows.reduce((s, r) => s + r.taxPaid, 0),
    })
  })

  it('issues a 纳税记录 certificate that the verify endpoint confirms', async () => {
    const issued = await h.call(
      'taxCertificateIssue',
      { fromPeriod: '2023-01', toPeriod: '2023-12' },
      { token: wang },
    )
    expect(issued.ok).toBe(true)
    if (!issued.ok) return
    const cert = issued.value.certificate
    const rows = resident('王建国').taxRecords.filter(
      (t) => t.period >= '2023-01' && t.period <= '2023-12',
    )
    expect(cert).toMatchObject({
      kind: 'taxRecord',
      holder: { name: '王建国', maskedIdNumber: '350104********1135' },
    })
    expect(cert.rows).toEqual(rows)
    expect(cert.totals.taxPaid).toBe(rows.reduce((s, r) => s + r.taxPaid, 0))
    expect(cert.qrPayload).toContain(cert.verificationCode)
    const verified = await h.call('certificateVerify', { code: cert.verificationCode })
    expect(verified).toMatchObject({
      ok: true,
      value: {
        valid: true,
        fromPeriod: '2023-01',
        toPeriod: '2023-12',
        totals: cert.totals,
        rowCount: rows.length,
      },
    })
    expect(await h.call('certificateVerify', { code: 'NOSUCHCODE' })).toMatchObject({
      ok: true,
      value: { valid: false },
    })
  })

  it('issues a 完税证明 before 2019, refuses a range across 2019-01, in the future or without rows', async () => {
    const old = await h.call(
      'taxCertificateIssue',
      { fromPeriod: '2017-01', toPeriod: '2018-12' },
      { token: wang },
    )
    expect(old.ok && old.value.certificate.kind).toBe('taxPaymentProof')
    expect(
      await h.call(
        'taxCertificateIssue',
        { fromPeriod: '2018-06', toPeriod: '2019-06' },
        { token: wang },
      ),
    ).toMatchObject({
      status: 422,
      error: { code: 'PERIOD_SPANS_2019' },
    })
    expect(
      await h.call(
        'taxCertificateIssue',
        { fromPeriod: '2026-01', toPeriod: '2027-01' },
        { token: wang },
      ),
    ).toMatchObject({
      error: { code: 'PERIOD_INVALID' },
    })
    expect(
      await h.call(
        'taxCertificateIssue',
        { fromPeriod: '2019-01', toPeriod: '2019-12' },
        { token: huang },
      ),
    ).toMatchObject({
      error: { code: 'NO_TAX_RECORDS' },
    })
  })

  it('accepts a heartbeat', async () => {
    const res = await h.call('terminalHeartbeat', {
      appVersion: '0.1.0',
      startedAt: '2026-11-20T01:00:00.000Z',
      uptimeSeconds: 3600,
      mode: 'demo',
      outboxPending: 0,
      devices: [{ kind: 'receiptPrinter', state: 'READY', status: 'OK' }],
    })
    expect(res).toMatchObject({
      ok: true,
      value: { serverTime: h.clock.now().toISOString(), nextHeartbeatSeconds: 60 },
    })
    expect(h.server.snapshot().heartbeats['T-TEST-01']?.health.uptimeSeconds).toBe(3600)
  })
})
