/**
 * `fund.*`: the housing provident fund services: bind the fund account to a
 * digital wallet, unbind it, balance and records, a printed statement, and the application status
 * lookup. Resident-scoped methods need a verified resident (`NOT_SIGNED_IN` otherwise); the
 * status lookup and the wallet list need no sign-in.
 *
 * Bind and unbind are confirmed with a fresh SMS code (`fund.confirmSend` → `fund.confirmVerify`),
 * then submitted through the outbox: the answer says `submitted` only once the application is
 * durable on the terminal, with a terminal-side number (`localNo`) that works in
 * `fund.applicationStatus` at once and after the centre answered (the terminal maps it to the
 * centre's number). Personal data crosses masked, except the resident's own balance and records.
 */
import { z } from 'zod'
import {
  ApplicationRejectionCode,
  FundAccountStatus,
  FundBusinessType,
  WalletBindingState,
} from '../../central'
import { defineMethod } from '../define'
import { BIND_REFUSALS, RECORD_RANGE_PRESETS, UNBIND_REFUSALS } from '../../domain/fund'
import { lookupNumber } from '../../domain/scanned-code'

const IsoDate = z.iso.date()
const IsoDateTime = z.iso.datetime({ offset: true })
const Fen = z.number().int().safe()

/** Zh + en words from reference data (operator names, business-type labels). */
export const BilingualText = z.object({ zh: z.string(), en: z.string() })
export type BilingualText = z.infer<typeof BilingualText>

/** A partner wallet operator a resident may choose (enabled ones, in the centre's order). */
export const WalletOperatorView = z.object({
  code: z.string(),
  name: BilingualText,
  notes: BilingualText.nullable(),
})
export type WalletOperatorView = z.infer<typeof WalletOperatorView>

/** A wallet binding as shown: operator and the wallet id's last 4 only. */
export const BindingView = z.object({
  bindingId: z.string(),
  operatorCode: z.string(),
  operatorName: BilingualText,
  /** `************2151`. */
  walletIdMasked: z.string(),
  walletClass: z.number().int().min(1).max(4),
  state: WalletBindingState,
  /** When the binding last changed state (bound since, for a bound one). */
  since: IsoDateTime,
  /** The centre's number of the bind (`pending`) or unbind (`unbinding`) still being decided. */
  pendingApplicationNo: z.string().nullable(),
})
export type BindingView = z.infer<typeof BindingView>

export const BindRefusal = z.enum(BIND_REFUSALS)
export const UnbindRefusal = z.enum(UNBIND_REFUSALS)

/** Where the resident's fund account and wallet binding stand: the first step of bind and unbind. */
export const FundBindingState = z.object({
  /** Null: no fund account (explain and point to the counter). */
  account: z
    .object({ status: FundAccountStatus, accountNoMasked: z.string(), employerName: z.string() })
    .nullable(),
  /** The binding that is bound or on its way (pending / unbinding), if any. */
  current: BindingView.nullable(),
  bindRefusal: BindRefusal.nullable(),
  unbindRefusal: UnbindRefusal.nullable(),
  /** Things to tell the resident although a bind is allowed: `ACCOUNT_SEALED`. */
  notices: z.array(z.string()),
  /** An application of this resident still waiting in this terminal's outbox. */
  queued: z.object({ kind: z.enum(['bind', 'unbind']), localNo: z.string() }).nullable(),
})
export type FundBindingState = z.infer<typeof FundBindingState>

/** The fund account as the balance screen shows it (the resident's own figures; account no. masked). */
export const FundAccountView = z.object({
  accountNoMasked: z.string(),
  status: FundAccountStatus,
  employerName: z.string(),
  balance: Fen,
  monthlyDeposit: z.object({ personal: Fen, employer: Fen, total: Fen }),
  depositBase: Fen,
  depositRatio: z.object({ personal: z.number().int(), employer: z.number().int() }),
  paidUpTo: z.string(),
  frozenAmount: Fen,
  openedDate: IsoDate,
  /** When the centre answered (the data's time). */
  dataTime: IsoDateTime,
})
export type FundAccountView = z.infer<typeof FundAccountView>

export const FundRecordView = z.object({
  id: z.string(),
  date: IsoDate,
  businessType: FundBusinessType,
  typeLabel: BilingualText,
  /** Signed fen: deposits positive, withdrawals negative. */
  amount: Fen,
  balanceAfter: Fen,
  /** Withdrawals (11, 12): the centre's summary, e.g. where the money went ("转入数字钱包 …"). */
  summary: z.string().optional(),
})
export type FundRecordView = z.infer<typeof FundRecordView>

