/**
 * Supervisor mode (audited: docs/audit.md): entered with the staff PIN,
 * proved afterwards by an opaque token, left by staff or by itself after 2 minutes without staff
 * activity. 5 wrong PINs in a row lock entry; each further lock lasts longer ({@link PIN_LOCK_STEPS_MS}:
 * 5 min, 15 min, 1 h, then 4 h each time), and only a right PIN starts the ladder again, so a
 * patient guesser gets a few dozen tries a day instead of 1,440. The count, the lock and the step
 * are kept in the store's settings, so restarting the app resets none of them. Every entry,
 * failure, lock and exit is audited. One mode at a time: entering again replaces the previous token.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { fail, ok, type Result } from '../../../shared/api'
import type { AuditTrail } from '../data/terminal-data'
import { DEMO_SUPERVISOR_PIN, hashPin, parsePinHash, verifyPin, type ParsedPinHash } from './pin'
import type { SettingsAccess } from '../data/settings'

export const SUPERVISOR_IDLE_MS = 2 * 60 * 1000
/** How long the 1st, 2nd, 3rd and every later lock lasts (the last step is the cap). */
export const PIN_LOCK_STEPS_MS: readonly number[] = [
  5 * 60_000,
  15 * 60_000,
  60 * 60_000,
  4 * 60 * 60_000,
]
export const PIN_MAX_FAILURES = 5
const LOCKOUT_SETTING = 'supervisor.lockout'

export type SupervisorEndReason = 'left' | 'idle' | 'stopped'

export interface SupervisorModeOptions {
  /** The configured hash; null/undefined → the demo PIN in demo mode, else no entry at all. */
  pinHash: string | null | undefined
  demo: boolean
  clock: () => Date
  audit: AuditTrail
  settings: SettingsAccess
  /** Called when the mode begins or ends (the core emits `supervisor.mode`). */
  onChange: (active: boolean, reason: 'entered' | SupervisorEndReason) => void
  /** Called on entry, before the token is handed out (the core ends the resident session). */
  onEnter?: () => void
  idleMs?: number
  /** Lock lengths by lock count; the last one repeats (default {@link PIN_LOCK_STEPS_MS}). */
  lockStepsMs?: readonly number[]
  maxFailures?: number
}

export interface SupervisorMode {
  /** How the PIN is set up: a configured hash, the demo PIN, or none (entry impossible). */
  readonly pinSource: 'configured' | 'demo' | 'none'
  enter(pin: string): Promise<Result<{ token: string; expiresAt: string; idleSeconds: number }>>
  /** True while `token` is the live token and the mode has not idled out. */
  isValid(token: string): boolean
  /** Staff activity: restarts the idle timer; null when the token is not valid. */
  touch(token: string): Date | null
  /** Ends the mode if `token` is the live one (or always, without a token). */
  leave(token: string | null, reason: SupervisorEndReason): boolean
  active(): boolean
  dispose(): void
}

interface Lockout {
  failures: number
  lockedUntil: number
  /** Locks since the last right PIN: picks the next lock's length. */
  locks: number
}

const count = (value: unknown) =>
  Number.isInteger(value) && Number(value) >= 0 ? Number(value) : 0

