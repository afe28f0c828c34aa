/**
 * A resident's visit: starts on the first touch, is kept alive by
 * activity, warns after the idle time with a visible countdown (WCAG 2.2.1) and ends on finish,
 * timeout, a core restart or the core's own `session.ended`. Ending wipes every store.
 */
import { tryOnScopeDispose, useIdle, useIntervalFn, useTimeoutFn } from '@vueuse/core'
import { defineStore, getActivePinia, getStores } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { SessionEndReason } from '../../shared/api/methods/session'
import type { ApiError } from '../../shared/api/result'
import { useKioskApi } from '../api/kiosk-api'
import { usePreferencesStore } from './preferences'
import { useTerminalStore } from './terminal'

export type SessionPhase = 'none' | 'starting' | 'active' | 'warning' | 'ending'

/** Used until `terminal.info` arrives (the defaults a hall config overrides). */
export const DEFAULT_TIMING = { idleSeconds: 60, warningSeconds: 20, elderFactor: 1.5 }
/**
 * Steps with their own idle time (card reading 30 s, face 20 s, printing 120 s at the 60 s
 * default), as factors of the configured idle time so that a hall's or QA's setting scales them
 * too. Elder mode multiplies on top. `faceCapture` is the face screen's 3-2-1 countdown and check:
 * the terminal is working, so the face screen's short wait does not run out under it.
 */
export const STEP_IDLE_FACTORS = {
  cardReading: 1 / 2,
  face: 1 / 3,
  faceCapture: 1,
  printing: 2,
} as const
export type IdleStep = keyof typeof STEP_IDLE_FACTORS
/** How long the attract screen confirms that the data was cleared. */
export const CLEARED_NOTICE_MS = 6000
/** The longest gap between two `session.extend` calls while the resident is active. */
export const EXTEND_EVERY_MS = 15_000
const TICK_MS = 250

/** Stores that describe the machine, not the resident; everything else resets at session end. */
const KEPT_ACROSS_SESSIONS = new Set(['terminal'])

