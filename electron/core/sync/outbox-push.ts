/**
 * Pushing the outbox to the centre (a submission, once durable, reaches the centre exactly once). Items go
 * in outbox order, in batches of at most {@link MAX_BATCH_ITEMS}, each carrying the idempotency key
 * and payload fingerprint it got when it entered the outbox, so a resend after a lost answer is
 * answered with the first result instead of being applied again.
 *
 * An item leaves the pending set only with the centre's answer for it:
 * - accepted / rejected with a signed receipt, which is checked (signature with our key, key,
 *   payload hash = our fingerprint, status) before it is stored; a receipt that does not hold is
 *   not an acknowledgement: the item stays pending and is retried later;
 * - conflict (key reused with another payload, 422);
 * - a permanent 4xx about the request itself (400, 413, 422): a batch is split and each item sent
 *   alone, so the one bad item is rejected with the centre's reason and the rest go through.
 * Everything else (network, timeout, 5xx, 429, 401, other 4xx such as 404 from a centre of another
 * version) leaves the items pending and ends the run so the engine backs off.
 */
import {
  APPLICATION_KINDS,
  MAX_BATCH_ITEMS,
  OutboxItem as WireOutboxItemSchema,
  type ApplicationKind,
  type ApplicationResult,
  type OutboxItem as WireOutboxItem,
} from '../../../shared/central'
import {
  classifyResult,
  retryAfterMs,
  type CentralClient,
  type CentralClientResult,
} from '../central'
import type { Outbox, OutboxItem } from '../store'

/** The centre's answers that are about the request's content, not about the centre or the route. */
const CONTENT_REJECTION_STATUSES = new Set([400, 413, 422])

/** Code stored for an item the terminal itself cannot put on the wire (unknown kind, bad key). */
export const LOCAL_REJECTION_CODE = 'LOCAL_INVALID'
/** Code stored (as `lastError` prefix) when a receipt fails verification. */
export const BAD_RECEIPT_CODE = 'BAD_RECEIPT'

/** What one push run did. */
export interface PushReport {
  /** HTTP requests made (not counting the client's own re-signature). */
  requests: number
  accepted: number
  rejected: number
  conflicts: number
  /** Items answered by the centre as repeats of an earlier push (a lost answer recovered). */
  repeats: number
  /** Receipts that failed verification (items left pending). */
  badReceipts: number
  /** How the run ended. */
  outcome: 'drained' | 'retry' | 'stopped' | 'store-failed'
  /** For `retry`: the failed call's classification and code. */
  failure?: { kind: string; status: number; code: string; retryAfterMs?: number }
  /** Items still pending at the end. */
  remaining: number
}

/** What the push needs from the engine. */
export interface PushContext {
  client: CentralClient
  outbox: Outbox
  terminalId: string
  clock: () => Date
  batchSize: number
  /** Called with every call result (connection state). */
  onResult(result: CentralClientResult<'applicationsSubmit'>): void
  /** Warnings worth a log line (never payloads: they may hold references to residents). */
  warn(event: string, fields: Record<string, unknown>): void
  signal: AbortSignal
}

/** Maps the outbox's kind to the contract's: `bind` or a namespaced `fund.bind` both give `bind`. */
export function wireKindOf(kind: string): ApplicationKind | undefined {
  const known = APPLICATION_KINDS as readonly string[]
  if (known.includes(kind)) return kind as ApplicationKind
  const last = kind.slice(kind.lastIndexOf('.') + 1)
  return known.includes(last) ? (last as ApplicationKind) : undefined
}

/** The wire form of a stored item, or why it cannot have one. */
export function toWireItem(
  item: OutboxItem,
  terminalId: string,
): { ok: true; wire: WireOutboxItem } | { ok: false; reason: string } {
  const kind = wireKindOf(item.kind)
  if (!kind) return { ok: false, reason: `unknown application kind ${item.kind}` }
  const parsed = WireOutboxItemSchema.safeParse({
    idempotencyKey: item.idempotencyKey,
    fingerprint: item.fingerprint,
    kind,
    payload: item.payload,
    createdAt: new Date(item.createdAt).toISOString(),
    terminalId,
  })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return {
      ok: false,
      reason: `${issue?.path.join('.') || 'item'}: ${issue?.message ?? 'invalid'}`,
    }
  }
  return { ok: true, wire: parsed.data }
}