/** Records filter: a date range (inclusive) and an optional business type. */
export const FundRecordsFilter = z
  .object({
    from: IsoDate,
    to: IsoDate,
    businessType: FundBusinessType.optional(),
  })
  .strict()
  .refine((f) => f.from <= f.to, { message: 'from must not be after to', path: ['from'] })
export type FundRecordsFilter = z.infer<typeof FundRecordsFilter>

export const RecordRangePreset = z.enum(RECORD_RANGE_PRESETS)

/** What an application became, as the result and status screens show it. */
export const ApplicationView = z.object({
  /** The terminal-side number, when this terminal took the application. */
  localNo: z.string().nullable(),
  /** The centre's number once it has answered. */
  applicationNo: z.string().nullable(),
  kind: z.enum(['bind', 'unbind', 'feedback', 'withdrawRent', 'rentPlanChange', 'withdrawRetire']),
  /**
   * `waiting`: durable on the terminal, the centre has not answered yet (已受理，待中心确认);
   * `submitted`: the centre holds it, undecided; `accepted` / `rejected`: decided;
   * `replied`: feedback the centre has answered (已答复).
   */
  status: z.enum(['waiting', 'submitted', 'accepted', 'rejected', 'replied']),
  /** For `rejected`: the centre's reason code (words come from i18n `fund.rejections.<code>`). */
  rejection: z.union([ApplicationRejectionCode, z.string()]).nullable(),
  notices: z.array(z.string()),
  binding: z
    .object({
      state: WalletBindingState,
      operatorCode: z.string(),
      operatorName: BilingualText,
      walletIdMasked: z.string(),
    })
    .nullable(),
  createdAt: IsoDateTime,
  decidedAt: IsoDateTime.nullable(),
  /** A withdrawal: what it asks for (a plan change: the new amount; a stop or retirement: none). */
  withdrawal: z
    .object({
      mode: z.enum(['once', 'plan', 'change', 'stop', 'retire']),
      amountFen: z.number().int().nullable(),
      /** A plan: the day of the month it pays. */
      payDay: z.number().int().optional(),
    })
    .optional(),
  /** A withdrawal the centre has paid into the wallet (已到账); a plan: the sum so far. */
  payout: z
    .object({
      amountFen: z.number().int(),
      operatorName: BilingualText,
      walletIdMasked: z.string(),
      paidAt: IsoDateTime,
      instalments: z.number().int().optional(),
    })
    .optional(),
})
export type ApplicationView = z.infer<typeof ApplicationView>

/** The answer of bind and unbind: the application and the receipt the resident may print. */
export const SubmissionResult = z.object({
  application: ApplicationView,
  printableId: z.string().uuid(),
})
export type SubmissionResult = z.infer<typeof SubmissionResult>

/** What a fresh SMS confirmation is for; one confirmation serves one submission. */
export const ConfirmPurpose = z.enum([
  'bind',
  'unbind',
  'withdrawRent',
  'rentPlanChange',
  'withdrawRetire',
])
export type ConfirmPurpose = z.infer<typeof ConfirmPurpose>

