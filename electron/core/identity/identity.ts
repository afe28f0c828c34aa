/**
 * Identity verification, one flow per session: ID card → face or SMS, or typed ID number → SMS.
 * The verified resident (the centre's short-lived token and their identity) lives only here, in
 * memory, for the current session; the renderer only ever gets the masked {@link IdentityStatus};
 * a session end drops everything (`sessions.onEnd`). The steps live in `card-face.ts` and
 * `sms-sign-in.ts`; this file holds the state they share.
 *
 * Calls of one session run one at a time, so two quick taps cannot count a wrong code twice; and
 * after every await on the centre the flow checks that its session is still the current one, so an
 * answer arriving after "finish" is dropped instead of signing in a session that no longer exists.
 */
import {
  fail,
  type ErrorCode,
  type IdentityMethod,
  type IdentityStatus,
  type Result,
} from '../../../shared/api'
import type { ResidentSession } from '../../../shared/central'
import { maskIdNumber } from '../../../shared/domain/masking'
import type { CentralCaller, MappedFailure } from '../central'
import type { AuditTrail } from '../data/terminal-data'
import type { DeviceRegistry } from '../devices/registry'
import type { Logger } from '../log'
import type { ActiveSession, SessionManager } from '../session/session'
import { createCardFaceSteps } from './card-face'
import type { Attempt, FlowAudit, FlowContext, VerifiedResidentRecord } from './flow'
import { COUNTED_FAILURES, IDENTITY_FAILURE_LIMIT } from './rules'
import { createSmsSignInSteps } from './sms-sign-in'
import { identityStatus } from './status'

export type { VerifiedResidentRecord } from './flow'

export interface IdentityService {
  status(session: ActiveSession): IdentityStatus
  readCard(session: ActiveSession, waitSeconds: number): Promise<Result<IdentityStatus>>
  sendSms(session: ActiveSession, idNumber: string | undefined): Promise<Result<IdentityStatus>>
  verifySms(session: ActiveSession, code: string): Promise<Result<IdentityStatus>>
  faceCheck(session: ActiveSession, image: string): Promise<Result<IdentityStatus>>
  reset(session: ActiveSession): IdentityStatus
  /**
   * The verified resident of `sessionId`, for handlers inside the core (fund, tax): null when the
   * session is not current, nobody is verified, or the centre's token has expired.
   */
  currentResident(sessionId: string): VerifiedResidentRecord | null
  /** The ID number being verified or verified now (QA inbox lookup); never leaves the core. */
  currentIdNumber(sessionId: string): string | null
  /** Tests: the raw flow state (null when no session has identity data). */
  inspect(): Readonly<Attempt> | null
  /** Drops all state and unregisters from the session manager. */
  dispose(): void
}

export interface IdentityServiceDeps {
  sessions: SessionManager
  devices: DeviceRegistry
  central: CentralCaller
  clock: () => Date
  log: Logger
  /**
   * Where sign-ins and failed attempts are audited (docs/audit.md): the
   * method, the error code and the masked ID number, never more.
   */
  audit?: AuditTrail
}

