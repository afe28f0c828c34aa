/**
 * Applications: the terminal's outbox items, pushed in batches with idempotency keys and payload
 * fingerprints (IETF Idempotency-Key draft). The centre applies each key at most once and answers a
 * repeat with the first result; the same key with another fingerprint is a conflict. Accepted and
 * rejected items come with a receipt the centre signs with the terminal's key (see signing.ts), so
 * the terminal can prove what the centre acknowledged.
 */
import { z } from 'zod'
import { IsoDateTime, Sha256Hex, Token } from './primitives'
import { WalletBindingState } from './fund'
import {
  RentPlanChangePayload,
  WithdrawRentPayload,
  WithdrawRetirePayload,
  WithdrawalPayout,
} from './withdrawals'

export const APPLICATION_KINDS = [
  'bind',
  'unbind',
  'feedback',
  'callStaff',
  'audit',
  'withdrawRent',
  'rentPlanChange',
  'withdrawRetire',
] as const
export const ApplicationKind = z.enum(APPLICATION_KINDS)
export type ApplicationKind = z.infer<typeof ApplicationKind>

/** Bind a wallet to the resident's fund account. The centre checks the wallet registry. */
export const BindPayload = z.object({
  residentRef: Token,
  operatorCode: z.string().min(1).max(32),
  walletId: z.string().regex(/^[0-9A-Za-z]{8,32}$/),
})
/** Unbind one of the resident's bindings (from the wallet-bindings endpoint). */
export const UnbindPayload = z.object({ residentRef: Token, bindingId: z.string().min(1).max(64) })
export const FeedbackPayload = z.object({
  category: z.enum(['complaint', 'suggestion', 'praise', 'other']),
  text: z.string().min(1).max(2000),
  service: z.string().max(64).optional(),
  residentRef: Token.optional(),
  /** The ticket number the terminal printed (issued offline too); staff quote it. */
  ticketNo: z.string().max(40).optional(),
  /** A call-back phone, sealed with the terminal's key (see contact-seal.ts). */
  contactSealed: z.string().max(200).optional(),
})
export const CallStaffPayload = z.object({
  reason: z.string().max(200).optional(),
  service: z.string().max(64).optional(),
  /** The terminal's id for the request (the supervisor dashboard lists it by this). */
  requestId: z.string().max(64).optional(),
  /** Where the resident was: screen, wizard step, last error code shown. */
  screen: z.string().max(64).optional(),
  step: z.string().max(64).optional(),
  lastError: z.string().max(64).optional(),
  /** `林** 350102********3417` when a resident was signed in. Masked, never in full. */
  maskedIdentity: z.string().max(64).optional(),
})
/** Audit entries the terminal forwards; masked by the terminal, stored as given. */
export const AuditPayload = z.record(z.string(), z.unknown())

/** The payload schema of each application kind. */
export const APPLICATION_PAYLOADS = {
  bind: BindPayload,
  unbind: UnbindPayload,
  feedback: FeedbackPayload,
  callStaff: CallStaffPayload,
  audit: AuditPayload,
  withdrawRent: WithdrawRentPayload,
  rentPlanChange: RentPlanChangePayload,
  withdrawRetire: WithdrawRetirePayload,
} as const
export type ApplicationPayload<K extends ApplicationKind> = z.infer<
  (typeof APPLICATION_PAYLOADS)[K]
>

/**
 * One outbox item as pushed. The payload is checked per kind by the centre, item by item, so one
 * malformed item is rejected (PAYLOAD_INVALID) without failing its batch.
 */
export const OutboxItem = z.object({
  idempotencyKey: Token,
  /** sha256 hex of the canonical JSON of `payload` ({@link fingerprintPayload} in canonical-json.ts). */
  fingerprint: Sha256Hex,
  kind: ApplicationKind,
  payload: z.unknown(),
  createdAt: IsoDateTime,
  terminalId: Token,
})
export type OutboxItem = z.infer<typeof OutboxItem>

export const ApplicationStatus = z.enum(['submitted', 'accepted', 'rejected'])
export type ApplicationStatus = z.infer<typeof ApplicationStatus>