export const fundMethods = {
  'fund.walletOperators': defineMethod({
    summary:
      'The partner wallet operators from synced reference data: enabled ones only, in the centre’s order, with their notes. No sign-in needed (wallet guide).',
    input: z.object({}).strict(),
    output: z.object({ operators: z.array(WalletOperatorView) }),
  }),
  'fund.bindingState': defineMethod({
    summary:
      'The verified resident’s fund account (status, masked no.) and current wallet binding, and whether a bind or an unbind may start (refusal codes otherwise). Errors: NOT_SIGNED_IN, CENTRAL_UNREACHABLE, CENTRAL_REJECTED.',
    input: z.object({}).strict(),
    output: FundBindingState,
    session: 'required',
  }),
  'fund.confirmSend': defineMethod({
    summary:
      'Sends a fresh SMS code to the verified resident’s phone to confirm a bind or unbind. Errors: NOT_SIGNED_IN, SMS_RESEND_TOO_SOON, RATE_LIMITED, CENTRAL_UNREACHABLE.',
    input: z.object({ purpose: ConfirmPurpose }).strict(),
    output: z.object({
      phoneMasked: z.string(),
      expiresInSeconds: z.number().int().nonnegative(),
      resendInSeconds: z.number().int().nonnegative(),
      codeLength: z.literal(6),
    }),
    session: 'required',
  }),
  'fund.confirmVerify': defineMethod({
    summary:
      'Checks the confirmation code; a success lets one bind or unbind of that purpose be submitted within 5 minutes. Errors: SMS_NOT_SENT, SMS_CODE_WRONG (attemptsLeft=N), SMS_CODE_EXPIRED, SMS_CODE_VOID, CENTRAL_UNREACHABLE.',
    input: z.object({ purpose: ConfirmPurpose, code: z.string().regex(/^\d{6}$/) }).strict(),
    output: z.object({ confirmed: z.literal(true) }),
    session: 'required',
  }),
  'fund.bind': defineMethod({
    summary:
      'Submits a bind through the outbox after the agreement was accepted and a fresh SMS confirmation; answers once the application is durable, with the centre’s decision if it came within a few seconds (else status waiting). Errors: NOT_SIGNED_IN, CONFIRMATION_REQUIRED, FUND_REFUSED (detail = the rule), STORE_WRITE_FAILED, CENTRAL_UNREACHABLE (only before submission).',
    input: z
      .object({
        operatorCode: z.string().min(1).max(32),
        walletId: z.string().regex(/^\d{8,32}$/),
        agreementAccepted: z.literal(true),
      })
      .strict(),
    output: SubmissionResult,
    session: 'required',
  }),
  'fund.unbind': defineMethod({
    summary:
      'Submits the unbind of the resident’s bound wallet through the outbox after a fresh SMS confirmation; same answer as fund.bind. Errors: NOT_SIGNED_IN, CONFIRMATION_REQUIRED, FUND_REFUSED, STORE_WRITE_FAILED.',
    input: z.object({ bindingId: z.string().min(1).max(64) }).strict(),
    output: SubmissionResult,
    session: 'required',
  }),
  'fund.applicationStatus': defineMethod({
    summary:
      'Looks an application up by its number (the terminal’s Q… number or the centre’s: BD, UB, ZF, ZG, TQ, FK; a number with one of these letters must have its kind’s exact shape, else INVALID_INPUT) or a feedback ticket by its ticket number (FK…-……), with the last 4 characters of the applicant’s ID number (anonymous feedback: of its call-back phone); no sign-in needed; at most 30 lookups a minute per terminal (centre and terminal each count). Errors: APPLICATION_NOT_FOUND, LOOKUP_RATE_LIMITED, CENTRAL_UNREACHABLE.',
    input: z
      .object({
        number: z
          .string()
          .max(64)
          .transform((s, ctx) => {
            const number = lookupNumber(s)
            if (number === null) {
              ctx.addIssue({ code: 'custom', message: 'not an application or ticket number' })
              return z.NEVER
            }
            return number
          }),
        idLast4: z
          .string()
          .regex(/^\d{3}[\dXx]$/)
          .transform((s) => s.toUpperCase()),
      })
      .strict(),
    output: ApplicationView,
    session: 'required',
  }),
  'fund.account': defineMethod({
    summary:
      'The verified resident’s fund account for the balance screen (never cached). Errors: NOT_SIGNED_IN, FUND_REFUSED (NO_FUND_ACCOUNT), CENTRAL_UNREACHABLE.',
    input: z.object({}).strict(),
    output: FundAccountView,
    session: 'required',
  }),
  'fund.records': defineMethod({
    summary:
      'One page of the resident’s fund records in a date range, optionally of one business type, newest first, with totals over the whole range (never cached). Errors: NOT_SIGNED_IN, FUND_REFUSED (NO_FUND_ACCOUNT), CENTRAL_UNREACHABLE.',
    input: z
      .object({
        from: IsoDate,
        to: IsoDate,
        businessType: FundBusinessType.optional(),
        page: z.number().int().min(1).max(10_000).default(1),
        pageSize: z.number().int().min(1).max(50).default(10),
      })
      .strict()
      .refine((f) => f.from <= f.to, { message: 'from must not be after to', path: ['from'] }),
    output: z.object({
      items: z.array(FundRecordView),
      page: z.number().int(),
      pageSize: z.number().int(),
      total: z.number().int(),
      totals: z.object({ credit: Fen, debit: Fen, net: Fen }),
    }),
    session: 'required',
  }),
  'fund.statement': defineMethod({
    summary:
      'Prepares an A4 statement of the filtered records for printing (print.preview / print.print with the printableId). Errors: NOT_SIGNED_IN, FUND_REFUSED (NO_FUND_ACCOUNT, TOO_MANY_RECORDS), CENTRAL_UNREACHABLE.',
    input: FundRecordsFilter,
    output: z.object({ printableId: z.string().uuid(), rows: z.number().int() }),
    session: 'required',
  }),
}