/** Creates the identity service and registers its wipe with the session manager. */
export function createIdentityService(deps: IdentityServiceDeps): IdentityService {
  const { sessions, devices, clock, log } = deps

  const audit: FlowAudit = (action, outcome, idNumber, detail) =>
    void deps.audit?.record({
      action,
      subject: idNumber ? maskIdNumber(idNumber) : null,
      outcome,
      detail,
    })
  let attempt: Attempt | null = null
  let queue: Promise<unknown> = Promise.resolve()

  const wipe = () => {
    if (!attempt) return
    for (const cancel of [...attempt.cancelWaits]) cancel()
    // Drop every reference; JS strings cannot be overwritten, but nothing reachable keeps them.
    attempt.subject = null
    attempt.sms = null
    attempt.verified = null
    attempt = null
  }
  const unregister = sessions.onEnd(wipe)

  const attemptFor = (session: ActiveSession): Attempt => {
    if (attempt?.sessionId !== session.id) {
      wipe()
      attempt = {
        sessionId: session.id,
        failures: 0,
        subject: null,
        sms: null,
        verified: null,
        cancelWaits: new Set(),
      }
    }
    return attempt
  }

  /**
   * Counted failures add up, and the third ends the session (the wipe runs before this returns,
   * so nothing of the resident survives the lock).
   */
  function failure(
    a: Attempt,
    mapped: MappedFailure,
    idNumber: string | null | undefined = a.subject?.idNumber,
  ): Result<IdentityStatus> {
    if (!COUNTED_FAILURES.has(mapped.code)) return fail(mapped.code, mapped.detail)
    a.failures++
    log.warn('identity.attempt_failed', { code: mapped.code, failures: a.failures })
    const locked = a.failures >= IDENTITY_FAILURE_LIMIT
    audit('identity.failed', locked ? 'locked' : 'failed', idNumber, {
      code: mapped.code,
      failures: a.failures,
    })
    if (locked) {
      sessions.end('identityFailures', a.sessionId)
      return fail('IDENTITY_LOCKED', `after=${mapped.code}`)
    }
    return fail(mapped.code, mapped.detail ?? `failuresLeft=${IDENTITY_FAILURE_LIMIT - a.failures}`)
  }

  function signIn(a: Attempt, session: ResidentSession, method: IdentityMethod) {
    a.verified = {
      residentToken: session.residentToken,
      tokenExpiresAt: new Date(session.expiresAt),
      identity: session.identity,
      method,
      verifiedAt: clock(),
    }
    a.subject = null
    a.sms = null
    log.info('identity.verified', { method })
    audit('identity.signIn', 'ok', session.identity.idNumber, { method })
  }

  const statusOf = (a: Attempt | null) => identityStatus(a, devices, clock())
  const stillCurrent = (a: Attempt) => attempt === a && sessions.current()?.id === a.sessionId
  function exclusive<T>(step: () => Promise<T>): Promise<T> {
    const run = queue.then(step, step)
    queue = run.catch(() => undefined)
    return run
  }
  const ctx: FlowContext = {
    devices,
    central: deps.central,
    clock,
    log,
    audit,
    attemptFor,
    stillCurrent,
    exclusive,
    unverifiedStep(session, body) {
      const a = attemptFor(session)
      return exclusive(async () => {
        if (!stillCurrent(a)) return fail('NO_SESSION')
        if (a.verified) return fail('ALREADY_VERIFIED')
        return body(a)
      })
    },
    failure,
    signIn,
    statusOf,
  }
  const card = createCardFaceSteps(ctx)
  const sms = createSmsSignInSteps(ctx)

  return {
    status: (session) => statusOf(attempt?.sessionId === session.id ? attempt : null),
    readCard: card.readCard,
    sendSms: sms.sendSms,
    verifySms: sms.verifySms,
    faceCheck: card.faceCheck,
    reset(session) {
      const a = attemptFor(session)
      for (const cancel of [...a.cancelWaits]) cancel()
      a.subject = null
      a.sms = null
      a.verified = null
      return statusOf(a)
    },
    currentResident(sessionId) {
      const a = attempt
      if (!a || a.sessionId !== sessionId || sessions.current()?.id !== sessionId) return null
      if (!a.verified || a.verified.tokenExpiresAt <= clock()) return null
      return a.verified
    },
    currentIdNumber(sessionId) {
      const a = attempt
      if (!a || a.sessionId !== sessionId) return null
      return a.verified?.identity.idNumber ?? a.subject?.idNumber ?? null
    },
    inspect: () => attempt,
    dispose() {
      wipe()
      unregister()
    },
  }
}

/** Error codes identity methods may answer, for documentation and tests. */
export const IDENTITY_ERROR_CODES: readonly ErrorCode[] = [
  'ID_NUMBER_INVALID',
  'RESIDENT_NOT_FOUND',
  'NO_PHONE_ON_FILE',
  'SMS_NOT_SENT',
  'SMS_RESEND_TOO_SOON',
  'SMS_CODE_WRONG',
  'SMS_CODE_EXPIRED',
  'SMS_CODE_VOID',
  'NO_CARD',
  'CARD_READ_ERROR',
  'CARD_EXPIRED',
  'CARD_MISMATCH',
  'FACE_IMAGE_INVALID',
  'FACE_NOT_MATCHED',
  'ALREADY_VERIFIED',
  'IDENTITY_LOCKED',
  'CENTRAL_UNREACHABLE',
  'CENTRAL_REJECTED',
  'DEVICE_UNAVAILABLE',
  'RATE_LIMITED',
]
