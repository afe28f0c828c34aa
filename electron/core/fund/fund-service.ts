/**
 * The fund services: bind / unbind through the outbox, balance and records from the centre, a
 * printed statement, and the application status lookup. This file only composes the parts:
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
import type {
  ApplicationView,
  ConfirmPurpose,
  FundAccountView,
  FundBindingState,
  MethodOutput,
  SubmissionResult,
  WalletOperatorView,
} from '../../../shared/api'
import type { FundBusinessType } from '../../../shared/central'
import type { ActiveSession } from '../session/session'
import { createFundAccount } from './account'
import { createFundApplications } from './applications'
import { createFundConfirmation } from './confirmation'
import { createFundContext, type FundServiceDeps, type Out } from './context'
import { createFundWithdrawals, type FundWithdrawals } from './withdrawals'

export { STATEMENT_MAX_ROWS } from './account'
export { DEFAULT_ANSWER_WAIT_MS } from './applications'
export { CONFIRMATION_VALID_MS } from './confirmation'
export { FUND_OUTBOX_KINDS, type FundServiceDeps } from './context'

export interface FundService {
  walletOperators(): WalletOperatorView[]
  bindingState(session: ActiveSession): Out<FundBindingState>
  confirmSend(
    session: ActiveSession,
    purpose: ConfirmPurpose,
  ): Out<MethodOutput<'fund.confirmSend'>>
  confirmVerify(
    session: ActiveSession,
    purpose: ConfirmPurpose,
    code: string,
  ): Out<{ confirmed: true }>
  bind(
    session: ActiveSession,
    input: { operatorCode: string; walletId: string },
  ): Out<SubmissionResult>
  unbind(session: ActiveSession, input: { bindingId: string }): Out<SubmissionResult>
  /**
   * Finds an application by the terminal's number (`Q…`: the outbox item, then the centre's
   * status under the number the centre gave it) or by the centre's number (asked directly), and
   * answers only when the last 4 ID characters match.
   */
  applicationStatus(number: string, idLast4: string): Out<ApplicationView>
  account(session: ActiveSession): Out<FundAccountView>
  records(
    session: ActiveSession,
    query: {
      from: string
      to: string
      businessType?: FundBusinessType | undefined
      page: number
      pageSize: number
    },
  ): Out<MethodOutput<'fund.records'>>
  statement(
    session: ActiveSession,
    filter: { from: string; to: string; businessType?: FundBusinessType | undefined },
  ): Out<{ printableId: string; rows: number }>
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
    bindingState: applications.bindingState,
    confirmSend: confirmation.confirmSend,
    confirmVerify: confirmation.confirmVerify,
    bind: applications.bind,
    unbind: applications.unbind,
    applicationStatus: applications.applicationStatus,
    account: account.account,
    records: account.records,
    statement: account.statement,
    withdrawals: createFundWithdrawals(ctx, confirmation),
    dispose() {
      confirmation.clear()
      unregister()
    },
  }
}
