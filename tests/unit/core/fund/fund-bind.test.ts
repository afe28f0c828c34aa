/**
 * Bind and unbind through the core against the real bundled centre: the
 * happy path gives an application number and exactly one application at the centre; every rule
 * is refused with its own code; a fresh SMS confirmation is needed and serves one submission.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { buildDemoSeed } from '../../../../electron/central/seed'
import { applicationsOf, fundHarness, RESIDENTS, type FundHarness } from './fund.fixture'

const seed = buildDemoSeed()
const refOf = (id: string) => seed.residents.find((r) => r.idNumber === id)!.residentRef
/** The receipt preview's text (the SVG sets each character in its own tspan). */
const textOf = (svg: string | null) => (svg ?? '').replace(/<[^>]+>/g, '')

let h: FundHarness | null = null
afterEach(async () => {
  await h?.close()
  h = null
})

describe('fund bind and unbind against the bundled centre', () => {
  it('林晓峰 binds: masked account, one application at the centre, receipt; then already bound', async () => {
    h = await fundHarness()
    await h.signIn('lin')
    const state = await h.value('fund.bindingState', {})
    expect(state.account).toMatchObject({ status: '01' })
    expect(state.account!.accountNoMasked).toMatch(/^\*+\d{4}$/)
    expect(state).toMatchObject({ current: null, bindRefusal: null, notices: [], queued: null })

    const operators = await h.value('fund.walletOperators', {})
    expect(operators.operators.map((o) => o.code)).toContain('ICBC')
    expect(operators.operators[0]!.name.zh).toBe('工商银行')

    expect(
      await h.call('fund.bind', {
        operatorCode: 'ICBC',
        walletId: '0021000086432151',
        agreementAccepted: true,
      }),
    ).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED' } })

    await h.confirm('bind')
    const result = await h.value('fund.bind', {
      operatorCode: 'ICBC',
      walletId: '0021000086432151',
      agreementAccepted: true,
    })
    expect(result.application).toMatchObject({
      kind: 'bind',
      status: 'accepted',
      rejection: null,
      binding: { state: 'bound', operatorCode: 'ICBC', walletIdMasked: '************2151' },
    })
    expect(result.application.applicationNo).toMatch(/^BD\d{14}$/)
    expect(result.application.localNo).toMatch(/^Q\d{12}$/)
    expect(applicationsOf(h.central(), 'bind', refOf(RESIDENTS.lin))).toHaveLength(1)

    const preview = await h.value('print.preview', { printableId: result.printableId })
    expect(preview.reference).toBe(result.application.applicationNo)
    expect(textOf(preview.svg)).toContain('林**')
    expect(textOf(preview.svg)).not.toContain('林晓峰')

    // The confirmation served one submission.
    expect(
      await h.call('fund.bind', {
        operatorCode: 'BOC',
        walletId: '0104000086432185',
        agreementAccepted: true,
      }),
    ).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED' } })
    const after = await h.value('fund.bindingState', {})
    expect(after).toMatchObject({ bindRefusal: 'ALREADY_BOUND', unbindRefusal: null })
    expect(after.current).toMatchObject({
      operatorCode: 'ICBC',
      walletIdMasked: '************2151',
    })
  })

  it('a second bind while the first is pending is refused as in flight', async () => {
    h = await fundHarness({ bindSettleMs: 60_000 })
    await h.signIn('lin')
    await h.confirm('bind')
    const first = await h.value('fund.bind', {
      operatorCode: 'ICBC',
      walletId: '0021000086432151',
      agreementAccepted: true,
    })
    expect(first.application).toMatchObject({ status: 'accepted', binding: { state: 'pending' } })
    expect(await h.value('fund.bindingState', {})).toMatchObject({
      bindRefusal: 'APPLICATION_IN_FLIGHT',
      unbindRefusal: 'APPLICATION_IN_FLIGHT',
    })
    await h.confirm('bind')
    expect(
      await h.call('fund.bind', {
        operatorCode: 'BOC',
        walletId: '0104000086432185',
        agreementAccepted: true,
      }),
    ).toMatchObject({ ok: false, error: { code: 'FUND_REFUSED', detail: 'APPLICATION_IN_FLIGHT' } })
    expect(applicationsOf(h.central(), 'bind', refOf(RESIDENTS.lin))).toHaveLength(1)
  })

  it('class-4 and name-mismatch wallets are refused by the centre with their codes', async () => {
    h = await fundHarness()
    await h.signIn('lin')
    for (const [walletId, code] of [
      ['0021000086432169', 'WALLET_CLASS_NOT_ALLOWED'],
      ['0021000099990001', 'WALLET_HOLDER_MISMATCH'],
    ] as const) {
      await h.confirm('bind')
      const r = await h.value('fund.bind', {
        operatorCode: 'ICBC',
        walletId,
        agreementAccepted: true,
      })
      expect(r.application).toMatchObject({ status: 'rejected', rejection: code })
      const preview = await h.value('print.preview', { printableId: r.printableId })
      expect(textOf(preview.svg)).toContain('未通过')
    }
    // Refused applications leave the account free to bind.
    expect(await h.value('fund.bindingState', {})).toMatchObject({ bindRefusal: null })
  })

  it('陈美玲 is already bound and unbinds', async () => {
    h = await fundHarness()
    await h.signIn('chen')
    const state = await h.value('fund.bindingState', {})
    expect(state).toMatchObject({ bindRefusal: 'ALREADY_BOUND', unbindRefusal: null })
    expect(state.current).toMatchObject({
      bindingId: 'B-SEED-0001',
      operatorCode: 'CMB',
      operatorName: { zh: '招商银行' },
      walletIdMasked: '************0002',
      state: 'bound',
      since: '2025-06-18T02:15:00.000Z',
    })
    expect(await h.call('fund.unbind', { bindingId: 'B-SEED-0001' })).toMatchObject({
      ok: false,
      error: { code: 'CONFIRMATION_REQUIRED' },
    })
    await h.confirm('unbind')
    const r = await h.value('fund.unbind', { bindingId: 'B-SEED-0001' })
    expect(r.application).toMatchObject({
      kind: 'unbind',
      status: 'accepted',
      binding: { state: 'unbound', walletIdMasked: '************0002' },
    })
    expect(r.application.applicationNo).toMatch(/^UB/)
    expect(await h.value('fund.bindingState', {})).toMatchObject({
      current: null,
      bindRefusal: null,
      unbindRefusal: 'NOT_BOUND',
    })
  })

  it('王建国 (sealed) may bind with a notice; 黄子轩 has no fund account', async () => {
    h = await fundHarness()
    await h.signIn('wang')
    const state = await h.value('fund.bindingState', {})
    expect(state).toMatchObject({ bindRefusal: null, notices: ['ACCOUNT_SEALED'] })
    expect(state.account?.status).toBe('02')
    await h.confirm('bind')
    const r = await h.value('fund.bind', {
      operatorCode: 'ABC',
      walletId: '0103000011350015',
      agreementAccepted: true,
    })
    expect(r.application).toMatchObject({ status: 'accepted', notices: ['ACCOUNT_SEALED'] })

    await h.signIn('huang')
    expect(await h.value('fund.bindingState', {})).toMatchObject({
      account: null,
      bindRefusal: 'NO_FUND_ACCOUNT',
      unbindRefusal: 'NO_FUND_ACCOUNT',
    })
    expect(await h.call('fund.account', {})).toMatchObject({
      ok: false,
      error: { code: 'FUND_REFUSED', detail: 'NO_FUND_ACCOUNT' },
    })
  })

  it('needs a verified resident; a wrong confirmation code is refused', async () => {
    h = await fundHarness()
    await h.value('session.start', {})
    expect(await h.call('fund.bindingState', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_SIGNED_IN' },
    })
    await h.signIn('zheng')
    await h.value('fund.confirmSend', { purpose: 'unbind' })
    const code = (await h.value('qa.smsInbox', {})).code!
    const wrong = code === '000000' ? '111111' : '000000'
    expect(await h.call('fund.confirmVerify', { purpose: 'unbind', code: wrong })).toMatchObject({
      ok: false,
      error: { code: 'SMS_CODE_WRONG' },
    })
    expect(await h.call('fund.confirmVerify', { purpose: 'bind', code })).toMatchObject({
      ok: false,
      error: { code: 'SMS_NOT_SENT' },
    })
    expect(await h.call('fund.confirmSend', { purpose: 'unbind' })).toMatchObject({
      ok: false,
      error: { code: 'SMS_RESEND_TOO_SOON' },
    })
  })
})
