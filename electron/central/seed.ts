/**
 * The bundled central service's demo data (the demo residents in the README): exactly the five residents
 * of the table, their fund accounts, records and tax rows, a wallet registry and the reference data.
 * Generated deterministically from a fixed PRNG seed and a fixed as-of date (never the clock, never
 * Math.random), so tests can recompute expected rows and totals with {@link buildDemoSeed}.
 */
import { DEMO_NOTICES, DEMO_PROMISES, DEMO_SERVICE_HOURS, demoWalletGuide } from './seed-centre'
import type {
  FundAccount,
  FundAccountStatus,
  FundBusinessType,
  FundRecord,
  ReferenceItem,
  TaxRecord,
  TaxType,
} from '../../shared/central'

/** The PRNG seed of the demo data. Changing it changes every generated amount. */
export const DEMO_SEED = 20_260_101
/** Records and tax rows are generated up to this date, whatever the clock says. */
export const SEED_AS_OF = '2026-10-31'

/** mulberry32: a tiny, fast, well-distributed 32-bit PRNG; good enough for demo data. */
export function createPrng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** An integer in [min, max] from the PRNG. */
function intBetween(rand: () => number, min: number, max: number): number {
  return min + Math.floor(rand() * (max - min + 1))
}

export interface SeedCard {
  issuingOffice: string
  validityStart: string
  /** A date or `长期`. */
  validityEnd: string
}

export interface SeedResident {
  /** Opaque, stable pseudonym the outbox carries instead of the ID number. */
  residentRef: string
  name: string
  idNumber: string
  gender: 'M' | 'F'
  birthDate: string
  phone: string
  /** What the resident's ID card says (the simulated card reader can use it). */
  card: SeedCard
  fundAccount: FundAccount | null
  /** Oldest first; balanceAfter chains from the opening balance. */
  fundRecords: FundRecord[]
  /** The balance before the first generated record (history older than the demo window). */
  openingBalance: number
  /** Oldest period first. */
  taxRecords: TaxRecord[]
}

export interface SeedWallet {
  walletId: string
  operatorCode: string
  walletClass: 1 | 2 | 3 | 4
  /** Null for class-4 (anonymous) wallets. */
  holderName: string | null
  /** What the wallet is there to exercise (README.md lists them). */
  purpose: string
}

export interface SeedBinding {
  bindingId: string
  residentRef: string
  walletId: string
  operatorCode: string
  walletClass: number
  state: 'bound'
  updatedAt: string
}

export interface DemoSeed {
  residents: SeedResident[]
  wallets: SeedWallet[]
  bindings: SeedBinding[]
  reference: ReferenceItem[]
}

// ---------------------------------------------------------------------------------------------
// Calendar helpers (UTC, no clock)

