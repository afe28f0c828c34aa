/**
 * Applications from the terminals' outboxes: each item decided once (idempotency first, then
 * integrity, then the business rules in rules.ts), its result stored and re-sent with a receipt
 * signed by the terminal's key; and the status lookup anyone at a terminal may make
 * (status-lookup.ts says who may see what).
 */
import {
  APPLICATION_PAYLOADS,
  fingerprintPayload,
  sha256Hex,
  signReceipt,
  type ApplicationResult,
  type OutboxItem,
  type WithdrawalPayout,
} from '../../../shared/central'
import { chinaToday } from '../../../shared/domain/fund'
import type { CentralContext, Handlers } from '../context'
import { HttpError } from '../http/plumbing'
import { APPLICATION_WHAT, decisionText, phoneToTell, sendMessage } from '../messages'
import { checkBind, checkUnbind, refuse, type RuleOutcome } from '../rules'
import type { StoredApplication, StoredResult } from '../state'
import { createLookupLimiter, findApplication, mayLookUp } from '../status-lookup'
import { applyWithdrawal, planEndsWithBinding, WITHDRAWAL_KINDS } from '../withdrawals/apply'
import { accountOf } from '../withdrawals/ledger'

const APPLICATION_PREFIX: Record<OutboxItem['kind'], string> = {
  bind: 'BD',
  unbind: 'UB',
  feedback: 'FK',
  callStaff: 'HJ',
  audit: 'AU',
  withdrawRent: 'ZF',
  rentPlanChange: 'ZG',
  withdrawRetire: 'TQ',
}

/** What applying one item did: the rule outcome and what to record with the application. */
interface Applied {
  outcome: RuleOutcome
  residentRef?: string
  bindingId?: string
  keepPayload?: unknown
  payout?: WithdrawalPayout
}

const CONFLICT_REASON = 'key already used with another payload'

