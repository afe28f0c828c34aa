/**
 * Balance, records and statement against the real centre: for every demo
 * resident with a fund account, the presets and a business-type filter give exactly the rows the
 * seed holds in that range, page by page, with the totals over the range; money stays fen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildDemoSeed } from '../../../../electron/central/seed'
import { chinaToday, presetRange } from '../../../../shared/domain/fund'
import { fundHarness, RESIDENTS, type DemoResident, type FundHarness } from './fund.fixture'

const seed = buildDemoSeed()
let h: FundHarness

beforeAll(async () => {
  h = await fundHarness()
})
afterAll(async () => {
  await h.close()
})

function expected(
  who: DemoResident,
  from: string,
  to: string,
  businessType?: string,
): { ids: string[]; credit: number; debit: number } {
  const rows = seed.residents
    .find((r) => r.idNumber === RESIDENTS[who])!
    .fundRecords.filter(
      (r) => r.date >= from && r.date <= to && (!businessType || r.businessType === businessType),
    )
    .reverse()
  return {
    ids: rows.map((r) => r.id),
    credit: rows.filter((r) => r.amount > 0).reduce((s, r) => s + r.amount, 0),
    debit: rows.filter((r) => r.amount < 0).reduce((s, r) => s - r.amount, 0),
  }
}

describe('fund balance and records', () => {
  it('balance: 林晓峰 has ¥86,432.15 in fen, masked account no.', async () => {
    await h.signIn('lin')
    const account = await h.value('fund.account', {})
    const seeded = seed.residents.find((r) => r.idNumber === RESIDENTS.lin)!.fundAccount!
    expect(account.balance).toBe(8_643_215)
    expect(account.accountNoMasked).toBe(
      '*'.repeat(seeded.accountNo.length - 4) + seeded.accountNo.slice(-4),
    )
    expect(account.monthlyDeposit.total).toBe(
      seeded.monthlyDeposit.personal + seeded.monthlyDeposit.employer,
    )
    expect(account).toMatchObject({ status: '01', paidUpTo: seeded.paidUpTo })
  })

  for (const who of ['lin', 'chen', 'wang', 'zheng'] as const) {
    it(`records of ${who}: presets, type filter and paging agree with the seed`, async () => {
      await h.signIn(who)
      const today = chinaToday(new Date())
      const ranges = [
        presetRange('thisYear', today),
        presetRange('lastYear', today),
        presetRange('last3Years', today),
      ]
      for (const range of ranges) {
        for (const businessType of [undefined, '01'] as const) {
          const want = expected(who, range.from, range.to, businessType)
          const got: string[] = []
          const pageSize = 7
          for (let page = 1; page <= Math.max(1, Math.ceil(want.ids.length / pageSize)); page++) {
            const r = await h.value('fund.records', {
              ...range,
              ...(businessType ? { businessType } : {}),
              page,
              pageSize,
            })
            expect(r.total).toBe(want.ids.length)
            expect(r.totals).toEqual({
              credit: want.credit,
              debit: want.debit,
              net: want.credit - want.debit,
            })
            for (const item of r.items) {
              expect(Number.isInteger(item.amount)).toBe(true)
              expect(item.typeLabel.zh).not.toBe(item.businessType)
            }
            got.push(...r.items.map((i) => i.id))
          }
          expect(got).toEqual(want.ids)
        }
      }
      // Enough rows for paging and filters to mean something (the seed holds 30+ over 3+ years).
      const all = expected(who, '1990-01-01', today)
      expect(all.ids.length).toBeGreaterThanOrEqual(30)
    })
  }

  it('prints a statement of the filtered range; 黄子轩 has no fund account', async () => {
    await h.signIn('lin')
    const range = presetRange('lastYear', chinaToday(new Date()))
    const want = expected('lin', range.from, range.to)
    const st = await h.value('fund.statement', range)
    expect(st.rows).toBe(want.ids.length)
    const preview = await h.value('print.preview', { printableId: st.printableId })
    expect(preview).toMatchObject({ kind: 'document', title: '住房公积金个人明细对账单' })

    await h.signIn('huang')
    expect(await h.call('fund.records', { ...range, page: 1, pageSize: 10 })).toMatchObject({
      ok: false,
      error: { code: 'FUND_REFUSED', detail: 'NO_FUND_ACCOUNT' },
    })
  })

  it('lists enabled partner operators in the centre order without a session', async () => {
    await h.signOut()
    const { operators } = await h.value('fund.walletOperators', {})
    expect(operators).toHaveLength(9)
    expect(operators.map((o) => o.code)).toEqual(
      seed.reference
        .filter((i) => i.kind === 'walletOperator')
        .map((i) => i.data as { code: string; order: number })
        .sort((a, b) => a.order - b.order)
        .map((d) => d.code),
    )
  })
})