function ym(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`
}
function ymd(year: number, month: number, day: number): string {
  return `${ym(year, month)}-${String(day).padStart(2, '0')}`
}
/** Months from `from` to `to` inclusive, as [year, month] pairs. */
function monthsBetween(from: string, to: string): Array<[number, number]> {
  const out: Array<[number, number]> = []
  let [y, m] = from.split('-').map(Number) as [number, number]
  const [ty, tm] = to.split('-').map(Number) as [number, number]
  while (y < ty || (y === ty && m <= tm)) {
    out.push([y, m])
    m++
    if (m > 12) {
      m = 1
      y++
    }
  }
  return out
}
function nextMonth(year: number, month: number): [number, number] {
  return month === 12 ? [year + 1, 1] : [year, month + 1]
}

// ---------------------------------------------------------------------------------------------
// Fund records

interface FundPlan {
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
function fundHistory(plan: FundPlan, seed: number): { records: FundRecord[]; opening: number } {
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

function fundAccountFrom(plan: FundPlan, records: FundRecord[]): FundAccount {
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

// ---------------------------------------------------------------------------------------------
// Tax records

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

interface TaxPlan {
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

function generateTaxRecords(plan: TaxPlan, seed: number): TaxRecord[] {
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

// ---------------------------------------------------------------------------------------------
// Residents

interface ResidentPlan {
  name: string
  idNumber: string
  phone: string
  card: SeedCard
  fund: FundPlan | null
  tax: TaxPlan
}

const RESIDENT_PLANS: ResidentPlan[] = [
  {
    name: '林晓峰',
    idNumber: '350102198506123417',
    phone: '13800591234',
    card: {
      issuingOffice: '福州市公安局鼓楼分局',
      validityStart: '2015-08-20',
      validityEnd: '2035-08-20',
    },
    fund: {
      accountNo: '350100012345678',
      employerName: '福州闽江数字科技有限公司',
      employerNo: '3501020012',
      status: '01',
      openedDate: '2010-07-12',
      depositFrom: '2023-01',
      depositTo: '2026-10',
      baseByYear: { 2022: 800_000, 2023: 850_000, 2024: 900_000, 2025: 950_000 },
      ratio: { personal: 10, employer: 10 },
      withdrawals: [
        { date: '2024-03-18', amount: 1_200_000, summary: '租赁住房提取' },
        { date: '2025-09-22', amount: 1_500_000, summary: '租赁住房提取' },
      ],
      targetBalance: 8_643_215,
    },
    tax: {
      prefix: 'TX1',
      taxOffice: '国家税务总局福州市鼓楼区税务局',
      salary: [
        {
          from: '2023-01',
          to: '2026-09',
          agent: '福州闽江数字科技有限公司',
          monthlyYuan: [13_000, 16_000],
        },
      ],
    },
  },
  {
    name: '陈美玲',
    idNumber: '350103199202145626',
    phone: '13905912345',
    card: {
      issuingOffice: '福州市公安局台江分局',
      validityStart: '2019-03-02',
      validityEnd: '2029-03-02',
    },
    fund: {
      accountNo: '350100023456789',
      employerName: '福州台江商贸有限公司',
      employerNo: '3501030045',
      status: '01',
      openedDate: '2022-03-08',
      depositFrom: '2022-03',
      depositTo: '2026-10',
      baseByYear: { 2021: 500_000, 2022: 520_000, 2023: 560_000, 2024: 600_000, 2025: 620_000 },
      ratio: { personal: 8, employer: 8 },
      withdrawals: [],
      opensInWindow: true,
      openingBalance: 0,
    },
    tax: {
      prefix: 'TX2',
      taxOffice: '国家税务总局福州市台江区税务局',
      salary: [
        {
          from: '2023-01',
          to: '2026-09',
          agent: '福州台江商贸有限公司',
          monthlyYuan: [8_000, 10_500],
        },
      ],
    },
  },
  {
    name: '王建国',
    idNumber: '350104197809301135',
    phone: '13705913456',
    card: {
      issuingOffice: '福州市公安局仓山分局',
      validityStart: '2012-05-16',
      validityEnd: '2032-05-16',
    },
    fund: {
      accountNo: '350100034567890',
      employerName: '福州鼓楼建工集团有限公司',
      employerNo: '3501040078',
      status: '02',
      openedDate: '2003-09-01',
      depositFrom: '2021-01',
      depositTo: '2024-06',
      baseByYear: { 2020: 1_200_000, 2021: 1_250_000, 2022: 1_300_000, 2023: 1_350_000 },
      ratio: { personal: 12, employer: 12 },
      withdrawals: [{ date: '2022-11-09', amount: 8_000_000, summary: '购买自住住房提取' }],
      sealedOn: '2024-07-05',
      openingBalance: 15_632_088,
    },
    tax: {
      prefix: 'TX3',
      taxOffice: '国家税务总局福州市仓山区税务局',
      salary: [
        {
          from: '2017-01',
          to: '2024-06',
          agent: '福州鼓楼建工集团有限公司',
          monthlyYuan: [14_000, 19_000],
        },
        {
          from: '2024-07',
          to: '2025-12',
          agent: '厦门海沧港务工程有限公司',
          monthlyYuan: [16_000, 21_000],
        },
      ],
      extra: [
        {
          period: '2018-04',
          item: '劳务报酬所得',
          agent: '福建省建筑设计研究院有限公司',
          incomeYuan: 12_000,
        },
        {
          period: '2021-09',
          item: '劳务报酬所得',
          agent: '福建省建筑设计研究院有限公司',
          incomeYuan: 8_000,
        },
        { period: '2023-03', item: '稿酬所得', agent: '福建科学技术出版社', incomeYuan: 3_000 },
      ],
      yearly: { from: 2017, to: 2025, propertyYuan: 1_860, vehicleYuan: 360 },
    },
  },
  {
    name: '郑秀英',
    idNumber: '350111196011050022',
    phone: '13600594567',
    card: {
      issuingOffice: '福州市公安局晋安分局',
      validityStart: '2016-11-05',
      validityEnd: '长期',
    },
    fund: {
      accountNo: '350100045678901',
      employerName: '福州市晋安区社区服务中心',
      employerNo: '3501110023',
      status: '01',
      openedDate: '1998-12-01',
      depositFrom: '2022-01',
      depositTo: '2026-10',
      baseByYear: { 2021: 420_000, 2022: 430_000, 2023: 440_000, 2024: 450_000, 2025: 460_000 },
      ratio: { personal: 5, employer: 5 },
      withdrawals: [
        { date: '2023-05-11', amount: 600_000, summary: '离休、退休提取' },
        { date: '2025-04-17', amount: 450_000, summary: '离休、退休提取' },
      ],
      openingBalance: 4_215_360,
    },
    tax: {
      prefix: 'TX4',
      taxOffice: '国家税务总局福州市晋安区税务局',
      extra: [
        {
          period: '2018-03',
          item: '劳务报酬所得',
          agent: '福州市晋安区老年大学',
          incomeYuan: 2_400,
        },
        {
          period: '2021-05',
          item: '劳务报酬所得',
          agent: '福州市晋安区老年大学',
          incomeYuan: 6_000,
        },
        {
          period: '2024-08',
          item: '劳务报酬所得',
          agent: '福州市晋安区社区服务中心',
          incomeYuan: 3_500,
        },
      ],
    },
  },
  {
    name: '黄子轩',
    idNumber: '35012120010718457X',
    phone: '13500595678',
    card: {
      issuingOffice: '福州市公安局闽侯分局',
      validityStart: '2019-07-18',
      validityEnd: '2029-07-18',
    },
    fund: null,
    tax: {
      prefix: 'TX5',
      taxOffice: '国家税务总局闽侯县税务局',
      // Declared income below the threshold: rows with 0 tax paid (a 纳税记录 is still issued).
      salary: [
        {
          from: '2024-07',
          to: '2026-09',
          agent: '闽侯县上街镇便利连锁有限公司',
          monthlyYuan: [4_800, 6_400],
        },
      ],
    },
  },
]

/** The demo wallet registry (README.md documents what each one exercises). */
export const DEMO_WALLETS: readonly SeedWallet[] = [
  {
    walletId: '0021000086432151',
    operatorCode: 'ICBC',
    walletClass: 2,
    holderName: '林晓峰',
    purpose: '林晓峰: valid class-2 wallet, the happy bind path',
  },
  {
    walletId: '0104000086432185',
    operatorCode: 'BOC',
    walletClass: 1,
    holderName: '林晓峰',
    purpose: '林晓峰: a second valid wallet (in-flight / already-bound paths)',
  },
  {
    walletId: '0021000086432169',
    operatorCode: 'ICBC',
    walletClass: 4,
    holderName: null,
    purpose: 'anonymous class-4 wallet: WALLET_CLASS_NOT_ALLOWED',
  },
  {
    walletId: '0021000099990001',
    operatorCode: 'ICBC',
    walletClass: 2,
    holderName: '林小峰',
    purpose: 'holder name differs from 林晓峰: WALLET_HOLDER_MISMATCH',
  },
  {
    walletId: '0302000099990049',
    operatorCode: 'CITIC',
    walletClass: 2,
    holderName: '林晓峰',
    purpose: 'operator is not a partner: OPERATOR_NOT_PARTNER',
  },
  {
    walletId: '0308000056260002',
    operatorCode: 'CMB',
    walletClass: 2,
    holderName: '陈美玲',
    purpose: '陈美玲: already bound at 招商银行 (unbind path)',
  },
  {
    walletId: '0105000056260010',
    operatorCode: 'CCB',
    walletClass: 2,
    holderName: '陈美玲',
    purpose: '陈美玲: second wallet, ALREADY_BOUND while the CMB one is bound',
  },
  {
    walletId: '0103000011350015',
    operatorCode: 'ABC',
    walletClass: 3,
    holderName: '王建国',
    purpose: '王建国: valid; account sealed so the bind carries the ACCOUNT_SEALED notice',
  },
  {
    walletId: '0403000000220023',
    operatorCode: 'PSBC',
    walletClass: 2,
    holderName: '郑秀英',
    purpose: '郑秀英: valid class-2 wallet',
  },
  {
    walletId: '0800000045700031',
    operatorCode: 'WEBANK',
    walletClass: 2,
    holderName: '黄子轩',
    purpose: '黄子轩: valid wallet but NO_FUND_ACCOUNT',
  },
]

// ---------------------------------------------------------------------------------------------
// Reference data

const OPERATORS: Array<[string, string, string]> = [
  ['ICBC', '工商银行', 'ICBC'],
  ['ABC', '农业银行', 'Agricultural Bank of China'],
  ['BOC', '中国银行', 'Bank of China'],
  ['CCB', '建设银行', 'China Construction Bank'],
  ['BOCOM', '交通银行', 'Bank of Communications'],
  ['PSBC', '邮储银行', 'Postal Savings Bank of China'],
  ['CMB', '招商银行', 'China Merchants Bank'],
  ['WEBANK', '微众银行', 'WeBank'],
  ['MYBANK', '网商银行', 'MYbank'],
]

const FUND_TYPE_LABELS: Array<[FundBusinessType, string, string]> = [
  ['01', '汇缴', 'Monthly deposit'],
  ['02', '补缴', 'Back payment'],
  ['03', '开户', 'Account opened'],
  ['04', '启封', 'Unsealed'],
  ['05', '封存', 'Sealed'],
  ['06', '内部转移', 'Internal transfer'],
  ['07', '外部转出', 'Transfer out'],
  ['08', '外部转入', 'Transfer in'],
  ['09', '年终结息', 'Annual interest'],
  ['10', '基数调整', 'Base adjustment'],
  ['11', '部分提取', 'Partial withdrawal'],
  ['12', '销户提取', 'Closing withdrawal'],
  ['13', '缓缴', 'Deferred deposit'],
  ['14', '冻结', 'Frozen'],
  ['15', '解冻', 'Unfrozen'],
  ['99', '其他', 'Other'],
]

const TAX_TYPE_LABELS: Array<[TaxType, string, string]> = [
  ['10106', '个人所得税', 'Individual income tax'],
  ['10110', '房产税', 'Property tax'],
  ['10111', '印花税', 'Stamp duty'],
  ['10114', '车船税', 'Vehicle and vessel tax'],
]

type FaqRow = [
  key: string,
  category: 'identity' | 'wallet' | 'fund' | 'tax' | 'service',
  qZh: string,
  qEn: string,
  aZh: string,
  aEn: string,
]
const FAQ: FaqRow[] = [
  [
    'sms-not-received',
    'identity',
    '收不到短信验证码怎么办？',
    'I did not receive the SMS code. What can I do?',
    '验证码发送到您在公积金中心登记的手机号（屏幕显示后四位）。请检查信号和短信拦截，60 秒后可重新发送；每小时最多发送 10 次。手机号已变更请到人工窗口更新，或改用刷脸认证。',
    'The code goes to the phone number registered with the fund centre (the screen shows its last four digits). Check signal and SMS filters; you can resend after 60 seconds, at most 10 times an hour. If your number changed, update it at a staffed counter or use face verification instead.',
  ],
  [
    'binding-errors',
    'wallet',
    '绑定数字钱包失败，提示“户名不一致”或“钱包等级不符”？',
    'Binding failed: "name does not match" or "wallet class not allowed"?',
    '钱包实名必须与身份证姓名一致；四类（匿名）钱包不能绑定，请先在钱包运营机构升级为一至三类钱包。账户封存可以绑定，销户或冻结账户不能绑定。',
    'The wallet must be registered in the same name as your ID card. Class-4 (anonymous) wallets cannot be bound: upgrade it to class 1–3 with the wallet operator first. Sealed accounts can be bound; closed or frozen accounts cannot.',
  ],
  [
    'supported-wallets',
    'wallet',
    '支持哪些数字钱包？',
    'Which digital wallets are supported?',
    '目前支持公积金中心合作的运营机构：工商银行、农业银行、中国银行、建设银行、交通银行、邮储银行、招商银行、微众银行、网商银行。以“合作钱包”页面为准。',
    'Wallets of the fund centre\'s partner operators: ICBC, ABC, BOC, CCB, BOCOM, PSBC, CMB, WeBank and MYbank. The "Partner wallets" page has the current list.',
  ],
  [
    'how-to-unbind',
    'wallet',
    '如何解绑数字钱包？',
    'How do I unbind my wallet?',
    '完成身份认证后进入“解绑”，选择要解绑的钱包并输入短信验证码确认，打印回执保存受理编号。解绑一般在 1 个工作日内完成。',
    'After identity verification choose "Unbind", pick the wallet and confirm with the SMS code, then keep the printed receipt with its application number. Unbinding usually completes within one working day.',
  ],
  [
    'failed-transaction',
    'fund',
    '业务提交后显示“失败”怎么办？',
    'My transaction shows "failed". What now?',
    '回执上的受理编号可在终端“办理进度”查询失败原因。网络中断时申请会暂存在终端并自动重发，不会重复办理。如仍有疑问请呼叫工作人员。',
    'Look up the application number from your receipt under "Application status" to see the reason. If the network drops, the terminal keeps the application and resends it automatically, never twice. Call staff if in doubt.',
  ],
  [
    'account-security',
    'service',
    '在自助终端办理安全吗？',
    'Is it safe to use the self-service terminal?',
    '终端不保存您的身份证号、照片、余额或纳税明细；屏幕和回执上的个人信息均已脱敏。离开前请点击“退出”，无操作时终端也会自动清除信息。',
    'The terminal does not store your ID number, photo, balance or tax details; personal data on screen and receipts is masked. Press "Exit" when you leave; the terminal also clears everything after a period of inactivity.',
  ],
  [
    'check-tax-records',
    'tax',
    '如何查询纳税记录？',
    'How do I check my tax records?',
    '身份认证后进入“纳税记录查询”，可按年度和税种筛选；需要证明时选择“开具纳税记录”，打印件带验证码和二维码，可在税务机关核验。',
    'After identity verification choose "Tax records" and filter by year and tax type. For proof choose "Issue tax record certificate": the printout carries a verification code and a QR code the tax office can check.',
  ],
  [
    'payment-failed',
    'tax',
    '缴税或扣款失败怎么办？',
    'A tax payment or deduction failed. What should I do?',
    '本终端只查询和开具证明，不直接扣款。扣款失败请联系扣缴单位或到办税窗口处理；已入库的税款会在次月显示在纳税记录中。',
    'This terminal only shows records and issues certificates; it does not take payments. For a failed deduction contact your withholding agent or a tax counter. Paid tax appears in your records the following month.',
  ],
  [
    'tax-and-wallet',
    'tax',
    '纳税记录和数字钱包有什么关系？',
    'How do tax records relate to my digital wallet?',
    '两者相互独立：数字钱包用于公积金提取到账，纳税记录来自税务机关。绑定或解绑钱包不会影响纳税记录。',
    'They are independent: the wallet receives provident fund withdrawals, tax records come from the tax authority. Binding or unbinding a wallet does not change your tax records.',
  ],
  [
    'how-to-complain',
    'service',
    '如何投诉或提出建议？',
    'How do I make a complaint or suggestion?',
    '在首页选择“投诉与反馈”，填写内容后提交，终端会打印带工单号的回执。也可拨打 12329 公积金服务热线或 12366 纳税服务热线。',
    'Choose "Complaint and feedback" on the home screen and submit; the terminal prints a receipt with a ticket number. You can also call the fund hotline 12329 or the tax hotline 12366.',
  ],
]

function referenceItems(): ReferenceItem[] {
  let version = 0
  const v = () => ++version
  const items: ReferenceItem[] = []
  OPERATORS.forEach(([code, name, nameEn], i) =>
    items.push({
      kind: 'walletOperator',
      key: code,
      version: v(),
      data: {
        code,
        name,
        nameEn,
        enabled: true,
        order: i + 1,
        guide: demoWalletGuide(code, name, nameEn),
      },
    }),
  )
  for (const [code, zh, en] of FUND_TYPE_LABELS) {
    items.push({
      kind: 'businessType',
      key: `fund:${code}`,
      version: v(),
      data: { domain: 'fund', code, label: { zh, en } },
    })
  }
  for (const [code, zh, en] of TAX_TYPE_LABELS) {
    items.push({
      kind: 'businessType',
      key: `tax:${code}`,
      version: v(),
      data: { domain: 'tax', code, label: { zh, en } },
    })
  }
  FAQ.forEach(([key, category, qZh, qEn, aZh, aEn], i) =>
    items.push({
      kind: 'faq',
      key,
      version: v(),
      data: {
        category,
        order: i + 1,
        question: { zh: qZh, en: qEn },
        answer: { zh: aZh, en: aEn },
      },
    }),
  )
  for (const [key, data] of DEMO_NOTICES) items.push({ kind: 'notice', key, version: v(), data })
  items.push({
    kind: 'serviceHours',
    key: 'hall',
    version: v(),
    data: {
      days: [1, 2, 3, 4, 5]
        .map((weekday) => ({ weekday, open: '08:30', close: '17:30' }))
        .concat([{ weekday: 6, open: '09:00', close: '12:00' }]),
      note: {
        zh: '自助终端 24 小时开放；人工窗口按以上时间服务，法定节假日除外。',
        en: 'Self-service terminals are open 24 hours; staffed counters keep these hours except on public holidays.',
      },
    },
  })
  for (const [key, data] of DEMO_SERVICE_HOURS) {
    items.push({ kind: 'serviceHours', key, version: v(), data })
  }
  for (const [key, data] of DEMO_PROMISES) {
    items.push({ kind: 'servicePromise', key, version: v(), data })
  }
  return items
}

/** Builds the complete demo seed. Pure and deterministic: the same output on every call. */
export function buildDemoSeed(): DemoSeed {
  const rand = createPrng(DEMO_SEED)
  const residents = RESIDENT_PLANS.map((plan, index): SeedResident => {
    const residentRef =
      'R' +
      Array.from({ length: 4 }, () =>
        intBetween(rand, 0, 0xffff).toString(16).padStart(4, '0'),
      ).join('')
    const history = plan.fund ? fundHistory(plan.fund, DEMO_SEED + 100 + index) : null
    return {
      residentRef,
      name: plan.name,
      idNumber: plan.idNumber,
      gender: Number(plan.idNumber[16]) % 2 === 1 ? 'M' : 'F',
      birthDate: `${plan.idNumber.slice(6, 10)}-${plan.idNumber.slice(10, 12)}-${plan.idNumber.slice(12, 14)}`,
      phone: plan.phone,
      card: plan.card,
      fundAccount: plan.fund && history ? fundAccountFrom(plan.fund, history.records) : null,
      fundRecords: history?.records ?? [],
      openingBalance: history?.opening ?? 0,
      taxRecords: generateTaxRecords(plan.tax, DEMO_SEED + 200 + index),
    }
  })
  const chen = residents.find((r) => r.name === '陈美玲')!
  const bindings: SeedBinding[] = [
    {
      bindingId: 'B-SEED-0001',
      residentRef: chen.residentRef,
      walletId: '0308000056260002',
      operatorCode: 'CMB',
      walletClass: 2,
      state: 'bound',
      updatedAt: '2025-06-18T02:15:00.000Z',
    },
  ]
  return { residents, wallets: [...DEMO_WALLETS], bindings, reference: referenceItems() }
}
