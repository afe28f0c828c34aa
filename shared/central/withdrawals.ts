/**
 * Withdrawals into the bound wallet: rent (once, or a monthly plan the resident can change or stop)
 * and retirement (the whole available balance, closing the account). The centre decides and pays;
 * the terminal asks the eligibility endpoint before its wizard, so that a refusal is explained
 * before the resident types anything. Amounts are fen; the caps are the centre's reference data
 * (kind `withdrawalRule`), never the terminal's.
 */
import { z } from 'zod'
import { FenNonNegative, IsoDate, Token, YearMonth } from './primitives'

/** Rent withdrawal: `once` pays the amount now; `plan` pays it on the pay day of every month. */
export const WithdrawRentPayload = z.object({
  residentRef: Token,
  mode: z.enum(['once', 'plan']),
  amountFen: z.number().int().safe().positive(),
})
/** Change the running plan's monthly amount, or stop it. */
export const RentPlanChangePayload = z.union([
  z.object({
    residentRef: Token,
    action: z.literal('change'),
    amountFen: z.number().int().safe().positive(),
  }),
  z.object({ residentRef: Token, action: z.literal('stop') }),
])
/** Retirement withdrawal: the amount is whatever is available when the centre applies it. */
export const WithdrawRetirePayload = z.object({ residentRef: Token })

/** Reference data `withdrawalRule:rent`: the centre's published rent rules. */
export const RentRuleData = z.object({
  /** The most a month of rent may withdraw (plan amount, and once = cap × months). */
  monthlyCapFen: z.number().int().safe().positive(),
  /** Day of the month a plan pays (1..28, so that every month has it). */
  payDay: z.number().int().min(1).max(28),
  /** A once withdrawal covers at most this many months since the last rent withdrawal. */
  maxMonths: z.number().int().min(1).max(60),
  /** Continuous months of deposits needed before rent may be withdrawn. */
  minDepositMonths: z.number().int().min(0).max(60),
})
export type RentRuleData = z.infer<typeof RentRuleData>

/** Why a withdrawal cannot start; the same codes the centre rejects an application with. */
export const WITHDRAWAL_REFUSALS = [
  'NO_FUND_ACCOUNT',
  'ACCOUNT_NOT_ACTIVE',
  'NOT_BOUND',
  'OWNS_HOME',
  'DEPOSITS_TOO_SHORT',
  'PLAN_RUNNING',
  'NOT_RETIRED',
  'NOTHING_TO_WITHDRAW',
] as const
export const WithdrawalRefusal = z.enum(WITHDRAWAL_REFUSALS)
export type WithdrawalRefusal = z.infer<typeof WithdrawalRefusal>

export const RentPlan = z.object({
  amountFen: FenNonNegative,
  /** The month of the next instalment and its pay date. */
  nextMonth: YearMonth,
  nextPayDate: IsoDate,
  paidCount: z.number().int().nonnegative(),
  applicationNo: z.string(),
})
export type RentPlan = z.infer<typeof RentPlan>

export const WithdrawalEligibilityRequest = z.object({})
/** What the wizard needs before it starts: reasons in codes, the figures the keypad enforces. */
export const WithdrawalEligibilityResponse = z.object({
  /** The bound wallet payments go to (last 4 only), or null. */
  wallet: z
    .object({ bindingId: z.string(), operatorCode: z.string(), walletIdLast4: z.string() })
    .nullable(),
  /** Balance − frozen. */
  availableFen: FenNonNegative,
  rent: z.object({
    /** Every reason a new rent withdrawal is refused, first the one a rejection would give. */
    refusals: z.array(WithdrawalRefusal),
    rule: RentRuleData,
    /** The most a once withdrawal may be: cap × months since the last one, within the balance. */
    maxOnceFen: FenNonNegative,
    /** The running monthly plan, if any (changing and stopping it are allowed then). */
    plan: RentPlan.nullable(),
  }),
  retire: z.object({ refusals: z.array(WithdrawalRefusal), amountFen: FenNonNegative }),
})
export type WithdrawalEligibilityResponse = z.infer<typeof WithdrawalEligibilityResponse>

/** What a decided withdrawal paid, as the status lookup tells it (已到账). */
export const WithdrawalPayout = z.object({
  amountFen: FenNonNegative,
  operatorCode: z.string(),
  walletIdLast4: z.string(),
  paidAt: z.iso.datetime({ offset: true }),
  /** A plan: how many instalments have been paid so far. */
  instalments: z.number().int().nonnegative().optional(),
})
export type WithdrawalPayout = z.infer<typeof WithdrawalPayout>
