/**
 * Withdrawals into the bound wallet at the reference centre: eligibility with reasons, a monthly
 * rent plan paid on its pay day (and fast-forwarded), changed and stopped; a once withdrawal within
 * the cap; retirement closing the account; each decision one message, each instalment one more.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCentralContext } from '../../../electron/central/context'
import { messagesFor } from '../../../electron/central/messages'
import { runInstalment } from '../../../electron/central/withdrawals/schedule'
import { DEMO_RENT_PLANS_ADVANCE_ROUTE } from '../../../shared/central'
import { outboxItem, resident, startHarness, type Harness } from './central.fixture'

const ZHENG_PSBC = '0403000000220023'

describe('withdrawals into the bound wallet', () => {
  let h: Harness | undefined
  afterEach(() => h?.close())

  async function submit(h: Harness, kind: Parameters<typeof outboxItem>[0], payload: unknown) {
    const res = await h.call('applicationsSubmit', { items: [await outboxItem(kind, payload)] })
    if (!res.ok) throw new Error(`push failed: ${res.error.code}`)
    return res.value.results[0]!
  }
  const advance = async (h: Harness) => {
    const res = await fetch(h.url + DEMO_RENT_PLANS_ADVANCE_ROUTE, { method: 'POST' })
    return (await res.json()) as { instalments: Array<{ outcome: string }> }
  }

  it('tells 陈美玲 she may withdraw rent, with the cap, and 林晓峰 why not', async () => {
    h = await startHarness()
    const chen = await h.login('陈美玲')
    const e = await h.call('fundWithdrawalEligibility', {}, { token: chen.token })
    expect(e.ok && e.value).toMatchObject({
      wallet: { operatorCode: 'CMB', walletIdLast4: '0002' },
      rent: {
        refusals: [],
        rule: { monthlyCapFen: 150_000, payDay: 5, maxMonths: 12 },
        maxOnceFen: 1_800_000,
        plan: null,
      },
      retire: { refusals: ['NOT_RETIRED'], amountFen: 0 },
    })
    const lin = await h.login('林晓峰')
    const l = await h.call('fundWithdrawalEligibility', {}, { token: lin.token })
    expect(l.ok && l.value.rent.refusals).toEqual(['NOT_BOUND', 'OWNS_HOME'])
    const refused = await submit(h, 'withdrawRent', {
      residentRef: lin.residentRef,
      mode: 'once',
      amountFen: 100_000,
    })
    expect(refused).toMatchObject({ outcome: 'rejected', code: 'NOT_BOUND' })
  })

  it('sets up a plan within the cap, pays two fast-forwarded instalments, changes and stops it', async () => {
    h = await startHarness()
    const chen = resident('陈美玲')
    const above = await submit(h, 'withdrawRent', {
      residentRef: chen.residentRef,
      mode: 'plan',
      amountFen: 150_001,
    })
    expect(above).toMatchObject({ outcome: 'rejected', code: 'AMOUNT_ABOVE_CAP' })
    const plan = await submit(h, 'withdrawRent', {
      residentRef: chen.residentRef,
      mode: 'plan',
      amountFen: 150_000,
    })
    expect(plan.outcome).toBe('accepted')
    const planNo = 'applicationNo' in plan ? plan.applicationNo : ''
    const again = await submit(h, 'withdrawRent', {
      residentRef: chen.residentRef,
      mode: 'once',
      amountFen: 1,
    })
    expect(again).toMatchObject({ outcome: 'rejected', code: 'PLAN_RUNNING' })

    expect((await advance(h)).instalments).toEqual([{ applicationNo: planNo, outcome: 'paid' }])
    await advance(h)
    const { token } = await h.login('陈美玲')
    const records = await h.call('fundRecords', { businessType: '11' }, { token })
    const paid = records.ok ? records.value.items.filter((r) => r.summary.includes('数字钱包')) : []
    expect(paid).toHaveLength(2)
    expect(paid[0]).toMatchObject({ amount: -150_000, summary: '转入数字钱包 招商银行 ****0002' })
    const texts = (await h.demoMessages(chen.phone)).map((m) => m.text)
    expect(texts.filter((t) => t.includes('已转入数字钱包 招商银行 ****0002'))).toHaveLength(2)
    expect(texts.filter((t) => t.includes(`租房提取申请 ${planNo}`))).toHaveLength(1)

    const status = await h.call('applicationStatus', { applicationNo: planNo, idLast4: '5626' })
    expect(status.ok && status.value.payout).toMatchObject({ amountFen: 300_000, instalments: 2 })

    const change = await submit(h, 'rentPlanChange', {
      residentRef: chen.residentRef,
      action: 'change',
      amountFen: 120_000,
    })
    expect(change.outcome).toBe('accepted')
    await advance(h)
    const stop = await submit(h, 'rentPlanChange', {
      residentRef: chen.residentRef,
      action: 'stop',
    })
    expect(stop.outcome).toBe('accepted')
    expect((await advance(h)).instalments).toEqual([])
    const after = await h.call('fundRecords', { businessType: '11' }, { token })
    const amounts = after.ok
      ? after.value.items.filter((r) => r.summary.includes('数字钱包')).map((r) => r.amount)
      : []
    expect(amounts).toEqual([-120_000, -150_000, -150_000])
    const stopAgain = await submit(h, 'rentPlanChange', {
      residentRef: chen.residentRef,
      action: 'stop',
    })
    expect(stopAgain).toMatchObject({ outcome: 'rejected', code: 'NO_PLAN' })
  })

  it('pays a plan on its pay day by the clock, once', async () => {
    h = await startHarness()
    const chen = resident('陈美玲')
    await submit(h, 'withdrawRent', {
      residentRef: chen.residentRef,
      mode: 'plan',
      amountFen: 150_000,
    })
    // The harness clock starts 2026-11-20 10:00 in Beijing: the first pay day is 2026-12-05.
    h.clock.advance(14 * 86_400_000)
    const { token } = await h.login('陈美玲')
    const early = await h.call('fundAccount', {}, { token })
    expect(early.ok && early.value.account?.balance).toBe(chen.fundAccount!.balance)
    h.clock.advance(86_400_000)
    const paid = await h.call('fundAccount', {}, { token: (await h.login('陈美玲')).token })
    expect(paid.ok && paid.value.account?.balance).toBe(chen.fundAccount!.balance - 150_000)
    expect(Object.values(h.server.snapshot().rentPlans)[0]).toMatchObject({
      paidCount: 1,
      nextMonth: '2027-01',
    })
  })

  it('skips a month the available balance does not cover, with a message, and goes on', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'central-withdraw-'))
    const ctx = createCentralContext({
      stateFile: join(dir, 's.json'),
      terminalKeys: {},
      demo: true,
    })
    await ctx.load()
    const chen = resident('陈美玲')
    const now = new Date('2026-12-05T02:00:00Z')
    const st = ctx.state()
    st.rentPlans[chen.residentRef] = {
      residentRef: chen.residentRef,
      applicationNo: 'ZF1',
      bindingId: 'B-SEED-0001',
      amountFen: 150_000,
      state: 'active',
      nextMonth: '2026-12',
      paidCount: 0,
      startedAt: now.toISOString(),
    }
    const balance = chen.fundAccount!.balance
    st.ledger[chen.residentRef] = {
      entries: [
        {
          purpose: 'rent',
          record: {
            id: 'X',
            date: '2026-11-30',
            businessType: '11',
            amount: -(balance - 100),
            balanceAfter: 100,
            summary: 'test',
          },
        },
      ],
    }
    expect(runInstalment(ctx, st.rentPlans[chen.residentRef]!, now)).toBe('skipped')
    expect(st.rentPlans[chen.residentRef]).toMatchObject({ state: 'active', nextMonth: '2027-01' })
    expect(st.ledger[chen.residentRef]!.entries).toHaveLength(1)
    expect(messagesFor(st, chen.phone)[0]?.text).toContain(
      '2026-12 的租房提取 ¥1,500.00 因可用余额不足未转入',
    )
    await ctx.settle()
    await rm(dir, { recursive: true, force: true })
  })

  it('closes 郑秀英’s account on retirement, paying the whole available balance', async () => {
    h = await startHarness()
    const zheng = resident('郑秀英')
    const unbound = await submit(h, 'withdrawRetire', { residentRef: zheng.residentRef })
    expect(unbound).toMatchObject({ outcome: 'rejected', code: 'NOT_BOUND' })
    await submit(h, 'bind', {
      residentRef: zheng.residentRef,
      operatorCode: 'PSBC',
      walletId: ZHENG_PSBC,
    })
    const retire = await submit(h, 'withdrawRetire', { residentRef: zheng.residentRef })
    expect(retire.outcome).toBe('accepted')
    const { token } = await h.login('郑秀英')
    const account = await h.call('fundAccount', {}, { token })
    expect(account.ok && account.value.account).toMatchObject({ status: '05', balance: 0 })
    const records = await h.call('fundRecords', { businessType: '12' }, { token })
    expect(records.ok && records.value.items[0]).toMatchObject({
      amount: -zheng.fundAccount!.balance,
      summary: '转入数字钱包 邮储银行 ****0023',
    })
    const no = 'applicationNo' in retire ? retire.applicationNo : ''
    const status = await h.call('applicationStatus', { applicationNo: no, idLast4: '0022' })
    expect(status.ok && status.value).toMatchObject({
      kind: 'withdrawRetire',
      status: 'accepted',
      payout: { amountFen: zheng.fundAccount!.balance, operatorCode: 'PSBC' },
    })
    const twice = await submit(h, 'withdrawRetire', { residentRef: zheng.residentRef })
    expect(twice).toMatchObject({ outcome: 'rejected', code: 'ACCOUNT_NOT_ACTIVE' })
    const messages = (await h.demoMessages(zheng.phone)).map((m) => m.text)
    expect(messages.filter((t) => t.includes(`退休提取申请 ${no} 已办理成功`))).toHaveLength(1)
  })

  it('stops the plan when the binding ends, with a message', async () => {
    h = await startHarness()
    const chen = resident('陈美玲')
    await submit(h, 'withdrawRent', {
      residentRef: chen.residentRef,
      mode: 'plan',
      amountFen: 50_000,
    })
    await submit(h, 'unbind', { residentRef: chen.residentRef, bindingId: 'B-SEED-0001' })
    expect(Object.values(h.server.snapshot().rentPlans)[0]?.state).toBe('stopped')
    const texts = (await h.demoMessages(chen.phone)).map((m) => m.text)
    expect(texts.filter((t) => t.includes('按月租房提取已停止：数字钱包已解绑'))).toHaveLength(1)
    expect((await advance(h)).instalments).toEqual([])
  })
})