/** Why the centre refused an item. Permanent: the terminal records it and moves on. */
export const APPLICATION_REJECTION_CODES = [
  'PAYLOAD_INVALID',
  'FINGERPRINT_MISMATCH',
  'TERMINAL_MISMATCH',
  'RESIDENT_NOT_FOUND',
  'NO_FUND_ACCOUNT',
  'ACCOUNT_CLOSED',
  'ACCOUNT_FROZEN',
  'OPERATOR_NOT_PARTNER',
  'WALLET_NOT_FOUND',
  'WALLET_CLASS_NOT_ALLOWED',
  'WALLET_HOLDER_MISMATCH',
  'ALREADY_BOUND',
  'APPLICATION_IN_FLIGHT',
  'NOT_BOUND',
  'ACCOUNT_NOT_ACTIVE',
  'OWNS_HOME',
  'DEPOSITS_TOO_SHORT',
  'PLAN_RUNNING',
  'NO_PLAN',
  'AMOUNT_ABOVE_CAP',
  'AMOUNT_ABOVE_AVAILABLE',
  'NOT_RETIRED',
  'NOTHING_TO_WITHDRAW',
] as const
export const ApplicationRejectionCode = z.enum(APPLICATION_REJECTION_CODES)
export type ApplicationRejectionCode = z.infer<typeof ApplicationRejectionCode>

/** What the centre signs. `payloadHash` is the fingerprint it computed from the payload it applied. */
export const ReceiptBody = z.object({
  applicationNo: z.string(),
  idempotencyKey: Token,
  payloadHash: Sha256Hex,
  status: z.enum(['accepted', 'rejected']),
  at: IsoDateTime,
})
export type ReceiptBody = z.infer<typeof ReceiptBody>
/** A receipt: the body plus the centre's HMAC-SHA256 (hex) with the terminal's key. */
export const SignedReceipt = ReceiptBody.extend({ signature: z.string().regex(/^[0-9a-f]{64}$/) })
export type SignedReceipt = z.infer<typeof SignedReceipt>

export const ApplicationResult = z.discriminatedUnion('outcome', [
  z.object({
    idempotencyKey: z.string(),
    outcome: z.literal('accepted'),
    /** Application no. for bind/unbind; the ticket no. for feedback, callStaff and audit. */
    applicationNo: z.string(),
    /** Things to tell the resident although the item was accepted, e.g. ACCOUNT_SEALED. */
    notices: z.array(z.string()).optional(),
    /** True when this is the stored answer to an earlier push of the same key. */
    repeated: z.boolean(),
    receipt: SignedReceipt,
  }),
  z.object({
    idempotencyKey: z.string(),
    outcome: z.literal('rejected'),
    applicationNo: z.string(),
    code: ApplicationRejectionCode,
    reason: z.string(),
    repeated: z.boolean(),
    receipt: SignedReceipt,
  }),
  z.object({
    idempotencyKey: z.string(),
    outcome: z.literal('conflict'),
    code: z.literal('IDEMPOTENCY_CONFLICT'),
    reason: z.string(),
  }),
])
export type ApplicationResult = z.infer<typeof ApplicationResult>

/** At most this many items per push (the terminal sends bounded batches). */
export const MAX_BATCH_ITEMS = 50

export const ApplicationsBatchRequest = z.object({
  items: z.array(OutboxItem).min(1).max(MAX_BATCH_ITEMS),
})
/** One result per item, in request order. A single-item push whose item conflicts answers 422. */
export const ApplicationsBatchResponse = z.object({ results: z.array(ApplicationResult) })

export const ApplicationStatusRequest = z.object({
  /** The centre's number, or for feedback the ticket number the terminal printed. */
  applicationNo: z.string().min(1).max(32),
  /**
   * Last 4 characters of the applicant's ID number (for anonymous feedback: of the call-back
   * phone). Required for every kind; the centre answers 404 alike for an unknown number and a
   * wrong last 4, and 429 (Retry-After) past 30 lookups a minute from one terminal.
   */
  idLast4: z
    .string()
    .regex(/^\d{3}[\dXx]$/)
    .transform((s) => s.toUpperCase()),
})
export const ApplicationStatusResponse = z.object({
  applicationNo: z.string(),
  kind: ApplicationKind,
  status: ApplicationStatus,
  code: ApplicationRejectionCode.optional(),
  reason: z.string().optional(),
  createdAt: IsoDateTime,
  decidedAt: IsoDateTime.optional(),
  /** For feedback: when the centre answered the resident (已答复). */
  repliedAt: IsoDateTime.optional(),
  /** For bind/unbind: where the binding stands now. */
  binding: z
    .object({ state: WalletBindingState, operatorCode: z.string(), walletIdLast4: z.string() })
    .optional() /** For a withdrawal: what was paid into the wallet (已到账); none before a plan's first pay day. */,
  payout: WithdrawalPayout.optional(),
})
