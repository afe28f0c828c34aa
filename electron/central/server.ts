/**
 * The bundled reference central service: a real HTTP server on loopback implementing the contract in
 * shared/central (fund, tax, wallet bindings, identity, SMS, reference data, applications). Used in
 * demo mode, by QA and by the tests. What crosses here: signed JSON requests from terminals (every
 * /v1 route is authenticated, see signing.ts) and, in demo mode only, the unsigned demo SMS lookup.
 * It shares nothing with the terminal core but the contract.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto'
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import {
  APPLICATION_PAYLOADS,
  CENTRAL_ENDPOINTS,
  DEMO_SMS_ROUTE,
  DEMO_APPLICATIONS_LIMIT,
  DEMO_APPLICATIONS_ROUTE,
  DEMO_OUTAGE_ROUTE,
  ApplicationKind,
  DemoOutageRequest,
  openContact,
  type DemoApplication,
  MAX_CLOCK_SKEW_MS,
  RESIDENT_TOKEN_HEADER,
  fingerprintPayload,
  sha256Hex,
  signReceipt,
  signResponse,
  verifyRequest,
  type ApplicationResult,
  type CentralEndpointName,
  type CentralErrorCode,
  type CentralParsedRequest,
  type CentralResponse,
  type EndpointDef,
  type FundRecord,
  type OutboxItem,
  type ReferenceItem,
  type ReferenceKind,
  type ResidentSession,
  type TaxRecord,
} from '../../shared/central'
import { parseIdNumber } from '../../shared/domain/id-number'
import { maskIdNumber, maskName, maskPhone } from '../../shared/domain/masking'
import { logAuditChainFlag, observeAuditChain, type AuditChainFlag } from './audit-chain'
import { drainOnClose } from './drain-on-close'
import { checkBind, checkUnbind, type RuleOutcome } from './rules'
import { createLookupLimiter, mayLookUp } from './status-lookup'
import { buildDemoSeed, type SeedResident } from './seed'
import {
  StateFile,
  dict,
  initialState,
  type CentralState,
  type StoredApplication,
  type StoredResult,
} from './state'

export interface CentralServerOptions {
  /** Where the state lives; created on first start. */
  stateFile: string
  /** The terminals allowed to call, each with its HMAC key. */
  terminalKeys: Record<string, string>
  /** Demo mode: serves GET /demo/sms/{phone}. */
  demo: boolean
  /** Injected clock (tests move time). */
  clock?: () => Date
  /** 0 or absent: an ephemeral port. Always bound to 127.0.0.1. */
  port?: number
  /**
   * How long a bind stays `pending` (and an unbind `unbinding`) before it settles; 0 (default)
   * settles at once. Lets tests exercise the one-in-flight rule.
   */
  bindSettleMs?: number
  /**
   * SMS codes one phone may be sent per hour (default {@link SMS_MAX_PER_HOUR}). End-to-end suites
   * sign the same demo residents in many times; they raise it rather than wait an hour.
   */
  smsMaxPerHour?: number
  /** Hears each gap or rewind found in a terminal's audit chain (default: a JSON line on stderr). */
  onAuditChainFlag?: (terminalId: string, flag: AuditChainFlag) => void
}

export interface CentralServer {
  /** Loads or creates the state file and listens on 127.0.0.1. */
  start(): Promise<{ url: string }>
  /** Stops listening and waits for the last state write. */
  stop(): Promise<void>
  /** The base URL once started. */
  readonly url: string | undefined
  /** Changes reference data as an operator of the centre would (tests, QA). */
  putReferenceItem<K extends ReferenceKind>(
    kind: K,
    key: string,
    data: ReferenceDataOf<K>,
  ): Promise<void>
  deleteReferenceItem(kind: ReferenceKind, key: string): Promise<void>
  /** Forgets tombstones and history: every older cursor gets `reset: true` from now on. */
  compactReferenceHistory(): Promise<void>
  /** A read-only look at the state (tests). */
  snapshot(): CentralState
}

type ReferenceDataOf<K extends ReferenceKind> = NonNullable<
  Extract<ReferenceItem, { kind: K }>['data']
>

/** Bodies above this size are refused (413); a still JPEG in base64 fits well below it. */
export const BODY_LIMIT_BYTES = 512 * 1024
/** JSON nested deeper than this is refused (400 JSON_TOO_DEEP). */
export const MAX_JSON_DEPTH = 32
export const RESIDENT_TOKEN_TTL_MS = 10 * 60 * 1000
export const SMS_CODE_TTL_MS = 5 * 60 * 1000
export const SMS_RESEND_AFTER_MS = 60 * 1000
export const SMS_MAX_WRONG_TRIES = 5
export const SMS_MAX_PER_HOUR = 10
const HEARTBEAT_SECONDS = 60

