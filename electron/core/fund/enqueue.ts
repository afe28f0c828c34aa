/**
 * The one way a fund application (bind, unbind, a withdrawal) goes out from this terminal: a new
 * local number (`Q…`, printed on the receipt) and its idempotency key, the outbox item (durable:
 * only now may the screen say "已受理", and the confirmation code is spent), the audit entry, then
 * a short wait for the centre's answer through the sync engine (`pushAndAwait`). The answer, when
 * it came, is audited by {@link auditAnswer}.
 */
import { randomBytes } from 'node:crypto'
import { fail, ok, type Result } from '../../../shared/api'
import { idempotencyKeyOf, newLocalApplicationNo } from '../../../shared/domain/fund'
import { maskIdNumber } from '../../../shared/domain/masking'
import type { AuditTrail, TerminalData } from '../data/terminal-data'
import type { Logger } from '../log'
import type { OutboxItem } from '../store'
import type { SyncEngine } from '../sync'

export interface EnqueueDeps {
  data: TerminalData | null
  sync: SyncEngine | null
  audit: AuditTrail
  clock: () => Date
  log: Logger
  /** How long to wait for the centre before answering "waiting" (ms). */
  answerWaitMs: number
}

/** Queues, spends the confirmation, audits, and waits a little for the centre's answer. */
export async function queueApplication(
  deps: EnqueueDeps,
  application: {
    /** The outbox kind, also the audit action's stem (`fund.bind`, `fund.withdrawRent` …). */
    service: string
    payload: unknown
    /** The applicant's ID number (audited masked). */
    idNumber: string
    /** Spends the SMS confirmation once the item is durable. */
    spend: () => void
  },
): Promise<Result<{ localNo: string; item: OutboxItem }>> {
  const { data } = deps
  if (!data) return fail('STORE_WRITE_FAILED', 'no_store')
  const localNo = newLocalApplicationNo((n) => randomBytes(n))
  const key = idempotencyKeyOf(localNo)
  try {
    await data.outbox.enqueue({
      kind: application.service,
      idempotencyKey: key,
      payload: application.payload,
      createdAt: deps.clock().getTime(),
    })
  } catch (err) {
    const code = (err as { code?: string }).code ?? 'unknown'
    deps.log.error('fund.enqueue_failed', { kind: application.service, code })
    return fail('STORE_WRITE_FAILED')
  }
  application.spend()
  void deps.audit.record({
    action: `${application.service}.submit`,
    subject: maskIdNumber(application.idNumber),
    outcome: 'queued',
    detail: { localNo },
  })
  const item = (await deps.sync?.pushAndAwait(key, deps.answerWaitMs)) ?? data.outbox.get(key)
  if (!item) return fail('INTERNAL', 'outbox_item_missing')
  return ok({ localNo, item })
}

/** Audits the centre's answer to an application, once there is one (not while "waiting"). */
export function auditAnswer(
  audit: AuditTrail,
  service: string,
  idNumber: string,
  localNo: string,
  view: { status: string; applicationNo: string | null; rejection: string | null },
): void {
  if (view.status === 'waiting') return
  void audit.record({
    action: `${service}.answer`,
    subject: maskIdNumber(idNumber),
    outcome: view.status,
    detail: { localNo, applicationNo: view.applicationNo, code: view.rejection },
  })
}