type Answered = Extract<ApplicationResult, { outcome: 'accepted' | 'rejected' }>

/** Why a result's receipt cannot be trusted, or null when it holds. */
async function receiptProblem(
  client: CentralClient,
  item: OutboxItem,
  result: Answered,
): Promise<string | null> {
  const receipt = result.receipt
  if (receipt.idempotencyKey !== item.idempotencyKey) return 'receipt names another key'
  if (receipt.payloadHash !== item.fingerprint) return 'receipt payload hash differs from ours'
  if (receipt.status !== result.outcome) return 'receipt status differs from the outcome'
  if (receipt.applicationNo !== result.applicationNo) return 'receipt application no. differs'
  if (!(await client.verifyReceipt(receipt))) return 'receipt signature does not verify'
  return null
}

/** A report of a run that has pushed nothing (yet). */
export function emptyPushReport(outcome: PushReport['outcome'], remaining: number): PushReport {
  return {
    requests: 0,
    accepted: 0,
    rejected: 0,
    conflicts: 0,
    repeats: 0,
    badReceipts: 0,
    outcome,
    remaining,
  }
}

/**
 * Pushes pending items until the outbox is drained, a call fails in a way worth retrying later, or
 * the run is aborted. Never throws for the centre's or the network's sake; a store write failure
 * ends the run with `store-failed` (the items stay pending on disk).
 */
