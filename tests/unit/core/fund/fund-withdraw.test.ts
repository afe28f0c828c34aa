/**
 * Withdrawals through the core against the real bundled centre: eligibility with reasons and the
 * cap; a monthly rent plan confirmed by SMS, two fast-forwarded instalments in the records and the
 * status lookup saying what was paid; an amount above the cap refused before anything is queued;
 * retirement closing the account; a withdrawal submitted while the centre is down applied once.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { buildDemoSeed } from '../../../../electron/central/seed'
import { applicationsOf, fundHarness, RESIDENTS, type FundHarness } from './fund.fixture'

const seed = buildDemoSeed()
const refOf = (id: string) => seed.residents.find((r) => r.idNumber === id)!.residentRef

/** Withdrawals waiting in the outbox (audit entries wait there too). */
const queuedWithdrawals = (h: FundHarness) =>
  h.core.internals
    .data()!
    .outbox.pending(100)
    .filter((i) => i.kind.startsWith('fund.withdraw'))

let h: FundHarness | null = null
afterEach(async () => {
  await h?.close()
  h = null
})

describe('withdrawals into the bound wallet through the core', () => {
  it('陈美玲 sets up a monthly plan; two instalments arrive; she changes and stops it', async () => {
    h = await fundHarness()
    await h.signIn('chen')
    const e = await h.value('fund.withdrawalEligibility', {})
    expect(e).toMatchObject({
      wallet: { operatorCode: 'CMB', walletIdMasked: '************0002' },
      rent: { refusals: [], monthlyCapFen: 150_000, payDay: 5, plan: null },
      retire: { refusals: ['NOT_RETIRED'] },
      queued: null,
    })
    expect(e.wallet!.operatorName.zh).toBe('招商银行')

    expect(await h.call('fund.withdrawRent', { mode: 'plan', amountFen: 150_000 })).toMatchObject({
      ok: false,
      error: { code: 'CONFIRMATION_REQUIRED' },
    })
    await h.confirm('withdrawRent')
    expect(await h.call('fund.withdrawRent', { mode: 'plan', amountFen: 150_001 })).toMatchObject({
      ok: false,
      error: { code: 'FUND_REFUSED', detail: 'AMOUNT_ABOVE_CAP' },
    })
    expect(queuedWithdrawals(h)).toHaveLength(0)
    const plan = await h.value('fund.withdrawRent', { mode: 'plan', amountFen: 150_000 })
    expect(plan.application).toMatchObject({
      kind: 'withdrawRent',
      status: 'accepted',
      withdrawal: { mode: 'plan', amountFen: 150_000, payDay: 5 },
      binding: { operatorCode: 'CMB', walletIdMasked: '************0002' },
    })
    expect(plan.application.applicationNo).toMatch(/^ZF\d{14}$/)
    const preview = await h.value('print.preview', { printableId: plan.printableId })
    expect(preview.reference).toBe(plan.application.applicationNo)

    await h.value('qa.centralRentPlansAdvance', {})
    await h.value('qa.centralRentPlansAdvance', {})
    const records = await h.value('fund.records', {
      from: '2020-01-01',
      to: '2030-12-31',
      businessType: '11',
    })
    expect(records.items.filter((r) => r.amount === -150_000).length).toBeGreaterThanOrEqual(2)
    const status = await h.value('fund.applicationStatus', {
      number: plan.application.localNo!,
      idLast4: '5626',
    })
    expect(status).toMatchObject({
      kind: 'withdrawRent',
      status: 'accepted',
      payout: { amountFen: 300_000, instalments: 2, walletIdMasked: '************0002' },
    })

    await h.confirm('rentPlanChange')
    const change = await h.value('fund.rentPlanChange', { action: 'change', amountFen: 100_000 })
    expect(change.application).toMatchObject({ kind: 'rentPlanChange', status: 'accepted' })
    expect((await h.value('fund.withdrawalEligibility', {})).rent.plan).toMatchObject({
      amountFen: 100_000,
      paidCount: 2,
    })
    await h.confirm('rentPlanChange')
    const stop = await h.value('fund.rentPlanChange', { action: 'stop' })
    expect(stop.application).toMatchObject({ status: 'accepted', withdrawal: { mode: 'stop' } })
    expect((await h.value('fund.withdrawalEligibility', {})).rent.plan).toBeNull()
    expect(applicationsOf(h.central(), 'rentPlanChange', refOf(RESIDENTS.chen))).toHaveLength(2)
  })

  it('林晓峰 is told why rent is refused, and the core refuses without queuing', async () => {
    h = await fundHarness()
    await h.signIn('lin')
    const e = await h.value('fund.withdrawalEligibility', {})
    expect(e.rent.refusals).toEqual(['NOT_BOUND', 'OWNS_HOME'])
    await h.confirm('withdrawRent')
    expect(await h.call('fund.withdrawRent', { mode: 'once', amountFen: 10_000 })).toMatchObject({
      ok: false,
      error: { code: 'FUND_REFUSED', detail: 'NOT_BOUND' },
    })
    expect(queuedWithdrawals(h)).toHaveLength(0)
  })

  it('郑秀英 binds, then withdraws on retirement: paid in full, the account closed', async () => {
    h = await fundHarness()
    await h.signIn('zheng')
    expect((await h.value('fund.withdrawalEligibility', {})).retire.refusals).toEqual(['NOT_BOUND'])
    await h.confirm('bind')
    await h.value('fund.bind', {
      operatorCode: 'PSBC',
      walletId: '0403000000220023',
      agreementAccepted: true,
    })
    const e = await h.value('fund.withdrawalEligibility', {})
    expect(e.retire).toMatchObject({ refusals: [] })
    expect(e.retire.amountFen).toBeGreaterThan(0)
    await h.confirm('withdrawRetire')
    const result = await h.value('fund.withdrawRetire', {})
    expect(result.application).toMatchObject({
      kind: 'withdrawRetire',
      status: 'accepted',
      withdrawal: { mode: 'retire', amountFen: e.retire.amountFen },
      payout: { amountFen: e.retire.amountFen, walletIdMasked: '************0023' },
    })
    expect(await h.value('fund.account', {})).toMatchObject({ status: '05', balance: 0 })
  })

  it('a withdrawal submitted while the centre is down waits, then is paid exactly once', async () => {
    h = await fundHarness()
    await h.signIn('chen')
    await h.confirm('withdrawRent')
    await h.stopCentral()
    // Offline the cached cap still holds the line.
    expect(await h.call('fund.withdrawRent', { mode: 'plan', amountFen: 150_001 })).toMatchObject({
      ok: false,
      error: { code: 'FUND_REFUSED', detail: 'AMOUNT_ABOVE_CAP' },
    })
    const once = await h.value('fund.withdrawRent', { mode: 'once', amountFen: 120_000 })
    expect(once.application).toMatchObject({ status: 'waiting', applicationNo: null })
    const localNo = once.application.localNo!
    const waiting = await h.value('fund.applicationStatus', { number: localNo, idLast4: '5626' })
    expect(waiting).toMatchObject({ status: 'waiting', kind: 'withdrawRent' })

    await h.restartCentral()
    await h.core.internals.sync()?.pushNow()
    await expect
      .poll(() => h!.core.internals.data()!.outbox.get(`fund-${localNo}`)?.state, {
        timeout: 10_000,
      })
      .toBe('accepted')
    await h.core.internals.sync()?.pushNow()
    const apps = applicationsOf(h.central(), 'withdrawRent', refOf(RESIDENTS.chen))
    expect(apps).toHaveLength(1)
    const paid = Object.values(h.central().snapshot().ledger)[0]!.entries
    expect(paid).toHaveLength(1)
    await h.signIn('chen')
    const status = await h.value('fund.applicationStatus', { number: localNo, idLast4: '5626' })
    expect(status).toMatchObject({ status: 'accepted', payout: { amountFen: 120_000 } })
  })
})
