/**
 * Identity verification, one flow per session (issue 4, DOMAIN.md, UX.md): ID card → face or SMS,
 * or typed ID number → SMS. The verified resident (the centre's short-lived token and their
 * identity) lives only here, in memory, for the current session; the renderer only ever gets the
 * masked {@link IdentityStatus}; a session end drops everything (`sessions.onEnd`).
 *
 * Calls of one session run one at a time, so two quick taps cannot count a wrong code twice; and
 * after every await on the centre the flow checks that its session is still the current one, so an
 * answer arriving after "finish" is dropped instead of signing in a session that no longer exists.
 */
import {
  fail,
  ok,
  type ErrorCode,
  type IdentityMethod,
  type IdentityStatus,
  type Result,
} from '../../../shared/api'
import type { ResidentIdentity, ResidentSession } from '../../../shared/central'
import { parseIdNumber } from '../../../shared/domain/id-number'
import { maskIdNumber, maskName, maskPhone } from '../../../shared/domain/masking'
import type { AuditTrail } from '../data/terminal-data'
import type { DeviceRegistry } from '../devices/registry'
import type { CardReaderDriver } from '../devices/driver'
import type { Logger } from '../log'
import type { ActiveSession, SessionManager } from '../session/session'
import type { CentralCaller } from './central-caller'
import {
  COUNTED_FAILURES,
  IDENTITY_FAILURE_LIMIT,
  isCardExpired,
  jpegBase64,
  mapCentralFailure,
  SMS_RULES,
  type MappedFailure,
} from './rules'

/** The verified resident as services inside the core use it (fund, tax): full data, never sent out. */
export interface VerifiedResidentRecord {
  /** For resident-scoped central calls (`x-resident-token`). */
  residentToken: string
  tokenExpiresAt: Date
  identity: ResidentIdentity
  method: IdentityMethod
  verifiedAt: Date
}

/** Who is being verified, before success. Holds only what the next step needs. */
interface Subject {
  via: 'card' | 'idNumber'
  idNumber: string
  /** From the card; null on the ID-number path. */
  name: string | null
  /** Masked, from the centre; null before it told (or when it has none on file). */
  phoneMasked: string | null
  /** The centre answered the card check without a phone on file. */
  noPhone: boolean
}

interface SmsCode {
  phoneMasked: string
  sentAt: Date
  expiresAt: Date
  resendAt: Date
  wrongTries: number
  void: boolean
}

/** The per-session flow state; replaced (never mutated back to empty) when the session changes. */
interface Attempt {
  sessionId: string
  failures: number
  subject: Subject | null
  sms: SmsCode | null
  verified: VerifiedResidentRecord | null
  /** Cancels pending card waits (reset, session end). */
  cancelWaits: Set<() => void>
}

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
   * Where sign-ins and failed attempts are audited (RELIABILITY-SECURITY.md promise 6): the
   * method, the error code and the masked ID number, never more.
   */
  audit?: AuditTrail
}

const seconds = (ms: number) => Math.max(0, Math.ceil(ms / 1000))

