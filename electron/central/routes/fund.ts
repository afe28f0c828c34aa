/**
 * The signed-in resident's housing-fund answers: the account and the records with their totals
 * (the seed's history plus what the centre paid out since, withdrawals/ledger.ts), and
 * the wallet bindings (newest first, the wallet id cut to its last 4 digits).
 */
import type { FundRecord } from '../../../shared/central'
import type { CentralContext, Handlers } from '../context'
import { HttpError } from '../http/plumbing'
import type { StoredBinding } from '../state'
import { accountOf, recordsOf } from '../withdrawals/ledger'
import { page } from './page'

export function fundHandlers(
  ctx: CentralContext,
): Handlers<'fundAccount' | 'fundRecords' | 'fundWalletBindings'> {
  /** The application a binding still waits on, so the resident can quote its number. */
  function pendingOf(b: StoredBinding): { pendingApplicationNo?: string } {
    if (b.state === 'pending' && b.applicationNo) return { pendingApplicationNo: b.applicationNo }
    if (b.state !== 'unbinding') return {}
    const unbind = Object.values(ctx.state().applications).findLast(
      (a) => a.kind === 'unbind' && a.bindingId === b.bindingId,
    )
    return unbind ? { pendingApplicationNo: unbind.applicationNo } : {}
  }

  return {
    async fundAccount(req) {
      return { account: accountOf(ctx.state(), req.resident()) }
    },

    async fundRecords(req, q) {
      const resident = req.resident()
      if (!resident.fundAccount) throw new HttpError(404, 'NO_FUND_ACCOUNT', 'no fund account')
      const rows: FundRecord[] = recordsOf(ctx.state(), resident)
        .filter(
          (r) =>
            (!q.from || r.date >= q.from) &&
            (!q.to || r.date <= q.to) &&
            (!q.businessType || r.businessType === q.businessType),
        )
        .reverse()
      const credit = rows.filter((r) => r.amount > 0).reduce((sum, r) => sum + r.amount, 0)
      const debit = rows.filter((r) => r.amount < 0).reduce((sum, r) => sum - r.amount, 0)
      return { ...page(rows, q.page, q.pageSize), totals: { credit, debit, net: credit - debit } }
    },

    async fundWalletBindings(req) {
      const resident = req.resident()
      const bindings = Object.values(ctx.state().bindings)
        .filter((b) => b.residentRef === resident.residentRef)
        .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0))
        .map((b) => ({
          bindingId: b.bindingId,
          operatorCode: b.operatorCode,
          walletIdLast4: b.walletId.slice(-4),
          walletClass: b.walletClass,
          state: b.state,
          ...(b.applicationNo ? { applicationNo: b.applicationNo } : {}),
          ...pendingOf(b),
          updatedAt: b.updatedAt,
        }))
      return { bindings }
    },
  }
}
