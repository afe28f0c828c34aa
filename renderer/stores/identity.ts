/**
 * Who the resident is, as far as the renderer may know it: the core's last
 * `IdentityStatus` (masked only), the last error, which call is in flight, the SMS countdowns and
 * where to go once verified. The full ID number, name and phone never enter this store: screens
 * hold a typed ID number in the component until `sendSms`, and the core answers masked values.
 * Reset at session end (`useSessionStore().resetAll()`).
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { IdentityStatus } from '../../shared/api/methods/identity'
import type { ApiError, Result } from '../../shared/api/result'
import { useKioskApi } from '../api/kiosk-api'
import { useSmsCountdown } from '../composables/use-sms-countdown'
import { useSessionStore } from './session'

/** A call the identity flow can have in flight (one at a time; screens disable their buttons). */
export type IdentityCall = 'status' | 'readCard' | 'sendSms' | 'verifySms' | 'faceCheck' | 'reset'

/** Steps of the identity wizard: choose a way in, card or ID number, then face or SMS code. */
export const IDENTITY_STEPS = 3

/** How long the insert-card screen waits per `identity.readCard` (the card-reading step: 30 s). */
export const CARD_WAIT_SECONDS = 30

/** Reads `key=N` out of an error detail such as `attemptsLeft=3` (details are never personal). */
export function detailNumber(error: ApiError | null, key: string): number | null {
  const match = error?.detail?.match(new RegExp(`(?:^|[;,\\s])${key}=(\\d+)`))
  return match ? Number(match[1]) : null
}