/** An error answer with its HTTP status and stable code. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: CentralErrorCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message)
  }
}

/** Beijing time (UTC+8) calendar fields: application numbers and "today" are local to the hall. */
function localDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
}

function jsonDepth(value: unknown): number {
  let max = 0
  const stack: Array<[unknown, number]> = [[value, 1]]
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!
    if (v === null || typeof v !== 'object') continue
    max = Math.max(max, depth)
    if (max > MAX_JSON_DEPTH) return max
    for (const child of Object.values(v as object)) stack.push([child, depth + 1])
  }
  return max
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

const APPLICATION_PREFIX: Record<OutboxItem['kind'], string> = {
  bind: 'BD',
  unbind: 'UB',
  feedback: 'FK',
  callStaff: 'HJ',
  audit: 'AU',
}

/** A letter set without look-alikes (no I, O, 0, 1) for codes people type. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/**
 * Creates the central service. Nothing happens until `start()`.
 *
 * @example
 * const central = createCentralServer({ stateFile, terminalKeys: { T1: 'secret' }, demo: true })
 * const { url } = await central.start() // http://127.0.0.1:PORT
 */
export function createCentralServer(options: CentralServerOptions): CentralServer {
  const clock = options.clock ?? (() => new Date())
  const seed = buildDemoSeed()
  const byId = new Map(seed.residents.map((r) => [r.idNumber, r]))
  const byRef = new Map(seed.residents.map((r) => [r.residentRef, r]))
  const wallets = new Map(seed.wallets.map((w) => [w.walletId, w]))
  const file = new StateFile(options.stateFile)
  const statusLookups = createLookupLimiter()
  let state: CentralState | undefined
  let app: FastifyInstance | undefined
  let url: string | undefined
  let lock: Promise<unknown> = Promise.resolve()

  /** Runs `task` alone: check-then-apply on idempotency keys and nonces must not interleave. */
  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = lock.then(task, task)
    lock = run.catch(() => undefined)
    return run
  }

  function s(): CentralState {
    if (!state) throw new Error('central server not started')
    return state
  }

  function keyFor(terminalId: string): string | undefined {
    return Object.prototype.hasOwnProperty.call(options.terminalKeys, terminalId)
      ? options.terminalKeys[terminalId]
      : undefined
  }

  // ------------------------------------------------------------------------------------------
  // Housekeeping run under the lock before each request

  function housekeeping(now: Date): void {
    const st = s()
    const ms = now.getTime()
    const horizon = ms - MAX_CLOCK_SKEW_MS - 60_000
    for (const nonces of Object.values(st.nonces)) {
      for (const [nonce, ts] of Object.entries(nonces)) if (ts < horizon) delete nonces[nonce]
    }
    for (const [hash, t] of Object.entries(st.tokens)) if (t.expiresAt <= ms) delete st.tokens[hash]
    for (const b of Object.values(st.bindings)) {
      if (b.settleAt !== undefined && b.settleAt <= ms) {
        b.state = b.state === 'pending' ? 'bound' : b.state === 'unbinding' ? 'unbound' : b.state
        b.updatedAt = new Date(b.settleAt).toISOString()
        delete b.settleAt
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // Identity

  function residentById(idNumber: string, now: Date): SeedResident {
    if (!parseIdNumber(idNumber, now)) {
      throw new HttpError(422, 'ID_NUMBER_INVALID', 'ID number fails the GB 11643 check')
    }
    const resident = byId.get(idNumber)
    if (!resident) throw new HttpError(404, 'RESIDENT_NOT_FOUND', 'no resident with this ID number')
    return resident
  }

  function issueSession(resident: SeedResident, terminalId: string, now: Date): ResidentSession {
    const token = randomBytes(24).toString('base64url')
    const expiresAt = now.getTime() + RESIDENT_TOKEN_TTL_MS
    s().tokens[hashToken(token)] = { residentRef: resident.residentRef, terminalId, expiresAt }
    return {
      residentToken: token,
      expiresAt: new Date(expiresAt).toISOString(),
      identity: {
        residentRef: resident.residentRef,
        name: resident.name,
        idNumber: resident.idNumber,
        gender: resident.gender,
        birthDate: resident.birthDate,
        maskedPhone: maskPhone(resident.phone),
        hasFundAccount: resident.fundAccount !== null,
      },
    }
  }

  function residentFromToken(request: FastifyRequest, terminalId: string, now: Date): SeedResident {
    const token = request.headers[RESIDENT_TOKEN_HEADER]
    const entry = typeof token === 'string' ? s().tokens[hashToken(token)] : undefined
    const resident = entry ? byRef.get(entry.residentRef) : undefined
    if (
      !entry ||
      !resident ||
      entry.terminalId !== terminalId ||
      entry.expiresAt <= now.getTime()
    ) {
      throw new HttpError(
        401,
        'RESIDENT_TOKEN_INVALID',
        'resident token missing, expired or invalid',
      )
    }
    return resident
  }

  // ------------------------------------------------------------------------------------------
  // Applications

  function nextApplicationNo(kind: OutboxItem['kind'], now: Date): string {
    const seq = ++s().seq.application
    return `${APPLICATION_PREFIX[kind]}${localDate(now).replaceAll('-', '')}${String(seq).padStart(6, '0')}`
  }

  function isPartner(operatorCode: string): boolean {
    const item = s().reference.items[`walletOperator:${operatorCode}`]
    return item?.kind === 'walletOperator' && !item.deleted && item.data?.enabled === true
  }

  /** Applies one new item's business effect; returns the rule outcome and what to record. */
  function applyItem(
    item: OutboxItem,
    applicationNo: string,
    now: Date,
  ): { outcome: RuleOutcome; residentRef?: string; bindingId?: string; keepPayload?: unknown } {
    const st = s()
    const parsed = APPLICATION_PAYLOADS[item.kind].safeParse(item.payload)
    if (!parsed.success) {
      return {
        outcome: {
          ok: false,
          code: 'PAYLOAD_INVALID',
          reason: parsed.error.issues[0]?.message ?? 'invalid',
        },
      }
    }
    const at = now.toISOString()
    const settleMs = options.bindSettleMs ?? 0
    if (item.kind === 'bind') {
      const p = APPLICATION_PAYLOADS.bind.parse(item.payload)
      const resident = byRef.get(p.residentRef)
      const wallet = wallets.get(p.walletId)
      const outcome = checkBind({
        resident,
        account: resident?.fundAccount ?? null,
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
      return { outcome, residentRef: p.residentRef, bindingId: own.bindingId }
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
    const st = s()
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
    let applied: ReturnType<typeof applyItem>
    if (item.terminalId !== terminalId) {
      applied = {
        outcome: { ok: false, code: 'TERMINAL_MISMATCH', reason: '申请来自另一台终端' },
      }
    } else if (payloadHash !== item.fingerprint) {
      applied = {
        outcome: { ok: false, code: 'FINGERPRINT_MISMATCH', reason: '申请内容与指纹不符' },
      }
    } else {
      applied = applyItem(item, applicationNo, now)
    }
    const at = now.toISOString()
    const status = applied.outcome.ok ? 'accepted' : 'rejected'
    const receipt = {
      applicationNo,
      idempotencyKey: item.idempotencyKey,
      payloadHash,
      status,
      at,
    } as const
    const result: StoredResult = applied.outcome.ok
      ? {
          outcome: 'accepted',
          applicationNo,
          ...(applied.outcome.notices.length > 0 ? { notices: applied.outcome.notices } : {}),
          receipt,
        }
      : {
          outcome: 'rejected',
          applicationNo,
          code: applied.outcome.code,
          reason: applied.outcome.reason,
          receipt,
        }
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
      ...(applied.outcome.ok ? {} : { code: applied.outcome.code, reason: applied.outcome.reason }),
    }
    st.applications[applicationNo] = application
    st.idempotency[scope] = { fingerprint: item.fingerprint, kind: item.kind, result }
    return { result, repeated: false }
  }

  async function toWire(
    stored: StoredResult,
    repeated: boolean,
    terminalId: string,
  ): Promise<ApplicationResult> {
    const receipt = await signReceipt(stored.receipt, keyFor(terminalId) ?? '')
    return stored.outcome === 'accepted'
      ? {
          idempotencyKey: stored.receipt.idempotencyKey,
          outcome: 'accepted',
          applicationNo: stored.applicationNo,
          ...(stored.notices ? { notices: stored.notices } : {}),
          repeated,
          receipt,
        }
      : {
          idempotencyKey: stored.receipt.idempotencyKey,
          outcome: 'rejected',
          applicationNo: stored.applicationNo,
          code: stored.code,
          reason: stored.reason,
          repeated,
          receipt,
        }
  }

  // ------------------------------------------------------------------------------------------
  // Reference data cursors: opaque to the terminal, `v1.<epoch>.<version>` base64url inside.

  function encodeCursor(version: number): string {
    return Buffer.from(`v1.${s().epoch}.${version}`).toString('base64url')
  }
  function decodeCursor(cursor: string): number | undefined {
    const match = /^v1\.([0-9a-f]+)\.(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString())
    if (!match || match[1] !== s().epoch) return undefined
    const version = Number(match[2])
    const ref = s().reference
    return version >= ref.horizon && version <= ref.version ? version : undefined
  }

  function changeReference(kind: ReferenceKind, key: string, data: unknown): Promise<void> {
    return exclusive(async () => {
      const ref = s().reference
      const id = `${kind}:${key}`
      const version = ++ref.version
      ref.items[id] = (
        data === null
          ? { kind, key, version, deleted: true, data: null }
          : { kind, key, version, data }
      ) as ReferenceItem
      await file.save(s())
    })
  }

  // ------------------------------------------------------------------------------------------
  // Handlers, one per endpoint of the contract

  interface Ctx {
    terminalId: string
    now: Date
    request: FastifyRequest
    reply: FastifyReply
    resident: () => SeedResident
  }
  type Handlers = {
    [N in CentralEndpointName]: (
      ctx: Ctx,
      input: CentralParsedRequest<N>,
    ) => Promise<CentralResponse<N>>
  }

  function page<T>(rows: T[], pageNo: number, pageSize: number) {
    return {
      items: rows.slice((pageNo - 1) * pageSize, pageNo * pageSize),
      page: pageNo,
      pageSize,
      total: rows.length,
    }
  }

  function taxTotals(rows: TaxRecord[]) {
    return {
      income: rows.reduce((sum, r) => sum + r.income, 0),
      taxPaid: rows.reduce((sum, r) => sum + r.taxPaid, 0),
    }
  }

  function newVerificationCode(): string {
    let code = ''
    for (let i = 0; i < 16; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]
    return code
  }

  const handlers: Handlers = {
    async identityCardCheck({ now }, { card }) {
      const facts = parseIdNumber(card.idNumber, now)
      if (!facts)
        throw new HttpError(422, 'ID_NUMBER_INVALID', 'ID number fails the GB 11643 check')
      if (card.validityEnd !== '长期' && card.validityEnd < localDate(now)) {
        throw new HttpError(422, 'CARD_EXPIRED', 'the ID card has expired')
      }
      const resident = residentById(card.idNumber, now)
      if (
        card.name !== resident.name ||
        card.birthDate !== facts.birthDate ||
        card.gender !== facts.gender
      ) {
        throw new HttpError(422, 'CARD_MISMATCH', 'card data does not match the registry')
      }
      return {
        residentKnown: true,
        maskedPhone: maskPhone(resident.phone),
        hasFundAccount: resident.fundAccount !== null,
      }
    },

    async identitySmsSend({ now }, { idNumber }) {
      const resident = residentById(idNumber, now)
      const ms = now.getTime()
      const previous = s().sms[resident.phone]
      const sends = (previous?.sends ?? []).filter((t) => t > ms - 3600_000)
      if (previous && !previous.used) {
        const wait = Date.parse(previous.sentAt) + SMS_RESEND_AFTER_MS - ms
        if (wait > 0) {
          throw new HttpError(429, 'SMS_RESEND_TOO_SOON', 'wait before sending another code', {
            retryAfterSeconds: Math.ceil(wait / 1000),
          })
        }
      }
      if (sends.length >= (options.smsMaxPerHour ?? SMS_MAX_PER_HOUR)) {
        throw new HttpError(429, 'SMS_RATE_LIMITED', 'too many codes this hour', {
          retryAfterSeconds: Math.ceil((sends[0]! + 3600_000 - ms) / 1000),
        })
      }
      const sentAt = now.toISOString()
      const expiresAt = new Date(ms + SMS_CODE_TTL_MS).toISOString()
      s().sms[resident.phone] = {
        code: String(randomInt(1_000_000)).padStart(6, '0'),
        sentAt,
        expiresAt,
        wrongTries: 0,
        used: false,
        sends: [...sends, ms],
      }
      return {
        maskedPhone: maskPhone(resident.phone),
        sentAt,
        expiresAt,
        expiresInSeconds: SMS_CODE_TTL_MS / 1000,
        resendAfterSeconds: SMS_RESEND_AFTER_MS / 1000,
      }
    },

    async identitySmsVerify({ now, terminalId }, { idNumber, code }) {
      const resident = residentById(idNumber, now)
      const sms = s().sms[resident.phone]
      if (!sms || sms.used)
        throw new HttpError(422, 'SMS_CODE_NOT_SENT', 'no code pending; send one')
      if (sms.wrongTries >= SMS_MAX_WRONG_TRIES) {
        throw new HttpError(422, 'SMS_CODE_VOID', 'too many wrong codes; send a new one')
      }
      if (Date.parse(sms.expiresAt) <= now.getTime()) {
        throw new HttpError(422, 'SMS_CODE_EXPIRED', 'the code has expired; send a new one')
      }
      if (!timingSafeEqual(Buffer.from(code), Buffer.from(sms.code))) {
        sms.wrongTries++
        const attemptsLeft = SMS_MAX_WRONG_TRIES - sms.wrongTries
        if (attemptsLeft === 0) {
          throw new HttpError(422, 'SMS_CODE_VOID', 'too many wrong codes; send a new one')
        }
        throw new HttpError(422, 'SMS_CODE_WRONG', 'wrong code', { attemptsLeft })
      }
      sms.used = true
      return issueSession(resident, terminalId, now)
    },

    async identityFaceCheck({ now, terminalId }, { idNumber, imageJpegBase64 }) {
      const image = Buffer.from(imageJpegBase64, 'base64')
      const isJpeg =
        image.length >= 4 &&
        image[0] === 0xff &&
        image[1] === 0xd8 &&
        image[2] === 0xff &&
        image.includes(Buffer.from([0xff, 0xd9]))
      if (!isJpeg) throw new HttpError(422, 'FACE_IMAGE_INVALID', 'not a JPEG still')
      const resident = residentById(idNumber, now)
      // No biometrics here: the reference service matches any JPEG unless it carries the ASCII
      // marker NOMATCH (e.g. in a comment segment), which is how tests and QA ask for a no-match.
      if (image.includes(Buffer.from('NOMATCH'))) return { match: false, score: 0.21 }
      return { match: true, score: 0.97, session: issueSession(resident, terminalId, now) }
    },

    async fundAccount(ctx) {
      return { account: ctx.resident().fundAccount }
    },

    async fundRecords(ctx, q) {
      const resident = ctx.resident()
      if (!resident.fundAccount) throw new HttpError(404, 'NO_FUND_ACCOUNT', 'no fund account')
      const rows: FundRecord[] = resident.fundRecords
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

    async fundWalletBindings(ctx) {
      const resident = ctx.resident()
      const bindings = Object.values(s().bindings)
        .filter((b) => b.residentRef === resident.residentRef)
        .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0))
        .map((b) => ({
          bindingId: b.bindingId,
          operatorCode: b.operatorCode,
          walletIdLast4: b.walletId.slice(-4),
          walletClass: b.walletClass,
          state: b.state,
          ...(b.applicationNo ? { applicationNo: b.applicationNo } : {}),
          updatedAt: b.updatedAt,
        }))
      return { bindings }
    },

    async referenceData(_ctx, { since }) {
      const ref = s().reference
      const from = since === undefined ? undefined : decodeCursor(since)
      const all = Object.values(ref.items).sort((a, b) => a.version - b.version)
      const cursor = encodeCursor(ref.version)
      if (from === undefined) return { reset: true, items: all.filter((i) => !i.deleted), cursor }
      return { reset: false, items: all.filter((i) => i.version > from), cursor }
    },

    async applicationsSubmit(ctx, { items }) {
      const decided = []
      for (const item of items) decided.push(await decide(item, ctx.terminalId, ctx.now))
      const results: ApplicationResult[] = []
      for (const [i, d] of decided.entries()) {
        if ('conflict' in d) {
          if (items.length === 1) {
            throw new HttpError(
              422,
              'IDEMPOTENCY_CONFLICT',
              'key already used with another payload',
              {
                idempotencyKey: items[i]!.idempotencyKey,
              },
            )
          }
          results.push({
            idempotencyKey: items[i]!.idempotencyKey,
            outcome: 'conflict',
            code: 'IDEMPOTENCY_CONFLICT',
            reason: 'key already used with another payload',
          })
        } else {
          results.push(await toWire(d.result, d.repeated, ctx.terminalId))
        }
      }
      return { results }
    },

    async applicationStatus(ctx, { applicationNo, idLast4 }) {
      const allowed = statusLookups.take(ctx.terminalId, ctx.now.getTime())
      if (!allowed.ok) {
        ctx.reply.header('Retry-After', String(allowed.retryAfterSeconds))
        throw new HttpError(429, 'LOOKUP_RATE_LIMITED', 'too many status lookups', {
          retryAfterSeconds: allowed.retryAfterSeconds,
        })
      }
      const app = s().applications[applicationNo]
      const records = {
        idNumberOf: (ref: string) => byRef.get(ref)?.idNumber,
        keyOf: keyFor,
      }
      if (!app || !(await mayLookUp(app, idLast4, records))) {
        throw new HttpError(404, 'NOT_FOUND', 'no such application for this ID number')
      }
      const binding = app.bindingId ? s().bindings[app.bindingId] : undefined
      return {
        applicationNo: app.applicationNo,
        kind: app.kind,
        status: app.status,
        ...(app.code ? { code: app.code, reason: app.reason } : {}),
        createdAt: app.createdAt,
        ...(app.decidedAt ? { decidedAt: app.decidedAt } : {}),
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

    async taxRecords(ctx, q) {
      const rows = ctx
        .resident()
        .taxRecords.filter(
          (r) =>
            (q.year === undefined || r.period.startsWith(`${q.year}-`)) &&
            (!q.taxType || r.taxType === q.taxType),
        )
        .reverse()
      return { ...page(rows, q.page, q.pageSize), totals: taxTotals(rows) }
    },

    async taxCertificateIssue(ctx, { fromPeriod, toPeriod, taxType }) {
      const resident = ctx.resident()
      if (toPeriod > localDate(ctx.now).slice(0, 7)) {
        throw new HttpError(422, 'PERIOD_INVALID', 'the period range ends in the future')
      }
      if (fromPeriod < '2019-01' && toPeriod >= '2019-01') {
        throw new HttpError(
          422,
          'PERIOD_SPANS_2019',
          'request periods before and from 2019-01 separately',
        )
      }
      const rows = resident.taxRecords.filter(
        (r) =>
          r.period >= fromPeriod && r.period <= toPeriod && (!taxType || r.taxType === taxType),
      )
      if (rows.length === 0)
        throw new HttpError(422, 'NO_TAX_RECORDS', 'no tax records in this range')
      const st = s()
      let verificationCode = newVerificationCode()
      while (st.certificates[verificationCode]) verificationCode = newVerificationCode()
      const issuedAt = ctx.now.toISOString()
      const kind = fromPeriod >= '2019-01' ? 'taxRecord' : 'taxPaymentProof'
      const certificateNo = `${kind === 'taxRecord' ? 'NSJL' : 'WSZM'}${localDate(ctx.now).replaceAll('-', '')}${String(++st.seq.certificate).padStart(6, '0')}`
      const totals = taxTotals(rows)
      const holder = {
        maskedName: maskName(resident.name),
        maskedIdNumber: maskIdNumber(resident.idNumber),
      }
      st.certificates[verificationCode] = {
        certificateNo,
        residentRef: resident.residentRef,
        kind,
        ...holder,
        fromPeriod,
        toPeriod,
        totals,
        rowCount: rows.length,
        issuedAt,
      }
      return {
        certificate: {
          certificateNo,
          kind,
          holder,
          fromPeriod,
          toPeriod,
          ...(taxType ? { taxType } : {}),
          rows,
          totals,
          issuedAt,
          verificationCode,
          qrPayload: `hallkiosk-taxcert:v1:${verificationCode}`,
          issuingOffice: rows.at(-1)!.taxOffice,
        },
      }
    },

    async taxCertificateVerify(_ctx, { code }) {
      const normalized = code
        .trim()
        .toUpperCase()
        .replace(/^HALLKIOSK-TAXCERT:V1:/, '')
      const cert = s().certificates[normalized]
      if (!cert) return { valid: false }
      return {
        valid: true,
        certificateNo: cert.certificateNo,
        kind: cert.kind,
        holder: { maskedName: cert.maskedName, maskedIdNumber: cert.maskedIdNumber },
        fromPeriod: cert.fromPeriod,
        toPeriod: cert.toPeriod,
        totals: cert.totals,
        rowCount: cert.rowCount,
        issuedAt: cert.issuedAt,
      }
    },

    async terminalHeartbeat(ctx, { audit, ...health }) {
      s().heartbeats[ctx.terminalId] = { at: ctx.now.toISOString(), health }
      // The chain's links are checked and dropped; only the head and any finding are kept.
      const verdict = audit
        ? observeAuditChain(
            s(),
            ctx.terminalId,
            audit,
            ctx.now,
            options.onAuditChainFlag ?? logAuditChainFlag,
          )
        : undefined
      return {
        serverTime: ctx.now.toISOString(),
        nextHeartbeatSeconds: HEARTBEAT_SECONDS,
        ...(verdict ? { audit: verdict } : {}),
      }
    },
  }

  // ------------------------------------------------------------------------------------------
  // HTTP

  function sendError(reply: FastifyReply, error: HttpError): FastifyReply {
    return reply
      .code(error.status)
      .type('application/json')
      .send({ error: { code: error.code, message: error.message, ...error.extra } })
  }

  /** Demo only: while set, every /v1 route answers 503 as if the centre were down (QA, e2e). */
  let demoOutage = false

  /** The requests whose signature held: their answers are signed on the way out. */
  const answerSigners = new WeakMap<FastifyRequest, { terminalId: string; nonce: string }>()

  /**
   * Signs an answer with the terminal's key (signing.ts, `signResponse`), whatever produced it: a
   * handler, the error handler or a refusal. Runs as Fastify's onSend hook, after serialisation, so
   * the signature covers the exact bytes and final status and no route can leave it out. Requests
   * refused before their signature held (and the demo routes) go unsigned; the terminal refuses
   * such answers.
   */
  async function signAnswer(
    request: FastifyRequest,
    reply: FastifyReply,
    payload: unknown,
  ): Promise<unknown> {
    const signer = answerSigners.get(request)
    const key = signer ? keyFor(signer.terminalId) : undefined
    if (!signer || key === undefined) return payload
    const body = payload ?? ''
    // A stream cannot be hashed before it is sent: left unsigned (no route sends one).
    if (typeof body !== 'string' && !(body instanceof Uint8Array)) return payload
    const headers = await signResponse({
      status: reply.statusCode,
      body,
      requestNonce: signer.nonce,
      terminalId: signer.terminalId,
      key,
      now: clock(),
    })
    for (const [name, value] of Object.entries(headers)) reply.header(name, value)
    return payload
  }

  function route(instance: FastifyInstance, name: CentralEndpointName): void {
    const endpoint: EndpointDef = CENTRAL_ENDPOINTS[name]
    instance.route({
      method: endpoint.method,
      url: endpoint.path,
      handler: async (request, reply) => {
        const raw = typeof request.body === 'string' ? request.body : ''
        const now = clock()
        const auth = await verifyRequest({
          method: request.method,
          pathWithQuery: request.url,
          body: raw,
          headers: request.headers,
          keyFor,
          now,
        })
        // From here the centre knows the terminal: every answer, errors included, is signed.
        const signer = auth.ok ? auth : auth.signedBy
        if (signer) answerSigners.set(request, signer)
        if (demoOutage) throw new HttpError(503, 'INTERNAL', 'demo outage')
        if (!auth.ok) {
          throw new HttpError(401, auth.code, 'request not authenticated', {
            ...(auth.code === 'AUTH_STALE_TIMESTAMP' ? { serverTime: now.toISOString() } : {}),
          })
        }
        let input: unknown = request.query
        if (endpoint.method === 'POST') {
          try {
            input = JSON.parse(raw)
          } catch {
            throw new HttpError(400, 'BAD_JSON', 'body is not valid JSON')
          }
          if (jsonDepth(input) > MAX_JSON_DEPTH) {
            throw new HttpError(400, 'JSON_TOO_DEEP', `JSON nested deeper than ${MAX_JSON_DEPTH}`)
          }
        }
        const parsed = endpoint.request.safeParse(input)
        if (!parsed.success) {
          const issue = parsed.error.issues[0]
          throw new HttpError(
            400,
            'BAD_REQUEST',
            `${issue?.path.join('.') || 'request'}: ${issue?.message}`,
          )
        }
        return exclusive(async () => {
          const st = s()
          const seen = (st.nonces[auth.terminalId] ??= dict())
          if (seen[auth.nonce] !== undefined) {
            throw new HttpError(401, 'AUTH_REPLAYED_NONCE', 'nonce already used')
          }
          housekeeping(now)
          seen[auth.nonce] = auth.timestamp
          let resident: SeedResident | undefined
          const ctx: Ctx = {
            terminalId: auth.terminalId,
            now,
            request,
            reply,
            resident: () => (resident ??= residentFromToken(request, auth.terminalId, now)),
          }
          try {
            if (endpoint.auth === 'resident') ctx.resident()
            const handler = handlers[name] as (c: Ctx, i: unknown) => Promise<unknown>
            const body = endpoint.response.parse(await handler(ctx, parsed.data))
            return reply.code(200).type('application/json').send(body)
          } finally {
            // Nonces and wrong SMS tries count even when the answer is an error.
            await file.save(st)
          }
        })
      },
    })
  }

  async function build(): Promise<FastifyInstance> {
    const instance = Fastify({ logger: false, bodyLimit: BODY_LIMIT_BYTES })
    drainOnClose(instance)
    instance.removeAllContentTypeParsers()
    instance.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) =>
      done(null, body),
    )
    instance.addHook('onSend', signAnswer)
    instance.setErrorHandler((error, _request, reply) => {
      if (error instanceof HttpError) return sendError(reply, error)
      const status = (error as { statusCode?: number }).statusCode
      if (status === 413)
        return sendError(reply, new HttpError(413, 'BODY_TOO_LARGE', 'body too large'))
      if (status === 415) {
        return sendError(
          reply,
          new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send application/json'),
        )
      }
      if (status !== undefined && status >= 400 && status < 500) {
        return sendError(reply, new HttpError(status, 'BAD_REQUEST', (error as Error).message))
      }
      return sendError(reply, new HttpError(500, 'INTERNAL', 'internal error'))
    })
    instance.setNotFoundHandler((_request, reply) =>
      sendError(reply, new HttpError(404, 'NOT_FOUND', 'no such endpoint')),
    )
    for (const name of Object.keys(CENTRAL_ENDPOINTS) as CentralEndpointName[])
      route(instance, name)
    if (options.demo) {
      instance.get<{ Params: { phone: string } }>(DEMO_SMS_ROUTE, async (request, reply) => {
        const sms = s().sms[request.params.phone]
        if (!sms)
          return sendError(reply, new HttpError(404, 'NOT_FOUND', 'no code sent to this phone'))
        return { code: sms.code, sentAt: sms.sentAt }
      })
      // Issue 8: what arrived (feedback, callStaff) and an outage switch, for QA and e2e.
      instance.get<{ Params: { kind: string } }>(
        DEMO_APPLICATIONS_ROUTE,
        async (request, reply) => {
          const kind = ApplicationKind.safeParse(request.params.kind)
          if (!kind.success)
            return sendError(reply, new HttpError(404, 'NOT_FOUND', 'no such kind'))
          const applications: DemoApplication[] = []
          const newest = Object.values(s().applications)
            .filter((app) => app.kind === kind.data)
            .slice(-DEMO_APPLICATIONS_LIMIT)
          for (const app of newest) {
            let payload = app.payload
            const sealed = (payload as { contactSealed?: unknown } | undefined)?.contactSealed
            if (typeof sealed === 'string') {
              const phone = await openContact(sealed, keyFor(app.terminalId) ?? '')
              const { contactSealed: _sealed, ...rest } = payload as Record<string, unknown>
              payload = { ...rest, contactMasked: phone ? maskPhone(phone) : null }
            }
            applications.push({
              applicationNo: app.applicationNo,
              kind: app.kind,
              status: app.status,
              createdAt: app.createdAt,
              payload,
            })
          }
          return { applications }
        },
      )
      instance.post(DEMO_OUTAGE_ROUTE, async (request, reply) => {
        let body: unknown
        try {
          body = JSON.parse(typeof request.body === 'string' ? request.body : '')
        } catch {
          return sendError(reply, new HttpError(400, 'BAD_JSON', 'body is not valid JSON'))
        }
        const parsed = DemoOutageRequest.safeParse(body)
        if (!parsed.success) return sendError(reply, new HttpError(400, 'BAD_REQUEST', 'on'))
        demoOutage = parsed.data.on
        return { on: demoOutage }
      })
    }
    return instance
  }

  return {
    async start() {
      if (url) return { url }
      state = (await file.load()) ?? initialState(seed)
      await file.save(state)
      app = await build()
      const address = await app.listen({ host: '127.0.0.1', port: options.port ?? 0 })
      url = address.replace('[::1]', '127.0.0.1')
      return { url }
    },
    async stop() {
      await app?.close()
      await lock.catch(() => undefined)
      await file.flush()
      app = undefined
      url = undefined
    },
    get url() {
      return url
    },
    putReferenceItem(kind, key, data) {
      return changeReference(kind, key, data)
    },
    deleteReferenceItem(kind, key) {
      return changeReference(kind, key, null)
    },
    compactReferenceHistory() {
      return exclusive(async () => {
        const ref = s().reference
        for (const [id, item] of Object.entries(ref.items)) if (item.deleted) delete ref.items[id]
        ref.horizon = ref.version
        await file.save(s())
      })
    },
    snapshot() {
      return structuredClone(s())
    },
  }
}
