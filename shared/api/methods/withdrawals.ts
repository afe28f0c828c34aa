/**
 * `fund.withdraw*`: withdrawals into the bound wallet. Rent once or as a monthly plan (changed or
 * stopped later), and retirement (the whole available balance; the account is closed). The
 * eligibility comes first: the centre's reasons in codes (words from i18n `fund.withdraw.refusals`)
 * and the figures the keypad enforces (the cap is the centre's reference data). Each submission
 * needs a fresh SMS confirmation of its purpose (`fund.confirmSend` / `fund.confirmVerify`) and
 * goes through the outbox like a bind: durable first, applied once, answered later if the centre
 * is down. Amounts are fen.
 */
import { z } from 'zod'
import { RentPlan, WithdrawalRefusal } from '../../central'
import { defineMethod } from '../define'
import { BilingualText, SubmissionResult } from './fund'

const Fen = z.number().int().safe().nonnegative()
const Amount = z.number().int().safe().positive().max(1_000_000_000)

/** The wallet payments go to, masked. */
export const PayoutWallet = z.object({
  bindingId: z.string(),
  operatorCode: z.string(),
  operatorName: BilingualText,
  walletIdMasked: z.string(),
})
export type PayoutWallet = z.infer<typeof PayoutWallet>

/** What the withdrawal wizard starts from. */
export const WithdrawalEligibility = z.object({
  wallet: PayoutWallet.nullable(),
  availableFen: Fen,
  rent: z.object({
    refusals: z.array(WithdrawalRefusal),
    monthlyCapFen: Fen,
    payDay: z.number().int(),
    maxMonths: z.number().int(),
    maxOnceFen: Fen,
    plan: RentPlan.nullable(),
  }),
  retire: z.object({ refusals: z.array(WithdrawalRefusal), amountFen: Fen }),
  /** A withdrawal of this resident still waiting in this terminal's outbox (one at a time). */
  queued: z.object({ localNo: z.string() }).nullable(),
})
export type WithdrawalEligibility = z.infer<typeof WithdrawalEligibility>

export const withdrawalMethods = {
  'fund.withdrawalEligibility': defineMethod({
    summary:
      'Whether the verified resident may withdraw rent (once or monthly) or on retirement, with the reasons, the cap, the available balance, the largest once amount, the running plan and the bound wallet. Errors: NOT_SIGNED_IN, CENTRAL_UNREACHABLE, CENTRAL_REJECTED.',
    input: z.object({}).strict(),
    output: WithdrawalEligibility,
    session: 'required',
  }),
  'fund.withdrawRent': defineMethod({
    summary:
      'Submits a rent withdrawal (once: paid now; plan: this amount every month on the pay day) through the outbox after a fresh SMS confirmation (purpose withdrawRent). Errors: NOT_SIGNED_IN, CONFIRMATION_REQUIRED, FUND_REFUSED (detail = the reason, e.g. AMOUNT_ABOVE_CAP), STORE_WRITE_FAILED.',
    input: z.object({ mode: z.enum(['once', 'plan']), amountFen: Amount }).strict(),
    output: SubmissionResult,
    session: 'required',
  }),
  'fund.rentPlanChange': defineMethod({
    summary:
      'Changes the running plan’s monthly amount or stops it, after a fresh SMS confirmation (purpose rentPlanChange). Errors: NOT_SIGNED_IN, CONFIRMATION_REQUIRED, FUND_REFUSED (NO_PLAN, AMOUNT_ABOVE_CAP), STORE_WRITE_FAILED.',
    input: z.discriminatedUnion('action', [
      z.object({ action: z.literal('change'), amountFen: Amount }).strict(),
      z.object({ action: z.literal('stop') }).strict(),
    ]),
    output: SubmissionResult,
    session: 'required',
  }),
  'fund.withdrawRetire': defineMethod({
    summary:
      'Submits a retirement withdrawal of the whole available balance into the bound wallet, closing the account, after a fresh SMS confirmation (purpose withdrawRetire). Errors: NOT_SIGNED_IN, CONFIRMATION_REQUIRED, FUND_REFUSED (NOT_RETIRED, NOT_BOUND, …), STORE_WRITE_FAILED.',
    input: z.object({}).strict(),
    output: SubmissionResult,
    session: 'required',
  }),
}
