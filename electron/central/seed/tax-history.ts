/**
 * Generates a demo resident's tax rows: withheld salary tax under the 2011 and 2018 tables, one-off
 * 劳务报酬 rows and yearly property and vehicle tax, each with a paid-in date and voucher number.
 */
import type { TaxRecord, TaxType } from '../../../shared/central'
import { createPrng, intBetween, monthsBetween, nextMonth, ym, ymd } from './random'

/** Monthly individual income tax table in force from 2018-10 (threshold 5,000 yuan). */
const IIT_2018 = [
  [3_000, 3, 0],
  [12_000, 10, 210],
  [25_000, 20, 1_410],
  [35_000, 25, 2_660],
  [55_000, 30, 4_410],
  [80_000, 35, 7_160],
  [Infinity, 45, 15_160],
] as const
/** The table before 2018-10 (threshold 3,500 yuan). */
const IIT_2011 = [
  [1_500, 3, 0],
  [4_500, 10, 105],
  [9_000, 20, 555],
  [35_000, 25, 1_005],
  [55_000, 30, 2_755],
  [80_000, 35, 5_505],
  [Infinity, 45, 13_505],
] as const

/** Withheld income tax on one month's salary (fen), after social insurance of 10.5 %. */
function monthlyIncomeTax(incomeFen: number, period: string): number {
  const newRules = period >= '2018-10'
  const threshold = newRules ? 5_000 : 3_500
  const taxable = incomeFen / 100 - (incomeFen / 100) * 0.105 - threshold
  if (taxable <= 0) return 0
  const table = newRules ? IIT_2018 : IIT_2011
  const [, rate, deduction] = table.find(([limit]) => taxable <= limit)!
  return Math.max(0, Math.round(((taxable * rate) / 100 - deduction) * 100))
}

/** What one resident earned and paid over the demo window. */
export interface TaxPlan {
  prefix: string
  taxOffice: string
  salary?: Array<{ from: string; to: string; agent: string; monthlyYuan: [number, number] }>
  /** One-off rows: 劳务报酬 and the like. */
  extra?: Array<{
    period: string
    item: string
    agent: string
    incomeYuan: number
    taxType?: TaxType
  }>
  /** Yearly property and vehicle tax, paid by the resident (no withholding agent). */
  yearly?: { from: number; to: number; propertyYuan?: number; vehicleYuan?: number }
}

/** The resident's tax rows, oldest period first. */
export function generateTaxRecords(plan: TaxPlan, seed: number): TaxRecord[] {
  const rand = createPrng(seed)
  const rows: Array<Omit<TaxRecord, 'id' | 'voucherNo' | 'paidInDate'>> = []
  for (const job of plan.salary ?? []) {
    for (const [y, m] of monthsBetween(job.from, job.to)) {
      const period = ym(y, m)
      const income = intBetween(rand, job.monthlyYuan[0], job.monthlyYuan[1]) * 100
      rows.push({
        period,
        taxType: '10106',
        item: '工资薪金所得',
        withholdingAgent: job.agent,
        income,
        taxPaid: monthlyIncomeTax(income, period),
        taxOffice: plan.taxOffice,
      })
    }
  }
  for (const e of plan.extra ?? []) {
    const income = e.incomeYuan * 100
    // 劳务报酬: 20 % on (income − 20 %) above 4,000 yuan.
    const taxPaid = Math.round(
      (income > 400_000 ? income * 0.8 : Math.max(0, income - 80_000)) * 0.2,
    )
    rows.push({
      period: e.period,
      taxType: e.taxType ?? '10106',
      item: e.item,
      withholdingAgent: e.agent,
      income,
      taxPaid,
      taxOffice: plan.taxOffice,
    })
  }
  if (plan.yearly) {
    for (let y = plan.yearly.from; y <= plan.yearly.to; y++) {
      if (plan.yearly.propertyYuan) {
        const paid = plan.yearly.propertyYuan * 100
        rows.push({
          period: ym(y, 6),
          taxType: '10110',
          item: '从价计征',
          withholdingAgent: '',
          income: 0,
          taxPaid: paid,
          taxOffice: plan.taxOffice,
        })
      }
      if (plan.yearly.vehicleYuan) {
        rows.push({
          period: ym(y, 12),
          taxType: '10114',
          item: '乘用车（1.6升以上至2.0升）',
          withholdingAgent: '中国人民财产保险股份有限公司福州市分公司',
          income: 0,
          taxPaid: plan.yearly.vehicleYuan * 100,
          taxOffice: plan.taxOffice,
        })
      }
    }
  }
  rows.sort((a, b) =>
    a.period === b.period ? a.taxType.localeCompare(b.taxType) : a.period < b.period ? -1 : 1,
  )
  return rows.map((r, i) => {
    const [y, m] = r.period.split('-').map(Number) as [number, number]
    const [py, pm] = nextMonth(y, m)
    return {
      id: `${plan.prefix}-${String(i + 1).padStart(4, '0')}`,
      ...r,
      paidInDate: ymd(py, pm, intBetween(rand, 8, 15)),
      voucherNo: `335${String(py).slice(2)}${String(intBetween(rand, 0, 999_999_999)).padStart(9, '0')}${String(i % 100).padStart(2, '0')}`,
    }
  })
}
