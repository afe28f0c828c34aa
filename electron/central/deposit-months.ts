/**
 * How many months in a row a resident has paid into the fund, for the deposit certificate
 * (连续缴存月数): banks read it as "employed and paying without a gap". A 汇缴 (01) covers the
 * month it was paid in; a 补缴 (02) covers the month its summary names (`2025年03月 补缴`), so a
 * month paid late still counts, as the centre's own ledger does. Pure.
 */
import type { FundRecord } from '../../shared/central'
import { addMonths } from '../../shared/domain/tax'

const SUMMARY_MONTH = /^(\d{4})年(\d{2})月/

/** The month a deposit record pays for, or null when the record is no deposit. */
function monthPaidFor(record: FundRecord): string | null {
  if (record.businessType === '01') return record.date.slice(0, 7)
  if (record.businessType !== '02') return null
  const m = SUMMARY_MONTH.exec(record.summary)
  return m ? `${m[1]}-${m[2]}` : record.date.slice(0, 7)
}

/** Months with a deposit, counted back from `paidUpTo` until the first month without one. */
export function continuousDepositMonths(records: readonly FundRecord[], paidUpTo: string): number {
  const paid = new Set(records.map(monthPaidFor).filter((m): m is string => m !== null))
  let months = 0
  for (let month = paidUpTo; paid.has(month); month = addMonths(month, -1)) months++
  return months
}