export function createSupervisorMode(options: SupervisorModeOptions): SupervisorMode {
  const idleMs = options.idleMs ?? SUPERVISOR_IDLE_MS
  const lockSteps = options.lockStepsMs?.length ? options.lockStepsMs : PIN_LOCK_STEPS_MS
  const lockLength = (locks: number) => lockSteps[Math.min(locks, lockSteps.length - 1)]!
  const maxFailures = options.maxFailures ?? PIN_MAX_FAILURES
  const { clock, audit } = options

  const configured = options.pinHash ? parsePinHash(options.pinHash) : null
  const pinSource: SupervisorMode['pinSource'] = configured
    ? 'configured'
    : !options.pinHash && options.demo
      ? 'demo'
      : 'none'
  // The demo PIN goes through the same scrypt path as a real one (hashed once, lazily), at the
  // lowest cost parsePinHash accepts: it is published, so a costly hash of it protects nothing.
  let demoHash: Promise<ParsedPinHash | null> | null = null
  const stored = (): Promise<ParsedPinHash | null> => {
    if (configured) return Promise.resolve(configured)
    if (pinSource !== 'demo') return Promise.resolve(null)
    demoHash ??= hashPin(DEMO_SUPERVISOR_PIN, { N: 2 ** 14 }).then(parsePinHash)
    return demoHash
  }

  let token: string | null = null
  let expiresAt = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let lockout: Lockout | null = null
  let queue: Promise<unknown> = Promise.resolve()

  const readLockout = (): Lockout => {
    if (lockout) return lockout
    const raw = options.settings.read(LOCKOUT_SETTING)
    try {
      const parsed = raw ? (JSON.parse(raw) as Partial<Lockout>) : {}
      lockout = {
        failures: count(parsed.failures),
        lockedUntil: Number.isFinite(parsed.lockedUntil) ? Number(parsed.lockedUntil) : 0,
        locks: count(parsed.locks),
      }
    } catch {
      lockout = { failures: 0, lockedUntil: 0, locks: 0 }
    }
    return lockout
  }
  const saveLockout = async (next: Lockout) => {
    lockout = next
    await options.settings.write(LOCKOUT_SETTING, JSON.stringify(next))
  }

  const schedule = () => {
    clearTimeout(timer)
    timer = setTimeout(
      () => {
        if (token && clock().getTime() >= expiresAt) end('idle')
        else if (token) schedule()
      },
      Math.max(50, expiresAt - clock().getTime()),
    )
    timer.unref?.()
  }

  const end = (reason: SupervisorEndReason) => {
    if (!token) return false
    token = null
    clearTimeout(timer)
    void audit.record({ action: 'supervisor.leave', subject: null, outcome: reason })
    options.onChange(false, reason)
    return true
  }

  const matches = (candidate: string) => {
    if (!token) return false
    const given = Buffer.from(candidate)
    const held = Buffer.from(token)
    return given.length === held.length && timingSafeEqual(given, held)
  }
  const live = (candidate: string) => {
    if (!matches(candidate)) return false
    if (clock().getTime() >= expiresAt) {
      end('idle')
      return false
    }
    return true
  }

  async function enterNow(
    pin: string,
  ): Promise<Result<{ token: string; expiresAt: string; idleSeconds: number }>> {
    const now = clock().getTime()
    if (pinSource === 'none') {
      void audit.record({ action: 'supervisor.enter', subject: null, outcome: 'unavailable' })
      return fail('SUPERVISOR_UNAVAILABLE')
    }
    const state = readLockout()
    if (state.lockedUntil > now) {
      const retryAfterSeconds = Math.ceil((state.lockedUntil - now) / 1000)
      void audit.record({
        action: 'supervisor.enter',
        subject: null,
        outcome: 'locked',
        detail: { retryAfterSeconds },
      })
      return fail('RATE_LIMITED', `retryAfterSeconds=${retryAfterSeconds}`)
    }
    const hash = await stored()
    const right = hash !== null && (await verifyPin(pin, hash))
    if (!right) {
      const failures = state.failures + 1
      if (failures >= maxFailures) {
        const lockMs = lockLength(state.locks)
        await saveLockout({ failures: 0, lockedUntil: now + lockMs, locks: state.locks + 1 })
        void audit.record({
          action: 'supervisor.enter',
          subject: null,
          outcome: 'locked',
          detail: { failures, lockSeconds: lockMs / 1000, lock: state.locks + 1 },
        })
        return fail('RATE_LIMITED', `retryAfterSeconds=${Math.ceil(lockMs / 1000)}`)
      }
      await saveLockout({ failures, lockedUntil: 0, locks: state.locks })
      void audit.record({
        action: 'supervisor.enter',
        subject: null,
        outcome: 'denied',
        detail: { attemptsLeft: maxFailures - failures },
      })
      return fail('PIN_WRONG', `attemptsLeft=${maxFailures - failures}`)
    }
    if (state.failures > 0 || state.lockedUntil > 0 || state.locks > 0)
      await saveLockout({ failures: 0, lockedUntil: 0, locks: 0 })
    if (token) end('left')
    options.onEnter?.()
    token = randomBytes(24).toString('base64url')
    expiresAt = clock().getTime() + idleMs
    schedule()
    void audit.record({
      action: 'supervisor.enter',
      subject: null,
      outcome: 'ok',
      detail: { pinSource },
    })
    options.onChange(true, 'entered')
    return ok({
      token,
      expiresAt: new Date(expiresAt).toISOString(),
      idleSeconds: Math.round(idleMs / 1000),
    })
  }

  return {
    pinSource,
    enter(pin) {
      // One check at a time, so parallel guesses cannot slip past the failure count.
      const run = queue.then(() => enterNow(pin))
      queue = run.catch(() => undefined)
      return run
    },
    isValid: (candidate) => live(candidate),
    touch(candidate) {
      if (!live(candidate)) return null
      expiresAt = clock().getTime() + idleMs
      schedule()
      return new Date(expiresAt)
    },
    leave(candidate, reason) {
      if (candidate !== null && !matches(candidate)) return false
      return end(reason)
    },
    active: () => token !== null && clock().getTime() < expiresAt,
    dispose() {
      end('stopped')
      clearTimeout(timer)
    },
  }
}
