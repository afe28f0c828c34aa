/** The shapes of the demo seed: residents, wallets, bindings and the plans residents are built from. */
import type { FundAccount, FundRecord, ReferenceItem, TaxRecord } from '../../../shared/central'
import type { FundPlan } from './fund-history'
import type { TaxPlan } from './tax-history'

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
  /** The centre's housing and retirement facts (rent is refused to a home owner in the city). */
  facts: ResidentFacts
}

/** What only the centre knows about a resident, and the withdrawal rules decide on. */
export interface ResidentFacts {
  /** Owns a home in the city (from the property registry). */
  ownsHomeInCity: boolean
  /** Recorded as retired (from the pension records). */
  retired: boolean
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

/** One demo resident as written by hand; {@link buildDemoSeed} turns it into a {@link SeedResident}. */
export interface ResidentPlan {
  name: string
  idNumber: string
  phone: string
  card: SeedCard
  fund: FundPlan | null
  tax: TaxPlan
  /** Absent facts are false. */
  facts?: Partial<ResidentFacts>
}