export const useSessionStore = defineStore('session', () => {
  const api = useKioskApi()
  const terminal = useTerminalStore()
  const preferences = usePreferencesStore()
  const pinia = getActivePinia()

  const sessionId = ref<string | null>(null)
  const phase = ref<SessionPhase>('none')
  /** Seconds left in the countdown dialog. */
  const remainingSeconds = ref(0)
  const startError = shallowRef<ApiError | null>(null)
  /** True for CLEARED_NOTICE_MS after a session ended: attract says the data was cleared. */
  const clearedNotice = ref(false)
  const lastEndReason = ref<SessionEndReason | null>(null)

  const active = computed(() => phase.value === 'active' || phase.value === 'warning')
  const warning = computed(() => phase.value === 'warning')
  /** Steps held right now (the screen's own, a print in flight); the longest idle time wins. */
  const heldSteps = ref<IdleStep[]>([])
  const step = computed<IdleStep | null>(() =>
    heldSteps.value.reduce<IdleStep | null>(
      (longest, s) =>
        longest === null || STEP_IDLE_FACTORS[s] > STEP_IDLE_FACTORS[longest] ? s : longest,
      null,
    ),
  )
  const timing = computed(() => {
    const t = terminal.info?.timing ?? DEFAULT_TIMING
    const factor =
      (preferences.elder ? t.elderFactor : 1) * (step.value ? STEP_IDLE_FACTORS[step.value] : 1)
    return {
      idleMs: Math.round(t.idleSeconds * factor * 1000),
      warningMs: t.warningSeconds * 1000,
    }
  })

  // Activity: any touch, key or wheel (not mousemove: a kiosk has no mouse, and a bumped one
  // must not keep a forgotten session open).
  const { lastActive } = useIdle(DEFAULT_TIMING.idleSeconds * 1000, {
    events: ['pointerdown', 'touchstart', 'keydown', 'wheel'],
  })
  let quietSince = Date.now()
  let warningSince = 0
  let lastExtendAt = 0

  watch(lastActive, (at) => {
    if (phase.value !== 'active') return
    quietSince = at
    if (at - lastExtendAt >= Math.min(EXTEND_EVERY_MS, timing.value.idleMs / 2)) void extend()
  })

  const ticker = useIntervalFn(tick, TICK_MS, { immediate: false })
  const clearedTimer = useTimeoutFn(() => (clearedNotice.value = false), CLEARED_NOTICE_MS, {
    immediate: false,
  })

  function tick(): void {
    const now = Date.now()
    // A step longer than the core's backstop (printing): the renderer vouches for the visit while
    // it runs; its own countdown still ends the visit if nobody is there.
    if (
      phase.value === 'active' &&
      step.value !== null &&
      STEP_IDLE_FACTORS[step.value] > 1 &&
      now - lastExtendAt >= EXTEND_EVERY_MS
    )
      void extend()
    if (phase.value === 'active' && now - quietSince >= timing.value.idleMs) {
      phase.value = 'warning'
      warningSince = now
    }
    if (phase.value === 'warning') {
      const left = timing.value.warningMs - (now - warningSince)
      remainingSeconds.value = Math.max(0, Math.ceil(left / 1000))
      if (left <= 0) void end('timeout')
    }
  }

  /** The `session.start` in flight, if any (screens and the router wait on it: `settled`). */
  let starting: Promise<boolean> | null = null
  /** The `session.end` in flight, if any (a touch on attract meanwhile waits for it). */
  let ending: Promise<void> | null = null

  /**
   * Starts a session (first touch on attract). Resolves true when one is running. The home screen
   * is shown while this is in flight (the touch answers at once); anything that needs the session
   * waits for it through `settled()`.
   */
  function start(): Promise<boolean> {
    if (starting) return starting
    // Attract is back as soon as a session ends, while the core is still being told. A touch then
    // starts the next session once that is done, rather than being lost.
    if (phase.value === 'ending' && ending) {
      starting = ending
        .then(() => (phase.value === 'none' ? begin() : active.value))
        .finally(() => (starting = null))
      return starting
    }
    if (phase.value !== 'none') return Promise.resolve(active.value)
    starting = begin().finally(() => (starting = null))
    return starting
  }

  /** Resolves once no start is in flight: true when a session is running. */
  function settled(): Promise<boolean> {
    return starting ?? Promise.resolve(active.value)
  }

  async function begin(): Promise<boolean> {
    phase.value = 'starting'
    startError.value = null
    clearedNotice.value = false
    clearedTimer.stop()
    const result = await api.call('session.start', { elder: preferences.elder })
    if (!result.ok) {
      phase.value = 'none'
      startError.value = result.error
      return false
    }
    sessionId.value = result.value.sessionId
    phase.value = 'active'
    quietSince = lastExtendAt = Date.now()
    ticker.resume()
    return true
  }

  /** Tells the core the resident is still here. */
  async function extend(): Promise<void> {
    const id = sessionId.value
    if (!id) return
    lastExtendAt = Date.now()
    const result = await api.call('session.extend', { sessionId: id })
    // The core no longer knows the session (it expired or restarted): wipe.
    if (
      !result.ok &&
      (result.error.code === 'NO_SESSION' || result.error.code === 'SESSION_MISMATCH')
    )
      finishLocal('recovery')
  }

  /**
   * Holds `step`'s idle time until the returned release is called (a screen while shown, a print
   * while in flight). The quiet time restarts whenever the step changes.
   */
  function holdStep(held: IdleStep): () => void {
    heldSteps.value = [...heldSteps.value, held]
    quietSince = Date.now()
    let released = false
    return () => {
      if (released) return
      released = true
      const at = heldSteps.value.indexOf(held)
      if (at >= 0) heldSteps.value = heldSteps.value.filter((_, i) => i !== at)
      quietSince = Date.now()
    }
  }

  /** Runs `work` (a print) with `held`'s idle time. */
  async function during<T>(held: IdleStep, work: () => Promise<T>): Promise<T> {
    const release = holdStep(held)
    try {
      return await work()
    } finally {
      release()
    }
  }

  /** "Continue" in the countdown dialog: one action extends the session (WCAG 2.2.1). */
  function continueSession(): void {
    if (phase.value !== 'warning') return
    phase.value = 'active'
    quietSince = Date.now()
    void extend()
  }

  /** Ends the session and wipes everything; the wipe happens even if the core cannot be told. */
  async function end(reason: SessionEndReason = 'finish'): Promise<void> {
    // "Finish" tapped while the session is still being started: end the one that starts.
    if (phase.value === 'starting') await settled()
    const id = sessionId.value
    if (!id || phase.value === 'ending') return
    phase.value = 'ending'
    ticker.pause()
    ending = api
      .call('session.end', { sessionId: id, reason })
      .then(() => {
        if (sessionId.value === id) finishLocal(reason)
      })
      .finally(() => (ending = null))
    await ending
  }

  function finishLocal(reason: SessionEndReason): void {
    ticker.pause()
    resetAll()
    lastEndReason.value = reason
    clearedNotice.value = true
    clearedTimer.start()
  }

  /** Resets every store that holds anything about the visit (all but the machine's own). */
  function resetAll(): void {
    if (!pinia) return
    for (const store of getStores(pinia)) {
      if (KEPT_ACROSS_SESSIONS.has(store.$id)) continue
      const reset = (store as { reset?: unknown }).reset
      if (typeof reset === 'function') reset()
    }
  }

  function reset(): void {
    ticker.pause()
    sessionId.value = null
    phase.value = 'none'
    remainingSeconds.value = 0
    startError.value = null
    clearedNotice.value = false
    clearedTimer.stop()
    lastEndReason.value = null
  }

  const stopEnded = api.on('session.ended', (payload) => {
    if (sessionId.value !== null && payload.sessionId === sessionId.value) {
      finishLocal(payload.reason)
    }
  })
  tryOnScopeDispose(stopEnded)

  // A changed bootId means the core restarted and any session it held is gone.
  watch(
    () => terminal.info?.bootId,
    (now, before) => {
      if (before && now && now !== before && sessionId.value !== null) finishLocal('recovery')
    },
  )

  return {
    sessionId,
    phase,
    active,
    warning,
    remainingSeconds,
    startError,
    clearedNotice,
    lastEndReason,
    timing,
    step,
    holdStep,
    during,
    start,
    settled,
    extend,
    continueSession,
    end,
    resetAll,
    reset,
  }
})
