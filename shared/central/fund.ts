/**
 * Housing provident fund: account, records and wallet bindings. Field names follow JGJ/T 320-2014
 * where it has one; all amounts are fen.
 */
import { z } from 'zod'
import {
  Fen,
  FenNonNegative,
  IsoDate,
  IsoDateTime,
  PageInfo,
  PageNumber,
  PageSize,
  YearMonth,
} from './primitives'

/** Account status codes (JGJ/T 320-2014): 01 active, 02 sealed, 03/04/05 closed kinds, 06 frozen, 99 other. */
export const FUND_ACCOUNT_STATUSES = ['01', '02', '03', '04', '05', '06', '99'] as const
export const FundAccountStatus = z.enum(FUND_ACCOUNT_STATUSES)
export type FundAccountStatus = z.infer<typeof FundAccountStatus>

/** Fund business types (JGJ/T 320-2014); labels come from reference data. */
export const FUND_BUSINESS_TYPES = [
  '01',
  '02',
  '03',
  '04',
  '05',
  '06',
  '07',
  '08',
  '09',
  '10',
  '11',
  '12',
  '13',
  '14',
  '15',
  '99',
] as const
export const FundBusinessType = z.enum(FUND_BUSINESS_TYPES)
export type FundBusinessType = z.infer<typeof FundBusinessType>

export const FundAccount = z.object({
  /** 个人账号, up to 20 characters. */
  accountNo: z.string().max(20),
  employerName: z.string(),
  employerNo: z.string(),
  status: FundAccountStatus,
  balance: FenNonNegative,
  carriedOverBalance: FenNonNegative,
  thisYearDeposits: FenNonNegative,
  monthlyDeposit: z.object({ personal: FenNonNegative, employer: FenNonNegative }),
  depositBase: FenNonNegative,
  /** Percent, e.g. 12 for 12 %. */
  depositRatio: z.object({ personal: z.number().int(), employer: z.number().int() }),
  /** 缴至年月. */
  paidUpTo: YearMonth,
  frozenAmount: FenNonNegative,
  openedDate: IsoDate,
})
export type FundAccount = z.infer<typeof FundAccount>

export const FundAccountRequest = z.object({})
/** `account: null` means the resident has no fund account (not an error: the "no account" path). */
export const FundAccountResponse = z.object({ account: FundAccount.nullable() })

export const FundRecord = z.object({
  id: z.string(),
  date: IsoDate,
  businessType: FundBusinessType,
  /** Signed: deposits and interest positive, withdrawals and transfers out negative. */
  amount: Fen,
  balanceAfter: Fen,
  summary: z.string(),
})
export type FundRecord = z.infer<typeof FundRecord>

/** Query of GET fund records; dates inclusive. Newest first. */
export const FundRecordsRequest = z.object({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  businessType: FundBusinessType.optional(),
  page: PageNumber,
  pageSize: PageSize,
})
export const FundRecordsResponse = z.object({
  items: z.array(FundRecord),
  ...PageInfo,
  /** Over every record matching the filter, not just this page. debit is a magnitude. */
  totals: z.object({ credit: FenNonNegative, debit: FenNonNegative, net: Fen }),
})

export const WALLET_BINDING_STATES = [
  'pending',
  'bound',
  'rejected',
  'unbinding',
  'unbound',
] as const
export const WalletBindingState = z.enum(WALLET_BINDING_STATES)
export type WalletBindingState = z.infer<typeof WalletBindingState>

export const WalletClass = z.number().int().min(1).max(4)

export const WalletBinding = z.object({
  bindingId: z.string(),
  operatorCode: z.string(),
  /** Last 4 only: the full wallet id never comes back from the centre. */
  walletIdLast4: z.string(),
  walletClass: WalletClass,
  state: WalletBindingState,
  applicationNo: z.string().optional(),
  /** The application the binding waits on: the bind while `pending`, the unbind while `unbinding`. */
  pendingApplicationNo: z.string().optional(),
  updatedAt: IsoDateTime,
})
export type WalletBinding = z.infer<typeof WalletBinding>

export const WalletBindingsRequest = z.object({})
/** Current and past bindings of the resident's fund account (past = unbound / rejected). */
export const WalletBindingsResponse = z.object({ bindings: z.array(WalletBinding) })
