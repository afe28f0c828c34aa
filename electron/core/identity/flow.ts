/**
 * The state of one session's identity flow and what its steps (card and face, SMS) share: the
 * service in `identity.ts` builds one {@link FlowContext} and hands it to each step's file.
 */
import { fail, type IdentityMethod, type IdentityStatus, type Result } from '../../../shared/api'
import type { ResidentIdentity, ResidentSession } from '../../../shared/central'
import type { CentralCaller, MappedFailure } from '../central'
import type { DeviceRegistry } from '../devices/registry'
import type { Logger } from '../log'
import type { ActiveSession } from '../session/session'
import type { SmsChallenge } from './sms-challenge'

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
export interface Subject {
  via: 'card' | 'idNumber'
  idNumber: string
  /** From the card; null on the ID-number path. */
  name: string | null
  /** Masked, from the centre; null before it told (or when it has none on file). */
  phoneMasked: string | null
  /** The centre answered the card check without a phone on file. */
  noPhone: boolean
}

/** The sign-in code sent to the subject's phone. */
export interface SignInSms extends SmsChallenge {
  phoneMasked: string
}

/** The per-session flow state; replaced (never mutated back to empty) when the session changes. */
export interface Attempt {
  sessionId: string
  failures: number
  subject: Subject | null
  sms: SignInSms | null
  verified: VerifiedResidentRecord | null
  /** Cancels pending card waits (reset, session end). */
  cancelWaits: Set<() => void>
}

/** A step of the flow audited: the ID number is masked by the service, once for every caller. */
export type FlowAudit = (
  action: 'identity.signIn' | 'identity.failed',
  outcome: string,
  idNumber: string | null | undefined,
  detail: Record<string, string | number>,
) => void

/** What the flow's steps share; built once by the identity service. */
export interface FlowContext {
  devices: DeviceRegistry
  central: CentralCaller
  clock: () => Date
  log: Logger
  audit: FlowAudit
  /** The attempt of `session`, a fresh one when the session changed. */
  attemptFor(session: ActiveSession): Attempt
  /** False once the session ended (or changed) while a call was waiting on the centre. */
  stillCurrent(a: Attempt): boolean
  /** Runs flow steps of the terminal one at a time. */
  exclusive<T>(step: () => Promise<T>): Promise<T>
  /**
   * Runs `body` as one step of `session`'s flow before sign-in: one at a time, and only while the
   * session is current and nobody is verified yet.
   */
  unverifiedStep(
    session: ActiveSession,
    body: (a: Attempt) => Promise<Result<IdentityStatus>>,
  ): Promise<Result<IdentityStatus>>
  /** Answers a failure; counted failures add up, and the third ends the session. */
  failure(a: Attempt, mapped: MappedFailure, idNumber?: string | null): Result<IdentityStatus>
  /** Signs the resident in from the centre's session. */
  signIn(a: Attempt, session: ResidentSession, method: IdentityMethod): void
  /** The masked status the renderer sees. */
  statusOf(a: Attempt | null): IdentityStatus
}

/** The answer when the session ended while the step waited. */
export const gone = (): Result<IdentityStatus> => fail('NO_SESSION')
