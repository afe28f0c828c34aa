/**
 * Generates a demo fund account's history: monthly deposits, one late month made up as 补缴, base
 * adjustments each July, yearly interest, sealing and withdrawals, with chained balances.
 */
import type {
  FundAccount,
  FundAccountStatus,
  FundBusinessType,
  FundRecord,
} from '../../../shared/central'
import { createPrng, intBetween, monthsBetween, SEED_AS_OF, ym, ymd } from './random'

/** How one resident's fund account behaves over the demo window. */
export interface FundPlan {
  accountNo: string
  employerName: string
  employerNo: string
  status: FundAccountStatus
  openedDate: string
  /** First and last deposit month. */
  depositFrom: string
  depositTo: string
  /** Deposit base (fen) by year; a 基数调整 record marks each change in July. */
  baseByYear: Record<number, number>
  ratio: { personal: number; employer: number }
  withdrawals: Array<{ date: string; amount: number; summary: string; type?: FundBusinessType }>
  /** A 封存 record on this date (sealed accounts). */
  sealedOn?: string
  /** An 开户 record on the opened date (new accounts start from 0). */
  opensInWindow?: boolean
  /** Exact balance the generated history must end on (林晓峰). */
  targetBalance?: number
  openingBalance?: number
}

/** Annual interest rate applied at the 6-30 结息 on the balance then (1.5 %, as the PBOC rate). */
const INTEREST_RATE = 0.015

function baseFor(plan: FundPlan, year: number, month: number): number {
  const years = Object.keys(plan.baseByYear).map(Number).sort()
  // The base year runs July..June, as fund centres adjust bases each July.
  const baseYear = month >= 7 ? year : year - 1
  let base = plan.baseByYear[years[0]!]!
  for (const y of years) if (y <= baseYear) base = plan.baseByYear[y]!
  return base
}

function monthlyParts(plan: FundPlan, base: number): { personal: number; employer: number } {
  return {
    personal: Math.round((base * plan.ratio.personal) / 100),
    employer: Math.round((base * plan.ratio.employer) / 100),
  }
}

function generateFundRecords(plan: FundPlan, seed: number, opening: number): FundRecord[] {
  const rand = createPrng(seed)
  type Draft = Omit<FundRecord, 'id' | 'balanceAfter'>
  const drafts: Draft[] = []
  const [fromY, fromM] = plan.depositFrom.split('-').map(Number) as [number, number]
  const [asOfY, asOfM] = SEED_AS_OF.split('-').map(Number) as [number, number]
  if (plan.opensInWindow) {
    drafts.push({ date: plan.openedDate, businessType: '03', amount: 0, summary: '开户' })
  }
  const skipped = intBetween(rand, 3, 9) // one month paid late, made up as 补缴 the month after
  const months = monthsBetween(ym(fromY, fromM), ym(asOfY, asOfM))
  let lastBase = -1
  months.forEach(([y, m], index) => {
    const inDeposits = ym(y, m) <= plan.depositTo
    const base = baseFor(plan, y, m)
    if (inDeposits && m === 7 && lastBase !== -1 && base !== lastBase) {
      drafts.push({
        date: ymd(y, 7, 1),
        businessType: '10',
        amount: 0,
        summary: `缴存基数调整为 ${(base / 100).toFixed(2)} 元`,
      })
    }
    if (m === 6) {
      drafts.push({ date: ymd(y, 6, 30), businessType: '09', amount: -1, summary: `${y}年度结息` })
    }
    if (inDeposits) {
      lastBase = base
      const parts = monthlyParts(plan, base)
      const amount = parts.personal + parts.employer
      const day = intBetween(rand, 10, 20)
      if (index === skipped) {
        // nothing this month
      } else if (index === skipped + 1) {
        const [py, pm] = months[skipped]!
        drafts.push({
          date: ymd(y, m, day),
          businessType: '02',
          amount,
          summary: `${py}年${String(pm).padStart(2, '0')}月 补缴`,
        })
        drafts.push({
          date: ymd(y, m, day),
          businessType: '01',
          amount,
          summary: `${y}年${String(m).padStart(2, '0')}月 汇缴`,
        })
      } else {
        drafts.push({
          date: ymd(y, m, day),
          businessType: '01',
          amount,
          summary: `${y}年${String(m).padStart(2, '0')}月 汇缴`,
        })
      }
    }
  })
  if (plan.sealedOn) {
    drafts.push({ date: plan.sealedOn, businessType: '05', amount: 0, summary: '单位申请封存' })
  }
  for (const w of plan.withdrawals) {
    drafts.push({
      date: w.date,
      businessType: w.type ?? '11',
      amount: -w.amount,
      summary: w.summary,
    })
  }
  // Stable by date; same-day records keep their insertion order.
  const ordered = drafts
    .map((d, i) => ({ d, i }))
    .sort((a, b) => (a.d.date === b.d.date ? a.i - b.i : a.d.date < b.d.date ? -1 : 1))
    .map(({ d }) => d)
  let balance = opening
  return ordered.map((d, i) => {
    // Interest (marked -1 above) depends on the balance reached, so it is computed in order.
    const amount =
      d.businessType === '09' && d.amount === -1 ? Math.round(balance * INTEREST_RATE) : d.amount
    balance += amount
    return {
      id: `${plan.accountNo}-${String(i + 1).padStart(4, '0')}`,
      ...d,
      amount,
      balanceAfter: balance,
    }
  })
}