export function applicationHandlers(
  ctx: CentralContext,
): Handlers<'applicationsSubmit' | 'applicationStatus'> {
  const { byRef, wallets } = ctx.seed
  const statusLookups = createLookupLimiter()

  function nextApplicationNo(kind: OutboxItem['kind'], now: Date): string {
    const seq = ++ctx.state().seq.application
    return `${APPLICATION_PREFIX[kind]}${chinaToday(now).replaceAll('-', '')}${String(seq).padStart(6, '0')}`
  }

  function isPartner(operatorCode: string): boolean {
    const item = ctx.state().reference.items[`walletOperator:${operatorCode}`]
    return item?.kind === 'walletOperator' && !item.deleted && item.data?.enabled === true
  }

  /** Applies one new item's business effect. */
  function applyItem(item: OutboxItem, applicationNo: string, now: Date): Applied {
    const st = ctx.state()
    const parsed = APPLICATION_PAYLOADS[item.kind].safeParse(item.payload)
    if (!parsed.success) {
      // The first problem says more to whoever reads the record than a fixed sentence would.
      const reason = parsed.error.issues[0]?.message ?? 'invalid'
      return { outcome: { ok: false, code: 'PAYLOAD_INVALID', reason } }
    }
    const at = now.toISOString()
    const settleMs = ctx.options.bindSettleMs ?? 0
    if (item.kind === 'bind') {
      const p = APPLICATION_PAYLOADS.bind.parse(item.payload)
      const resident = byRef.get(p.residentRef)
      const wallet = wallets.get(p.walletId)
      const outcome = checkBind({
        resident,
        account: resident ? accountOf(st, resident) : null,
        operatorIsPartner: isPartner(p.operatorCode),
        wallet: wallet && wallet.operatorCode === p.operatorCode ? wallet : undefined,
        bindingStates: Object.values(st.bindings)
          .filter((b) => b.residentRef === p.residentRef)
          .map((b) => b.state),
      })
      if (!outcome.ok || !wallet) return { outcome, residentRef: p.residentRef }
      const bindingId = `B${String(++st.seq.binding).padStart(8, '0')}`
      st.bindings[bindingId] = {
        bindingId,
        residentRef: p.residentRef,
        walletId: wallet.walletId,
        operatorCode: wallet.operatorCode,
        walletClass: wallet.walletClass,
        state: settleMs > 0 ? 'pending' : 'bound',
        applicationNo,
        updatedAt: at,
        ...(settleMs > 0 ? { settleAt: now.getTime() + settleMs } : {}),
      }
      return { outcome, residentRef: p.residentRef, bindingId }
    }
    if (item.kind === 'unbind') {
      const p = APPLICATION_PAYLOADS.unbind.parse(item.payload)
      const binding = st.bindings[p.bindingId]
      const own = binding && binding.residentRef === p.residentRef ? binding : undefined
      const outcome = checkUnbind(byRef.get(p.residentRef), own)
      if (!outcome.ok || !own) return { outcome, residentRef: p.residentRef }
      own.state = settleMs > 0 ? 'unbinding' : 'unbound'
      own.updatedAt = at
      if (settleMs > 0) own.settleAt = now.getTime() + settleMs
      planEndsWithBinding(ctx, own.bindingId, now)
      return { outcome, residentRef: p.residentRef, bindingId: own.bindingId }
    }
    const kind = item.kind
    if (WITHDRAWAL_KINDS.some((k) => k === kind)) {
      return applyWithdrawal(
        ctx,
        kind as (typeof WITHDRAWAL_KINDS)[number],
        parsed.data,
        applicationNo,
        now,
      )
    }
    const residentRef =
      item.kind === 'feedback'
        ? APPLICATION_PAYLOADS.feedback.parse(item.payload).residentRef
        : undefined
    return { outcome: { ok: true, notices: [] }, residentRef, keepPayload: item.payload }
  }

  /** Decides one item: idempotency first, then integrity, then the business rules. */
  async function decide(
    item: OutboxItem,
    terminalId: string,
    now: Date,
  ): Promise<{ result: StoredResult; repeated: boolean } | { conflict: true }> {
    const st = ctx.state()
    const scope = `${terminalId}:${item.idempotencyKey}`
    const first = st.idempotency[scope]
    if (first) {
      return first.fingerprint === item.fingerprint && first.kind === item.kind
        ? { result: first.result, repeated: true }
        : { conflict: true }
    }
    let payloadHash: string
    try {
      payloadHash = await fingerprintPayload(item.payload)
    } catch {
      payloadHash = await sha256Hex('')
    }
    const applicationNo = nextApplicationNo(item.kind, now)
    const applied: Applied =
      item.terminalId !== terminalId
        ? { outcome: refuse('TERMINAL_MISMATCH') }
        : payloadHash !== item.fingerprint
          ? { outcome: refuse('FINGERPRINT_MISMATCH') }
          : applyItem(item, applicationNo, now)
    const at = now.toISOString()
    const { outcome } = applied
    const status = outcome.ok ? 'accepted' : 'rejected'
    const receipt = {
      applicationNo,
      idempotencyKey: item.idempotencyKey,
      payloadHash,
      status,
      at,
    } as const
    const result: StoredResult = outcome.ok
      ? {
          outcome: 'accepted',
          applicationNo,
          ...(outcome.notices.length > 0 ? { notices: outcome.notices } : {}),
          receipt,
        }
      : { outcome: 'rejected', applicationNo, code: outcome.code, reason: outcome.reason, receipt }
    const application: StoredApplication = {
      applicationNo,
      kind: item.kind,
      terminalId,
      idempotencyKey: item.idempotencyKey,
      status,
      createdAt: item.createdAt,
      decidedAt: at,
      ...(applied.residentRef ? { residentRef: applied.residentRef } : {}),
      ...(applied.bindingId ? { bindingId: applied.bindingId } : {}),
      ...(applied.keepPayload !== undefined ? { payload: applied.keepPayload } : {}),
      ...(applied.payout ? { payout: applied.payout } : {}),
      ...(outcome.ok ? {} : { code: outcome.code, reason: outcome.reason }),
    }
    st.applications[applicationNo] = application
    st.idempotency[scope] = { fingerprint: item.fingerprint, kind: item.kind, result }
    await notifyDecision(application, item, now)
    return { result, repeated: false }
  }

  /**
   * One message per decision to the phone on file (a feedback without a signed-in resident: to the
   * call-back phone it left, if any). A bind or unbind still settling says "accepted"; the settle
   * sends the second message (`notifySettled`).
   */
  async function notifyDecision(
    app: StoredApplication,
    item: OutboxItem,
    now: Date,
  ): Promise<void> {
    const what = APPLICATION_WHAT[app.kind]
    if (!what) return
    const phone = await phoneToTell(ctx, app, item.payload)
    if (!phone) return
    const binding = app.bindingId ? ctx.state().bindings[app.bindingId] : undefined
    // A withdrawal is done when decided (paid, or the plan set); a binding when it has settled.
    const done = binding
      ? binding.state === 'bound' || binding.state === 'unbound'
      : WITHDRAWAL_KINDS.includes(app.kind as (typeof WITHDRAWAL_KINDS)[number])
    const text = decisionText(
      { what, applicationNo: app.applicationNo },
      app.status === 'accepted' ? { ok: true, done } : { ok: false, reason: app.reason ?? '' },
    )
    sendMessage(ctx.state(), phone, text, now, app.applicationNo)
  }

  /** A stored result as the terminal receives it, its receipt signed with the terminal's key. */
  async function toWire(
    stored: StoredResult,
    repeated: boolean,
    terminalId: string,
  ): Promise<ApplicationResult> {
    const receipt = await signReceipt(stored.receipt, ctx.keyFor(terminalId) ?? '')
    const common = {
      idempotencyKey: stored.receipt.idempotencyKey,
      applicationNo: stored.applicationNo,
    }
    return stored.outcome === 'accepted'
      ? {
          ...common,
          outcome: 'accepted',
          ...(stored.notices ? { notices: stored.notices } : {}),
          repeated,
          receipt,
        }
      : {
          ...common,
          outcome: 'rejected',
          code: stored.code,
          reason: stored.reason,
          repeated,
          receipt,
        }
  }

  return {
    async applicationsSubmit(req, { items }) {
      const decided = []
      for (const item of items) decided.push(await decide(item, req.terminalId, req.now))
      const results: ApplicationResult[] = []
      for (const [i, d] of decided.entries()) {
        const idempotencyKey = items[i]!.idempotencyKey
        if (!('conflict' in d)) {
          results.push(await toWire(d.result, d.repeated, req.terminalId))
        } else if (items.length === 1) {
          throw new HttpError(422, 'IDEMPOTENCY_CONFLICT', CONFLICT_REASON, { idempotencyKey })
        } else {
          results.push({
            idempotencyKey,
            outcome: 'conflict',
            code: 'IDEMPOTENCY_CONFLICT',
            reason: CONFLICT_REASON,
          })
        }
      }
      return { results }
    },

    async applicationStatus(req, { applicationNo, idLast4 }) {
      const allowed = statusLookups.take(req.terminalId, req.now.getTime())
      if (!allowed.ok) {
        req.reply.header('Retry-After', String(allowed.retryAfterSeconds))
        throw new HttpError(429, 'LOOKUP_RATE_LIMITED', 'too many status lookups', {
          retryAfterSeconds: allowed.retryAfterSeconds,
        })
      }
      const app = findApplication(ctx.state(), applicationNo)
      const records = { idNumberOf: (ref: string) => byRef.get(ref)?.idNumber, keyOf: ctx.keyFor }
      if (!app || !(await mayLookUp(app, idLast4, records))) {
        throw new HttpError(404, 'NOT_FOUND', 'no such application for this ID number')
      }
      const binding = app.bindingId ? ctx.state().bindings[app.bindingId] : undefined
      return {
        ...(app.payout ? { payout: app.payout } : {}),
        applicationNo: app.applicationNo,
        kind: app.kind,
        status: app.status,
        ...(app.code ? { code: app.code, reason: app.reason } : {}),
        createdAt: app.createdAt,
        ...(app.decidedAt ? { decidedAt: app.decidedAt } : {}),
        ...(app.repliedAt ? { repliedAt: app.repliedAt } : {}),
        ...(binding
          ? {
              binding: {
                state: binding.state,
                operatorCode: binding.operatorCode,
                walletIdLast4: binding.walletId.slice(-4),
              },
            }
          : {}),
      }
    },
  }
}
