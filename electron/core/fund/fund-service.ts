/**
 * The fund services: bind / unbind through the outbox, balance and records from the centre, a
 * printed statement, and the application status lookup. This file only builds the parts:
 * `account.ts` (balance, records, statement), `applications.ts` (binding state, bind / unbind,
 * status lookup), `withdrawals.ts` (rent and retirement withdrawals into the wallet),
 * `confirmation.ts` (the fresh SMS confirmation) and `documents.ts` (receipts and
 * the statement as printed).
 *
 * Privacy: balance and records are fetched per call and never stored. What the outbox keeps on
 * disk is what the centre needs to apply the application — the resident's pseudonym
 * (`residentRef`), the operator and, for bind, the wallet id (masked to its last 4 once the centre
 * answered: store/answered-payload.ts) — plus the applicant's masked ID number (first 6 + last 4),
 * which lets the status lookup check the last 4 before the centre has answered. No name, full ID
 * number or phone goes to disk.
 */
import type { WalletOperatorView } from '../../../shared/api'
import { createFundAccount } from './account'
import { createFundApplications } from './applications'
import { createFundConfirmation } from './confirmation'
import { createFundContext, type FundServiceDeps } from './context'
import { createFundWithdrawals, type FundWithdrawals } from './withdrawals'

export { STATEMENT_MAX_ROWS } from './account'
export { DEFAULT_ANSWER_WAIT_MS } from './applications'
export { CONFIRMATION_VALID_MS } from './confirmation'
export { FUND_OUTBOX_KINDS, type FundServiceDeps } from './context'

/**
 * The fund's parts, each holding its own methods: the handlers (api/fund.ts) call them directly,
 * so a method is written once, where it lives.
 */
export interface FundService {
  walletOperators(): WalletOperatorView[]
  /** Binding state, bind / unbind through the outbox, status lookup. */
  applications: ReturnType<typeof createFundApplications>
  /** The fresh SMS confirmation a bind or unbind needs. */
  confirmation: Pick<ReturnType<typeof createFundConfirmation>, 'confirmSend' | 'confirmVerify'>
  /** Balance, records, the printed statement. */
  account: ReturnType<typeof createFundAccount>
  /** Rent and retirement withdrawals into the bound wallet (withdrawals.ts). */
  withdrawals: FundWithdrawals
  /** Drops the confirmation state and unregisters from the session manager. */
  dispose(): void
}

/** Creates the fund service and registers its wipe with the session manager. */
export function createFundService(deps: FundServiceDeps): FundService {
  const ctx = createFundContext(deps)
  const confirmation = createFundConfirmation(ctx)
  const applications = createFundApplications(ctx, confirmation)
  const account = createFundAccount(ctx)
  const unregister = deps.sessions.onEnd(() => confirmation.clear())
  return {
    walletOperators: ctx.operators,
    applications,
    confirmation,
    account,
    withdrawals: createFundWithdrawals(ctx, confirmation),
    dispose() {
      confirmation.clear()
      unregister()
    },
  }
}