/**
 * Generates a plan's records. With a target balance, the opening balance is found by fixed-point
 * iteration (interest depends on it) and any last rounding residue goes into the last interest
 * record, so the records end exactly on the target and every balanceAfter still chains.
 */
export function fundHistory(
  plan: FundPlan,
  seed: number,
): { records: FundRecord[]; opening: number } {
  if (plan.targetBalance === undefined) {
    const opening = plan.openingBalance ?? 0
    return { records: generateFundRecords(plan, seed, opening), opening }
  }
  let opening = plan.openingBalance ?? 0
  let records = generateFundRecords(plan, seed, opening)
  for (let i = 0; i < 30; i++) {
    const final = records.at(-1)!.balanceAfter
    if (final === plan.targetBalance) break
    opening += plan.targetBalance - final
    records = generateFundRecords(plan, seed, opening)
  }
  const residue = plan.targetBalance - records.at(-1)!.balanceAfter
  if (residue !== 0) {
    const lastInterest = records.findLastIndex((r) => r.businessType === '09')
    records = records.map((r, i) =>
      i < lastInterest
        ? r
        : {
            ...r,
            amount: i === lastInterest ? r.amount + residue : r.amount,
            balanceAfter: r.balanceAfter + residue,
          },
    )
  }
  if (opening < 0) throw new Error(`seed plan for ${plan.accountNo} needs a negative opening`)
  return { records, opening }
}

/** The account summary the centre answers with, derived from the generated records. */
export function fundAccountFrom(plan: FundPlan, records: FundRecord[]): FundAccount {
  const asOfYear = Number(SEED_AS_OF.slice(0, 4))
  const balance = records.at(-1)!.balanceAfter
  const beforeYear = records.filter((r) => Number(r.date.slice(0, 4)) < asOfYear)
  const carriedOverBalance = beforeYear.at(-1)?.balanceAfter ?? 0
  const thisYearDeposits = records
    .filter(
      (r) =>
        r.date.startsWith(String(asOfYear)) && (r.businessType === '01' || r.businessType === '02'),
    )
    .reduce((s, r) => s + r.amount, 0)
  const [ty, tm] = plan.depositTo.split('-').map(Number) as [number, number]
  const base = baseFor(plan, ty, tm)
  return {
    accountNo: plan.accountNo,
    employerName: plan.employerName,
    employerNo: plan.employerNo,
    status: plan.status,
    balance,
    carriedOverBalance,
    thisYearDeposits,
    monthlyDeposit: monthlyParts(plan, base),
    depositBase: base,
    depositRatio: plan.ratio,
    paidUpTo: plan.depositTo,
    frozenAmount: 0,
    openedDate: plan.openedDate,
  }
}