export const useIdentityStore = defineStore('identity', () => {
  const api = useKioskApi()
  const session = useSessionStore()
  // The SMS countdowns, each restarted from the core's answer that carries its seconds.
  const resendWait = useSmsCountdown()
  const expiry = useSmsCountdown()
  const retryWait = useSmsCountdown()

  /** The core's last answer; screens render from it. */
  const status = shallowRef<IdentityStatus | null>(null)
  const error = shallowRef<ApiError | null>(null)
  const busy = ref<IdentityCall | null>(null)
  /** The screen the resident asked for before being sent to verify (a path, never personal). */
  const returnTo = ref<string | null>(null)
  /** The target is a service that asked for identity (not the resident's own "sign in" tap). */
  const returnForService = ref(false)
  /** The camera was probed in this visit (see `probeCamera`). */
  const cameraProbed = ref(false)
  /** Bumped by `cancelCardWait` and `reset`: answers of an older generation are dropped. */
  let generation = 0

  const stage = computed(() => status.value?.stage ?? 'idle')
  const verified = computed(() => status.value?.stage === 'verified')
  const resident = computed(() => status.value?.resident ?? null)
  const sms = computed(() => status.value?.sms ?? null)
  /** Seconds until the code expires, counted down locally from the core's last answer. */
  const smsExpiresIn = computed(() => (sms.value ? expiry.remaining.value : 0))
  /** Seconds until "resend" may be offered. */
  const smsResendIn = computed(() => (sms.value ? resendWait.remaining.value : 0))
  const smsExpired = computed(() => sms.value !== null && smsExpiresIn.value === 0)
  /**
   * Seconds before another code may be asked for after SMS_RESEND_TOO_SOON or RATE_LIMITED (the
   * centre counts per phone, across visits: a resident who went back and typed the number again).
   */
  const retryIn = computed(() =>
    detailNumber(error.value, 'retryAfterSeconds') === null ? 0 : retryWait.remaining.value,
  )

  /** Takes the core's answer and restarts the SMS countdowns from the seconds it carries. */
  function accept(next: IdentityStatus): void {
    status.value = next
    resendWait.start(next.sms?.resendInSeconds ?? 0)
    expiry.start(next.sms?.expiresInSeconds ?? 0)
  }

  async function run(
    call: IdentityCall,
    invoke: () => Promise<Result<IdentityStatus>>,
  ): Promise<boolean> {
    const mine = generation
    busy.value = call
    error.value = null
    const result = await invoke()
    if (mine !== generation) return false
    busy.value = null
    if (!result.ok) {
      error.value = result.error
      retryWait.start(detailNumber(result.error, 'retryAfterSeconds') ?? 0)
      // The core ended the session on the third failure; end it here too in case its
      // `session.ended` event is late or lost (the reason routes to the "ask staff" screen).
      if (result.error.code === 'IDENTITY_LOCKED') void session.end('identityFailures')
      // A failure can change the flow too (attempts left, a void code, failures so far).
      else await syncQuietly(mine)
      return false
    }
    accept(result.value)
    return true
  }

  /** Takes the core's status without touching the error or the busy flag. */
  async function syncQuietly(mine: number): Promise<void> {
    const result = await api.call('identity.status', {})
    if (mine !== generation || !result.ok) return
    accept(result.value)
  }

  /**
   * Asks the core where the flow stands (on entering the identity screens). Skipped while another
   * call is in flight: its answer brings the status, and refreshing would wipe the error it is
   * about to show (a screen left quickly, whose late `onMounted` refresh lands on the next screen).
   */
  async function refresh(): Promise<boolean> {
    if (busy.value !== null) return false
    return run('status', () => api.call('identity.status', {}))
  }

  /** Waits for a card on the reader and reads it (long poll, up to CARD_WAIT_SECONDS). */
  async function readCard(waitSeconds = CARD_WAIT_SECONDS): Promise<boolean> {
    const mine = generation
    const done = await run('readCard', () => api.call('identity.readCard', { waitSeconds }))
    // Cancelled while waiting, yet a card was read after all: do not leave a read card behind.
    if (!done && mine !== generation) void api.call('identity.reset', {})
    return done
  }

  /** The resident left the insert-card screen: the pending read no longer matters. */
  function cancelCardWait(): void {
    if (busy.value !== 'readCard') return
    generation++
    busy.value = null
  }

  /** Sends the code: to the phone on file for `idNumber`, or for the card just read (none given). */
  function sendSms(idNumber?: string): Promise<boolean> {
    return run('sendSms', () =>
      api.call('identity.sendSms', idNumber === undefined ? {} : { idNumber }),
    )
  }

  function verifySms(code: string): Promise<boolean> {
    return run('verifySms', () => api.call('identity.verifySms', { code }))
  }

  /** Sends one still (JPEG data URL); the caller drops its copy right after. */
  function faceCheck(image: string): Promise<boolean> {
    return run('faceCheck', () => api.call('identity.faceCheck', { image }))
  }

  /** Back to "choose a way in" (failures still count in the core). */
  function startOver(): Promise<boolean> {
    generation++
    return run('reset', () => api.call('identity.reset', {}))
  }

  function clearError(): void {
    error.value = null
  }

  /** Remembers where to go after verification (the router guard; the badge with forService false). */
  function rememberTarget(path: string | null, forService = true): void {
    returnTo.value = path
    returnForService.value = path !== null && forService
  }

  /** Takes the remembered target once (the flow goes there and forgets it). */
  function takeTarget(): string | null {
    const path = returnTo.value
    returnTo.value = null
    returnForService.value = false
    return path
  }

  function reset(): void {
    generation++
    status.value = null
    error.value = null
    resendWait.stop()
    expiry.stop()
    retryWait.stop()
    busy.value = null
    returnTo.value = null
    returnForService.value = false
    cameraProbed.value = false
  }

  return {
    status,
    error,
    busy,
    returnTo,
    returnForService,
    cameraProbed,
    stage,
    verified,
    resident,
    sms,
    smsExpiresIn,
    smsResendIn,
    smsExpired,
    retryIn,
    refresh,
    readCard,
    cancelCardWait,
    sendSms,
    verifySms,
    faceCheck,
    startOver,
    clearError,
    rememberTarget,
    takeTarget,
    reset,
  }
})
