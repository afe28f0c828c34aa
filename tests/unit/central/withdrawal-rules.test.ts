/**
 * The withdrawal rules, pure: every refusal in its order, the caps (once: cap × months, plan: the
 * monthly cap), the available balance (balance − frozen), and the deposits run — including cases
 * no demo resident has (a closed or frozen-in-part account, a short deposit run).
 */
import { describe, expect, it } from 'vitest'
import type { FundAccount, FundRecord } from '../../../shared/central'
import { DEMO_RENT_RULE } from '../../../electron/central/seed'
import { continuousDepositMonths, monthsFrom } from '../../../electron/central/withdrawals/ledger'
import {
  checkPlanChange,
  checkRent,
  checkRetire,
  maxOnceFen,
  rentRefusals,
  retireRefusals,
  type WithdrawalFacts,
} from '../../../electron/central/withdrawals/rules'
import { firstPlanMonth } from '../../../shared/domain/rent-schedule'

const ACCOUNT = { status: '01', balance: 1_000_000, frozenAmount: 0 } as FundAccount
const facts = (more: Partial<WithdrawalFacts> = {}): WithdrawalFacts => ({
  account: ACCOUNT,
  ownsHomeInCity: false,
  retired: false,
  continuousDepositMonths: 24,
  bound: true,
  planRunning: false,
  rule: DEMO_RENT_RULE,
  monthsSinceRent: 12,
  availableFen: 1_000_000,
  ...more,
})
const rent = (mode: 'once' | 'plan', amountFen: number) => ({ residentRef: 'R1', mode, amountFen })

describe('withdrawal rules', () => {
  it('lists every rent refusal, the first one decides', () => {
    const all = facts({
      account: { ...ACCOUNT, status: '02' },
      bound: false,
      ownsHomeInCity: true,
      continuousDepositMonths: 2,
      planRunning: true,
    })
    expect(rentRefusals(all)).toEqual([
      'ACCOUNT_NOT_ACTIVE',
      'NOT_BOUND',
      'OWNS_HOME',
      'DEPOSITS_TOO_SHORT',
      'PLAN_RUNNING',
    ])
    expect(checkRent(all, rent('once', 1))).toMatchObject({ ok: false, code: 'ACCOUNT_NOT_ACTIVE' })
    expect(rentRefusals(facts({ account: null }))).toEqual(['NO_FUND_ACCOUNT'])
    expect(rentRefusals(facts({ continuousDepositMonths: 3 }))).toEqual([])
  })

  it('keeps a once withdrawal within cap × months and the balance, a plan within the cap', () => {
    expect(checkRent(facts(), rent('once', 1_800_000))).toMatchObject({
      ok: false,
      code: 'AMOUNT_ABOVE_AVAILABLE',
    })
    expect(checkRent(facts({ monthsSinceRent: 2 }), rent('once', 300_001))).toMatchObject({
      ok: false,
      code: 'AMOUNT_ABOVE_CAP',
    })
    expect(checkRent(facts({ monthsSinceRent: 2 }), rent('once', 300_000)).ok).toBe(true)
    expect(checkRent(facts({ monthsSinceRent: 0 }), rent('once', 1))).toMatchObject({
      code: 'AMOUNT_ABOVE_CAP',
    })
    expect(checkRent(facts(), rent('plan', 150_001))).toMatchObject({ code: 'AMOUNT_ABOVE_CAP' })
    expect(checkRent(facts(), rent('plan', 150_000)).ok).toBe(true)
    expect(maxOnceFen(facts({ availableFen: 500 }))).toBe(500)
    expect(maxOnceFen(facts({ monthsSinceRent: 3 }))).toBe(450_000)
  })

  it('changes or stops only a running plan', () => {
    const stop = { residentRef: 'R1', action: 'stop' as const }
    const change = { residentRef: 'R1', action: 'change' as const, amountFen: 150_001 }
    expect(checkPlanChange(facts(), stop)).toMatchObject({ code: 'NO_PLAN' })
    expect(checkPlanChange(facts({ planRunning: true }), stop).ok).toBe(true)
    expect(checkPlanChange(facts({ planRunning: true }), change)).toMatchObject({
      code: 'AMOUNT_ABOVE_CAP',
    })
  })

  it('pays retirement only to a retired resident with a wallet and something available', () => {
    expect(retireRefusals(facts())).toEqual(['NOT_RETIRED'])
    expect(retireRefusals(facts({ retired: true, bound: false }))).toEqual(['NOT_BOUND'])
    expect(retireRefusals(facts({ retired: true, availableFen: 0 }))).toEqual([
      'NOTHING_TO_WITHDRAW',
    ])
    expect(
      checkRetire(facts({ retired: true, account: { ...ACCOUNT, status: '05' } })),
    ).toMatchObject({ code: 'ACCOUNT_NOT_ACTIVE' })
    expect(checkRetire(facts({ retired: true })).ok).toBe(true)
  })

  it('counts continuous deposit months back from the latest, a gap breaks the run', () => {
    const dep = (date: string): FundRecord => ({
      id: date,
      date,
      businessType: '01',
      amount: 1,
      balanceAfter: 1,
      summary: '',
    })
    expect(continuousDepositMonths([dep('2026-08-10'), dep('2026-09-10'), dep('2026-10-10')])).toBe(
      3,
    )
    expect(continuousDepositMonths([dep('2026-07-10'), dep('2026-09-10'), dep('2026-10-10')])).toBe(
      2,
    )
    expect(continuousDepositMonths([dep('2025-12-10'), dep('2026-01-10')])).toBe(2)
    expect(continuousDepositMonths([])).toBe(0)
    expect(monthsFrom('2025-09-22', '2026-12-05')).toBe(15)
  })

  it('starts a plan on this month’s pay day while it is ahead, else next month’s', () => {
    expect(firstPlanMonth('2026-12-04', 5)).toBe('2026-12')
    expect(firstPlanMonth('2026-12-05', 5)).toBe('2027-01')
    expect(firstPlanMonth('2026-12-31', 5)).toBe('2027-01')
  })
})