export async function pushOutbox(ctx: PushContext): Promise<PushReport> {
  const report = emptyPushReport('drained', 0)
  const batchSize = Math.max(1, Math.min(ctx.batchSize, MAX_BATCH_ITEMS))
  const now = () => ctx.clock().getTime()
  // Keys whose receipt failed in this run: skipped until the next run so one bad answer cannot
  // spin the loop.
  const deferred = new Set<string>()

  /** Records the centre's answer for one item; false when the receipt does not hold. */
  async function record(item: OutboxItem, result: ApplicationResult): Promise<boolean> {
    if (result.outcome === 'conflict') {
      await ctx.outbox.markResult(item.idempotencyKey, {
        state: 'conflict',
        result: { outcome: 'conflict', code: result.code, reason: result.reason },
        at: now(),
      })
      report.conflicts++
      return true
    }
    const problem = await receiptProblem(ctx.client, item, result)
    if (problem) {
      report.badReceipts++
      deferred.add(item.idempotencyKey)
      ctx.warn('sync.push.bad_receipt', { idempotencyKey: item.idempotencyKey, problem })
      await ctx.outbox.markAttempt(item.idempotencyKey, `${BAD_RECEIPT_CODE}: ${problem}`, now())
      return false
    }
    await ctx.outbox.markResult(item.idempotencyKey, {
      state: result.outcome,
      result:
        result.outcome === 'accepted'
          ? { outcome: 'accepted', notices: result.notices ?? [], repeated: result.repeated }
          : {
              outcome: 'rejected',
              code: result.code,
              reason: result.reason,
              repeated: result.repeated,
            },
      receipt: result.receipt,
      applicationNo: result.applicationNo,
      at: now(),
    })
    if (result.repeated) report.repeats++
    if (result.outcome === 'accepted') report.accepted++
    else report.rejected++
    return true
  }

  /** Records a permanent refusal of a single item (its own fault). */
  async function rejectAlone(item: OutboxItem, code: string, reason: string, status: number) {
    if (code === 'IDEMPOTENCY_CONFLICT') {
      await ctx.outbox.markResult(item.idempotencyKey, {
        state: 'conflict',
        result: { outcome: 'conflict', code, reason, status },
        at: now(),
      })
      report.conflicts++
      return
    }
    await ctx.outbox.markResult(item.idempotencyKey, {
      state: 'rejected',
      result: { outcome: 'rejected', code, reason, status },
      at: now(),
    })
    report.rejected++
  }

  /** Sends one batch. Returns false when the run must end (retry later). */
  async function send(items: OutboxItem[]): Promise<'continue' | 'split' | 'stop'> {
    const wire: WireOutboxItem[] = []
    const sendable: OutboxItem[] = []
    for (const item of items) {
      const built = toWireItem(item, ctx.terminalId)
      if (built.ok) {
        wire.push(built.wire)
        sendable.push(item)
      } else {
        ctx.warn('sync.push.local_invalid', {
          idempotencyKey: item.idempotencyKey,
          reason: built.reason,
        })
        await rejectAlone(item, LOCAL_REJECTION_CODE, built.reason, 0)
      }
    }
    if (wire.length === 0) return 'continue'
    if (ctx.signal.aborted) return 'stop'
    report.requests++
    const result = await ctx.client.call(
      'applicationsSubmit',
      { items: wire },
      { signal: ctx.signal },
    )
    ctx.onResult(result)
    if (result.ok) {
      const byKey = new Map(result.value.results.map((r) => [r.idempotencyKey, r]))
      const writes = sendable.map(async (item) => {
        const answer = byKey.get(item.idempotencyKey)
        if (answer) return record(item, answer)
        // The centre skipped it: not an answer; it stays pending for the next run.
        deferred.add(item.idempotencyKey)
        await ctx.outbox.markAttempt(item.idempotencyKey, 'NO_RESULT', now())
        return false
      })
      // Each write is its own durable transaction; the store queues them in order.
      await Promise.all(writes)
      return 'continue'
    }
    const kind = classifyResult(result)
    const permanentContent = kind === 'permanent' && CONTENT_REJECTION_STATUSES.has(result.status)
    if (permanentContent && sendable.length > 1) return 'split'
    if (permanentContent || (kind === 'permanent' && result.status === 0)) {
      await rejectAlone(sendable[0]!, result.error.code, result.error.message, result.status)
      return 'continue'
    }
    if (result.status === 0 && result.error.code === 'TRANSPORT_ABORTED') return 'stop'
    // Transient, auth or a route-level 4xx: the items keep waiting; note the attempt on each.
    const error = `${result.status} ${result.error.code}`
    await Promise.all(sendable.map((i) => ctx.outbox.markAttempt(i.idempotencyKey, error, now())))
    report.outcome = 'retry'
    const wait = retryAfterMs(result)
    report.failure = {
      kind,
      status: result.status,
      code: result.error.code,
      ...(wait !== undefined ? { retryAfterMs: wait } : {}),
    }
    return 'stop'
  }

  try {
    for (;;) {
      if (ctx.signal.aborted) {
        report.outcome = 'stopped'
        break
      }
      const batch = ctx.outbox
        .pending(batchSize + deferred.size)
        .filter((item) => !deferred.has(item.idempotencyKey))
        .slice(0, batchSize)
      if (batch.length === 0) break
      let verdict = await send(batch)
      if (verdict === 'split') {
        // One item (or more) made the whole batch unreadable: find it by sending each alone.
        for (const item of batch) {
          verdict = await send([item])
          if (verdict === 'stop') break
        }
      }
      if (verdict === 'stop') {
        if (report.outcome === 'drained') report.outcome = 'stopped'
        break
      }
    }
    if (report.outcome === 'drained' && report.badReceipts > 0) {
      report.outcome = 'retry'
      report.failure = { kind: 'transient', status: 200, code: BAD_RECEIPT_CODE }
    }
  } catch (error) {
    // Only the store can throw here (disk full, closed): nothing was lost, the items stay pending.
    ctx.warn('sync.push.store_failed', {
      error: error instanceof Error ? error.message : String(error),
    })
    report.outcome = 'store-failed'
  }
  report.remaining = ctx.outbox.depth()
  return report
}
