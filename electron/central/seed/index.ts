/**
 * The bundled central service's demo data (the demo residents in the README): exactly the five residents
 * of the table, their fund accounts, records and tax rows, a wallet registry and the reference data.
 * Generated deterministically from a fixed PRNG seed and a fixed as-of date (never the clock, never
 * Math.random), so tests can recompute expected rows and totals with {@link buildDemoSeed}.
 *
 * One file per resident under residents/; the generators in fund-history.ts and tax-history.ts.
 */
import { fundAccountFrom, fundHistory } from './fund-history'
import { createPrng, DEMO_SEED, intBetween } from './random'
import { referenceItems } from './reference'
import { CHEN_MEILING } from './residents/chen-meiling'
import { HUANG_ZIXUAN } from './residents/huang-zixuan'
import { LIN_XIAOFENG } from './residents/lin-xiaofeng'
import { WANG_JIANGUO } from './residents/wang-jianguo'
import { ZHENG_XIUYING } from './residents/zheng-xiuying'
import { generateTaxRecords } from './tax-history'
import type { DemoSeed, ResidentPlan, SeedBinding, SeedResident } from './types'
import { DEMO_WALLETS } from './wallets'

export { createPrng, DEMO_SEED, SEED_AS_OF } from './random'
export type {
  DemoSeed,
  ResidentFacts,
  SeedBinding,
  SeedCard,
  SeedResident,
  SeedWallet,
} from './types'
export { DEMO_WALLETS } from './wallets'
export { DEMO_RENT_RULE } from './reference'

/** The residents in table order; the order fixes each one's residentRef and generator seeds. */
const RESIDENT_PLANS: ResidentPlan[] = [
  LIN_XIAOFENG,
  CHEN_MEILING,
  WANG_JIANGUO,
  ZHENG_XIUYING,
  HUANG_ZIXUAN,
]

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
      facts: {
        ownsHomeInCity: plan.facts?.ownsHomeInCity ?? false,
        retired: plan.facts?.retired ?? false,
      },
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
