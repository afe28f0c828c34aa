/**
 * The status lookup of fund applications (办理进度查询): by the terminal's number (`Q…`: the outbox
 * item, then the centre's status under the number the centre gave it) or by the centre's number,
 * answered only when the last 4 ID characters match; feedback tickets too. Not on the way of a
 * submission: a resident with a receipt asks it, signed in or not.
 */
import { fail, ok, type ApplicationView } from '../../../shared/api'
import type { CentralResponse, WithdrawalPayout } from '../../../shared/central'
import { idempotencyKeyOf, isLocalApplicationNo } from '../../../shared/domain/fund'
import { createLookupLimiter } from '../../../shared/domain/lookup-limit'
import { maskAccountNo } from '../../../shared/domain/masking'
import { failFromCentral, isUnreachable } from '../central'
import type { OutboxItem } from '../store'
import { viewOfItem } from './application-view'
import { FUND_OUTBOX_KINDS, type FundContext, type FundPayload, type Out } from './context'
import { withdrawalKindOf, withdrawalViewOfItem } from './withdrawal-view'

/** The kinds a fund status lookup answers for. */
const FUND_VIEW_KINDS: readonly ApplicationView['kind'][] = [
  'bind',
  'unbind',
  'withdrawRent',
  'rentPlanChange',
  'withdrawRetire',
]

/** The status lookup part of the fund service. */
export function createApplicationStatus(ctx: FundContext) {
  const { deps, operatorName } = ctx
  const { central, clock } = deps
  // Lookups this terminal answers from its own outbox never reach the centre's limit.
  const localLookups = createLookupLimiter()

  /** A feedback ticket as the lookup answers it: received (已受理) or answered (已答复). */
  function feedbackView(a: CentralResponse<'applicationStatus'>): ApplicationView {
    return {
      localNo: null,
      applicationNo: a.applicationNo,
      kind: 'feedback',
      status: a.repliedAt ? 'replied' : a.status === 'rejected' ? 'rejected' : 'accepted',
      rejection: a.code ?? null,
      notices: [],
      binding: null,
      createdAt: a.createdAt,
      decidedAt: a.repliedAt ?? null,
    }
  }

  /**
   * Finds an application by the terminal's number (`Q…`: the outbox item, then the centre's
   * status under the number the centre gave it) or by the centre's number (asked directly), and
   * answers only when the last 4 ID characters match.
   */
  async function applicationStatus(number: string, idLast4: string): Out<ApplicationView> {
    const data = deps.data
    const notFound = () => fail<ApplicationView>('APPLICATION_NOT_FOUND')
    let item: OutboxItem | undefined
    let applicationNo: string | null = number
    if (isLocalApplicationNo(number)) {
      const allowed = localLookups.take('local', clock().getTime())
      if (!allowed.ok) {
        return fail('LOOKUP_RATE_LIMITED', `retryAfterSeconds=${allowed.retryAfterSeconds}`)
      }
      item = data?.outbox.get(idempotencyKeyOf(number))
      const masked = (item?.payload as Partial<FundPayload> | undefined)?.applicant?.idNumberMasked
      if (!item || !masked || masked.slice(-4) !== idLast4) return notFound()
      if (item.state === 'queued' || item.state === 'sent') {
        void deps.sync?.pushNow()
        return ok(anyViewOf(item))
      }
      applicationNo = item.applicationNo
      if (!applicationNo) return ok(anyViewOf(item)) // refused before it got a number
    } else {
      const found = data?.outbox.findByApplicationNo(number)
      if (
        found &&
        (found.kind === FUND_OUTBOX_KINDS.bind ||
          found.kind === FUND_OUTBOX_KINDS.unbind ||
          withdrawalKindOf(found.kind))
      ) {
        item = found
      }
    }
    const answer = await central.call('applicationStatus', { applicationNo, idLast4 })
    if (!answer.ok) {
      if (answer.status === 404) return notFound()
      if (answer.status === 429) {
        const seconds = answer.error.retryAfterSeconds ?? 60
        return fail('LOOKUP_RATE_LIMITED', `retryAfterSeconds=${seconds}`)
      }
      // The centre is away: what this terminal recorded of its answer is the best we have.
      if (item && isUnreachable(answer)) {
        const masked = (item.payload as Partial<FundPayload>).applicant?.idNumberMasked
        return masked?.slice(-4) === idLast4 ? ok(anyViewOf(item)) : notFound()
      }
      return failFromCentral(answer)
    }
    const a = answer.value
    if (a.kind === 'feedback') return ok(feedbackView(a))
    const kind = FUND_VIEW_KINDS.find((k) => k === a.kind)
    if (!kind) return notFound()
    const local = item ? anyViewOf(item) : null
    return ok({
      ...(local?.withdrawal ? { withdrawal: local.withdrawal } : {}),
      ...(a.payout ? { payout: payoutView(a.payout) } : {}),
      localNo: local?.localNo ?? null,
      applicationNo: a.applicationNo,
      kind,
      status: a.status,
      rejection: a.code ?? null,
      notices: local?.notices ?? [],
      binding: a.binding
        ? {
            state: a.binding.state,
            operatorCode: a.binding.operatorCode,
            operatorName: operatorName(a.binding.operatorCode),
            walletIdMasked: maskAccountNo('************' + a.binding.walletIdLast4),
          }
        : (local?.binding ?? null),
      createdAt: a.createdAt,
      decidedAt: a.decidedAt ?? null,
    })
  }

  /** The view of any fund outbox item: a withdrawal's own, or a bind / unbind. */
  function anyViewOf(item: OutboxItem): ApplicationView {
    return withdrawalKindOf(item.kind)
      ? withdrawalViewOfItem(item, operatorName)
      : viewOfItem(item, null, operatorName)
  }

  /** What the centre says it paid (已到账), with the operator's name and the wallet masked. */
  function payoutView(p: WithdrawalPayout): NonNullable<ApplicationView['payout']> {
    return {
      amountFen: p.amountFen,
      operatorName: operatorName(p.operatorCode),
      walletIdMasked: maskAccountNo('************' + p.walletIdLast4),
      paidAt: p.paidAt,
      ...(p.instalments !== undefined ? { instalments: p.instalments } : {}),
    }
  }

  return { applicationStatus }
}