/** Creates the identity service and registers its wipe with the session manager. */
export function createIdentityService(deps: IdentityServiceDeps): IdentityService {
  const { sessions, devices, central, clock, log } = deps

  /** Audits a step of the flow; the ID number is masked here, once for every caller. */
  const audit = (
    action: 'identity.signIn' | 'identity.failed',
    outcome: string,
    idNumber: string | null | undefined,
    detail: Record<string, string | number>,
  ) =>
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
  /** False once the session ended (or changed) while a call was waiting on the centre. */
  const stillCurrent = (a: Attempt) => attempt === a && sessions.current()?.id === a.sessionId

  /** Runs flow steps of the terminal one at a time. */
  function exclusive<T>(step: () => Promise<T>): Promise<T> {
    const run = queue.then(step, step)
    queue = run.catch(() => undefined)
    return run
  }

  const camera = () => devices.get('camera')

  function statusOf(a: Attempt | null): IdentityStatus {
    const now = clock()
    // The centre's token is short-lived (minutes); once it has expired nothing resident-scoped
    // works, so the screen must not claim the resident is signed in.
    if (a?.verified && a.verified.tokenExpiresAt <= now) a.verified = null
    const reader = devices.get('cardReader')
    const presence = camera()?.presence() ?? 'missing'
    const subject = a?.subject ?? null
    const verified = a?.verified ?? null
    const sms = a?.sms ?? null
    const faceReason =
      subject?.via !== 'card'
        ? 'noCard'
        : presence === 'missing'
          ? 'cameraMissing'
          : presence === 'denied'
            ? 'cameraDenied'
            : null
    const failures = a?.failures ?? 0
    return {
      stage: verified
        ? 'verified'
        : sms
          ? 'smsSent'
          : subject?.via === 'card'
            ? 'cardRead'
            : 'idle',
      subject:
        subject && !verified
          ? {
              via: subject.via,
              nameMasked: subject.name === null ? null : maskName(subject.name),
              idNumberMasked: maskIdNumber(subject.idNumber),
              phoneMasked: subject.phoneMasked,
            }
          : null,
      sms:
        sms && !verified
          ? {
              phoneMasked: sms.phoneMasked,
              sentAt: sms.sentAt.toISOString(),
              expiresAt: sms.expiresAt.toISOString(),
              expiresInSeconds: seconds(sms.expiresAt.getTime() - now.getTime()),
              resendAt: sms.resendAt.toISOString(),
              resendInSeconds: seconds(sms.resendAt.getTime() - now.getTime()),
              attemptsLeft: Math.max(0, SMS_RULES.maxWrongTries - sms.wrongTries),
              void: sms.void,
              codeLength: 6,
            }
          : null,
      resident: verified
        ? {
            nameMasked: maskName(verified.identity.name),
            idNumberMasked: maskIdNumber(verified.identity.idNumber),
            phoneMasked: maskPhone(verified.identity.maskedPhone),
            method: verified.method,
            hasFundAccount: verified.identity.hasFundAccount,
            verifiedAt: verified.verifiedAt.toISOString(),
          }
        : null,
      failures,
      failuresLeft: Math.max(0, IDENTITY_FAILURE_LIMIT - failures),
      cardPresent: reader?.hasCard() ?? false,
      faceAvailable: !verified && faceReason === null,
      faceUnavailableReason: verified ? null : faceReason,
    }
  }

  /**
   * Answers a failure; counted failures add up, and the third ends the session (the wipe runs
   * before this returns, so nothing of the resident survives the lock).
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

  const gone = (): Result<IdentityStatus> => fail('NO_SESSION')

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

  /** Waits until a card lies on the reader, the time is up, or the wait is cancelled. */
  function waitForCard(a: Attempt, reader: CardReaderDriver, ms: number): Promise<boolean> {
    if (reader.hasCard() || ms <= 0) return Promise.resolve(reader.hasCard())
    return new Promise((resolve) => {
      const done = (found: boolean) => {
        clearTimeout(timer)
        unsubscribe()
        a.cancelWaits.delete(cancel)
        resolve(found)
      }
      const cancel = () => done(false)
      const timer = setTimeout(() => done(reader.hasCard()), ms)
      const unsubscribe = reader.onCard((event) => {
        if (event === 'inserted') done(true)
      })
      a.cancelWaits.add(cancel)
    })
  }

  async function readCard(
    session: ActiveSession,
    waitSeconds: number,
  ): Promise<Result<IdentityStatus>> {
    const a = attemptFor(session)
    if (a.verified) return fail('ALREADY_VERIFIED')
    const reader = devices.get('cardReader')
    if (!reader) return fail('DEVICE_UNAVAILABLE', 'cardReader:NOT_CONFIGURED')
    const unusable = () => {
      const s = reader.status()
      return s.state === 'UNAVAILABLE'
        ? fail<IdentityStatus>('DEVICE_UNAVAILABLE', `cardReader:${s.code}`)
        : null
    }
    const before = unusable()
    if (before) return before
    const present = await waitForCard(a, reader, waitSeconds * 1000)
    if (!stillCurrent(a)) return gone()
    if (!present) return fail('NO_CARD')

    return exclusive(async () => {
      if (!stillCurrent(a)) return gone()
      if (a.verified) return fail('ALREADY_VERIFIED')
      const read = await reader.readCard()
      if (!stillCurrent(a)) return gone()
      if (!read.ok) {
        if (read.reason === 'NO_CARD') return fail('NO_CARD')
        if (read.reason === 'UNAVAILABLE')
          return unusable() ?? fail('DEVICE_UNAVAILABLE', 'cardReader')
        return fail('CARD_READ_ERROR', 'chip')
      }
      const card = read.card
      const now = clock()
      // A genuine card always carries a valid number; anything else is a misread.
      const facts = parseIdNumber(card.idNumber, now)
      if (!facts) return fail('CARD_READ_ERROR', 'id_number')
      if (isCardExpired(card.validityEnd, now)) {
        audit('identity.failed', 'refused', facts.idNumber, { code: 'CARD_EXPIRED' })
        return fail('CARD_EXPIRED')
      }
      // A new card starts a new attempt; photo and address are not kept (the centre compares the
      // face with its own record, so the terminal needs neither).
      a.subject = null
      a.sms = null
      const answer = await central.call('identityCardCheck', {
        card: {
          name: card.name,
          gender: card.gender,
          birthDate: card.birthDate,
          idNumber: facts.idNumber,
          ...(card.issuingOffice ? { issuingOffice: card.issuingOffice } : {}),
          ...(card.validityStart ? { validityStart: card.validityStart } : {}),
          validityEnd: card.validityEnd,
        },
      })
      if (!stillCurrent(a)) return gone()
      if (!answer.ok) {
        const mapped = mapCentralFailure(answer)
        // An unknown card holder is not an impostor (a genuine card of someone the fund centre
        // does not know): refuse without counting. Typed numbers are counted (sendSms).
        if (mapped.code === 'RESIDENT_NOT_FOUND') {
          audit('identity.failed', 'refused', facts.idNumber, { code: 'RESIDENT_NOT_FOUND' })
          return fail('RESIDENT_NOT_FOUND')
        }
        return failure(a, mapped, facts.idNumber)
      }
      const phone = answer.value.maskedPhone.trim()
      a.subject = {
        via: 'card',
        idNumber: facts.idNumber,
        name: card.name,
        phoneMasked: phone ? maskPhone(phone) : null,
        noPhone: !phone,
      }
      log.info('identity.card_read', { hasPhone: phone !== '' })
      return ok(statusOf(a))
    })
  }

  function sendSms(
    session: ActiveSession,
    typed: string | undefined,
  ): Promise<Result<IdentityStatus>> {
    const a = attemptFor(session)
    return exclusive(async () => {
      if (!stillCurrent(a)) return gone()
      if (a.verified) return fail('ALREADY_VERIFIED')
      const now = clock()
      if (typed !== undefined) {
        const facts = parseIdNumber(typed, now)
        if (!facts) {
          // What was typed is not kept, not even masked: it may be someone's number mistyped.
          audit('identity.failed', 'refused', null, { code: 'ID_NUMBER_INVALID' })
          return fail('ID_NUMBER_INVALID')
        }
        if (a.subject?.idNumber !== facts.idNumber) {
          a.subject = {
            via: 'idNumber',
            idNumber: facts.idNumber,
            name: null,
            phoneMasked: null,
            noPhone: false,
          }
          a.sms = null
        }
      }
      const subject = a.subject
      if (!subject) return fail('NO_CARD')
      if (subject.noPhone) return fail('NO_PHONE_ON_FILE')
      if (a.sms && now < a.sms.resendAt) {
        return fail(
          'SMS_RESEND_TOO_SOON',
          `retryAfterSeconds=${seconds(a.sms.resendAt.getTime() - now.getTime())}`,
        )
      }
      const answer = await central.call('identitySmsSend', { idNumber: subject.idNumber })
      if (!stillCurrent(a)) return gone()
      if (!answer.ok) {
        const mapped = mapCentralFailure(answer)
        if (mapped.code === 'RESIDENT_NOT_FOUND') {
          a.subject = null
          // Only a typed number counts: a card holder unknown to the centre was refused earlier.
          if (subject.via === 'card') return fail('RESIDENT_NOT_FOUND')
        }
        return failure(a, mapped, subject.idNumber)
      }
      const phone = answer.value.maskedPhone.trim()
      if (!phone) {
        subject.noPhone = true
        return fail('NO_PHONE_ON_FILE')
      }
      // Times on the terminal's clock from the centre's durations: immune to clock skew.
      const sentAt = clock()
      subject.phoneMasked = maskPhone(phone)
      a.sms = {
        phoneMasked: subject.phoneMasked,
        sentAt,
        expiresAt: new Date(sentAt.getTime() + answer.value.expiresInSeconds * 1000),
        resendAt: new Date(sentAt.getTime() + answer.value.resendAfterSeconds * 1000),
        wrongTries: 0,
        void: false,
      }
      log.info('identity.sms_sent', { via: subject.via })
      return ok(statusOf(a))
    })
  }

  function verifySms(session: ActiveSession, code: string): Promise<Result<IdentityStatus>> {
    const a = attemptFor(session)
    return exclusive(async () => {
      if (!stillCurrent(a)) return gone()
      if (a.verified) return fail('ALREADY_VERIFIED')
      const subject = a.subject
      const sms = a.sms
      if (!subject || !sms) return fail('SMS_NOT_SENT')
      if (sms.void) {
        audit('identity.failed', 'refused', subject.idNumber, { code: 'SMS_CODE_VOID' })
        return fail('SMS_CODE_VOID', 'resend')
      }
      if (clock() >= sms.expiresAt) {
        audit('identity.failed', 'refused', subject.idNumber, { code: 'SMS_CODE_EXPIRED' })
        return fail('SMS_CODE_EXPIRED')
      }
      const answer = await central.call('identitySmsVerify', { idNumber: subject.idNumber, code })
      if (!stillCurrent(a)) return gone()
      if (!answer.ok) {
        const mapped = mapCentralFailure(answer)
        if (mapped.code === 'SMS_CODE_WRONG') {
          const left = answer.error.attemptsLeft ?? SMS_RULES.maxWrongTries - sms.wrongTries - 1
          sms.wrongTries = SMS_RULES.maxWrongTries - Math.max(0, left)
          if (left > 0) {
            audit('identity.failed', 'failed', subject.idNumber, {
              code: 'SMS_CODE_WRONG',
              attemptsLeft: left,
            })
            return fail('SMS_CODE_WRONG', `attemptsLeft=${left}`)
          }
          sms.void = true
          return failure(a, { code: 'SMS_CODE_VOID' })
        }
        if (mapped.code === 'SMS_CODE_VOID') {
          sms.wrongTries = SMS_RULES.maxWrongTries
          sms.void = true
        }
        if (mapped.code === 'SMS_CODE_EXPIRED') {
          sms.expiresAt = clock()
          audit('identity.failed', 'refused', subject.idNumber, { code: 'SMS_CODE_EXPIRED' })
        }
        if (mapped.code === 'SMS_NOT_SENT') a.sms = null
        return failure(a, mapped)
      }
      if (answer.value.identity.idNumber.toUpperCase() !== subject.idNumber) {
        log.error('identity.centre_answered_other_resident', {})
        return fail('INTERNAL', 'identity')
      }
      signIn(a, answer.value, subject.via === 'card' ? 'card+sms' : 'idNumber+sms')
      return ok(statusOf(a))
    })
  }

  function faceCheck(session: ActiveSession, image: string): Promise<Result<IdentityStatus>> {
    const a = attemptFor(session)
    return exclusive(async () => {
      if (!stillCurrent(a)) return gone()
      if (a.verified) return fail('ALREADY_VERIFIED')
      const subject = a.subject
      if (subject?.via !== 'card') return fail('NO_CARD')
      const jpeg = jpegBase64(image)
      if (!jpeg) return fail('FACE_IMAGE_INVALID', 'not_jpeg')
      const answer = await central.call('identityFaceCheck', {
        idNumber: subject.idNumber,
        imageJpegBase64: jpeg,
      })
      if (!stillCurrent(a)) return gone()
      if (!answer.ok) return failure(a, mapCentralFailure(answer))
      if (!answer.value.match) return failure(a, { code: 'FACE_NOT_MATCHED' })
      if (answer.value.session.identity.idNumber.toUpperCase() !== subject.idNumber) {
        log.error('identity.centre_answered_other_resident', {})
        return fail('INTERNAL', 'identity')
      }
      signIn(a, answer.value.session, 'card+face')
      return ok(statusOf(a))
    })
  }

  return {
    status: (session) => statusOf(attempt?.sessionId === session.id ? attempt : null),
    readCard,
    sendSms,
    verifySms,
    faceCheck,
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
