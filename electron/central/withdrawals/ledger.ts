/**
 * A resident's fund account as it stands now: the seed's generated history (fixed, regenerated on
 * every start) plus what the centre paid out since, kept in the state's ledger. Every route that
 * shows or decides on the account reads it through here, so a payment shows in the balance, the
 * records and the next decision alike.
 */
import type { FundAccount, FundBusinessType, FundRecord } from '../../../shared/central'
import { chinaToday } from '../../../shared/domain/fund'
import type { SeedResident } from '../seed'
import type { CentralState, StoredBinding } from '../state'

/** The account with the ledger's payments applied (balance, and status 05 once closed). */
export function accountOf(st: CentralState, resident: SeedResident): FundAccount | null {
  const account = resident.fundAccount
  if (!account) return null
  const ledger = st.ledger[resident.residentRef]
  const last = ledger?.entries.at(-1)?.record
  return {
    ...account,
    balance: last ? last.balanceAfter : account.balance,
    ...(ledger?.closed ? { status: '05' as const } : {}),
  }
}

/** Seed records and paid withdrawals, oldest first. */
export function recordsOf(st: CentralState, resident: SeedResident): FundRecord[] {
  const paid = st.ledger[resident.residentRef]?.entries.map((e) => e.record) ?? []
  return [...resident.fundRecords, ...paid]
}

/** What may be withdrawn: balance − frozen, never below 0. */
export function availableOf(account: FundAccount | null): number {
  return account ? Math.max(0, account.balance - account.frozenAmount) : 0
}

/** The words a paid record and its message show: "招商银行 ****0002". */
export function walletWords(st: CentralState, binding: StoredBinding): string {
  const item = st.reference.items[`walletOperator:${binding.operatorCode}`]
  const name = item?.kind === 'walletOperator' && item.data ? item.data.name : binding.operatorCode
  return `${name} ****${binding.walletId.slice(-4)}`
}

/** The resident's binding payments go to (`bound` only), or undefined. */
export function boundBindingOf(st: CentralState, residentRef: string): StoredBinding | undefined {
  return Object.values(st.bindings).find(
    (b) => b.residentRef === residentRef && b.state === 'bound',
  )
}

/**
 * Pays `amountFen` out of the account into the wallet: one fund record of type 11 (部分提取) or 12
 * (销户提取) with the summary "转入数字钱包 <operator> ****<last 4>". The caller has checked that
 * the available balance covers it.
 */
export function payIntoWallet(
  st: CentralState,
  resident: SeedResident,
  payment: {
    amountFen: number
    purpose: 'rent' | 'retire'
    binding: StoredBinding
    id: string
    now: Date
  },
): FundRecord {
  const account = accountOf(st, resident)
  const balance = account?.balance ?? 0
  const type: FundBusinessType = payment.purpose === 'retire' ? '12' : '11'
  const record: FundRecord = {
    id: payment.id,
    date: chinaToday(payment.now),
    businessType: type,
    amount: -payment.amountFen,
    balanceAfter: balance - payment.amountFen,
    summary: `转入数字钱包 ${walletWords(st, payment.binding)}`,
  }
  const ledger = (st.ledger[resident.residentRef] ??= { entries: [] })
  ledger.entries.push({ record, purpose: payment.purpose })
  if (payment.purpose === 'retire') ledger.closed = true
  return record
}

/**
 * Continuous months of deposits (汇缴 01 / 补缴 02) counted back from the latest deposit month.
 * A month without one breaks the run.
 */
export function continuousDepositMonths(records: readonly FundRecord[]): number {
  const months = new Set(
    records
      .filter((r) => r.businessType === '01' || r.businessType === '02')
      .map((r) => r.date.slice(0, 7)),
  )
  const latest = [...months].sort().at(-1)
  if (!latest) return 0
  let [y, m] = latest.split('-').map(Number) as [number, number]
  let count = 0
  while (months.has(`${y}-${String(m).padStart(2, '0')}`)) {
    count++
    m--
    if (m === 0) {
      m = 12
      y--
    }
  }
  return count
}

/** Whole months from `fromDate` to `toDate` (`YYYY-MM-DD`), by calendar month. */
export function monthsFrom(fromDate: string, toDate: string): number {
  const [fy, fm] = fromDate.split('-').map(Number) as [number, number]
  const [ty, tm] = toDate.split('-').map(Number) as [number, number]
  return (ty - fy) * 12 + (tm - fm)
}

/**
 * Months a once rent withdrawal may cover: since the last rent withdrawal (the seed's 租赁住房提取
 * or a paid rent withdrawal), at most `maxMonths`; `maxMonths` when there was none.
 */
export function monthsSinceRent(
  st: CentralState,
  resident: SeedResident,
  today: string,
  maxMonths: number,
): number {
  const seeded = resident.fundRecords
    .filter((r) => r.businessType === '11' && r.summary.includes('租'))
    .map((r) => r.date)
  const paid = (st.ledger[resident.residentRef]?.entries ?? [])
    .filter((e) => e.purpose === 'rent')
    .map((e) => e.record.date)
  const last = [...seeded, ...paid].sort().at(-1)
  return last ? Math.max(0, Math.min(maxMonths, monthsFrom(last, today))) : maxMonths
}
