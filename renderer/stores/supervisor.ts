/**
 * Staff mode in the renderer: the PIN dialog, the token the core handed out (memory
 * only, never stored), the dashboard and the actions. The core decides everything (PIN check,
 * lockout, idle exit); this store shows it and leaves when the core says the mode ended.
 */
import { tryOnScopeDispose, useEventListener } from '@vueuse/core'
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract'
import type { ApiError } from '../../shared/api/result'
import type { JournaledReceipt, SupervisorDashboard } from '../../shared/api/methods/supervisor'
import { useKioskApi } from '../api/kiosk-api'
import { useSessionStore } from './session'

/** Staff taps count as activity for the core's 2-minute timer, at most this often. */
export const TOUCH_EVERY_MS = 10_000
/** The dashboard refreshes itself this often while shown (without counting as activity). */
export const DASHBOARD_REFRESH_MS = 5_000

type StaffMethod = Exclude<Extract<MethodName, `supervisor.${string}`>, 'supervisor.enter'>
export type StaffAction =
  | 'syncNow'
  | 'retryOutbox'
  | 'testPrint'
  | 'outOfService'
  | 'inService'
  | 'verifyAudit'
  | 'restart'
  | 'exitKiosk'
  | 'reprint'
  | 'resolveCallStaff'
  | 'clearIssues'

/** What some actions need besides their name: the out-of-service message, a receipt or call id. */
export interface StaffActionExtra {
  message?: string
  id?: string
}

/**
 * Actions staff confirm first: they take the terminal away from residents or stop the app.
 * `ask` holds them in `pending` until `confirmPending` (or `cancelPending`).
 */
export const CONFIRMED_ACTIONS: readonly StaffAction[] = ['outOfService', 'restart', 'exitKiosk']

/** An action waiting for staff's "yes", with what it will run with. */
export interface PendingAction {
  action: StaffAction
  extra: StaffActionExtra
}

export interface ActionOutcome {
  action: StaffAction
  ok: boolean
  error?: ApiError
  value?: unknown
}

export const useSupervisorStore = defineStore('supervisor', () => {
  const api = useKioskApi()
  const session = useSessionStore()

  const token = ref<string | null>(null)
  const pinOpen = ref(false)
  const entering = ref(false)
  const pinError = shallowRef<ApiError | null>(null)
  const dashboard = shallowRef<SupervisorDashboard | null>(null)
  const receipts = shallowRef<JournaledReceipt[]>([])
  const busy = ref<StaffAction | null>(null)
  const outcome = shallowRef<ActionOutcome | null>(null)
  const pending = shallowRef<PendingAction | null>(null)
  const active = computed(() => token.value !== null)
  let lastTouch = 0

  function openPin(): void {
    pinError.value = null
    pinOpen.value = true
  }
  function closePin(): void {
    pinOpen.value = false
    pinError.value = null
  }

  /** Checks the PIN in the core. A resident session is ended first (staff never see it). */
  async function enter(pin: string): Promise<boolean> {
    if (entering.value) return false
    entering.value = true
    pinError.value = null
    try {
      if (session.active) {
        await session.end('staff')
        pinOpen.value = true // the session end reset every store, this dialog included
      }
      const result = await api.call('supervisor.enter', { pin })
      if (!result.ok) {
        pinError.value = result.error
        return false
      }
      token.value = result.value.token
      lastTouch = Date.now()
      return true
    } finally {
      entering.value = false
    }
  }

  /** Calls a staff method with the token; a lost mode (idle, left) clears the store. */
  async function call<M extends StaffMethod>(
    method: M,
    input: Omit<MethodInput<M>, 'token'>,
  ): Promise<{ ok: true; value: MethodOutput<M> } | { ok: false; error: ApiError }> {
    const held = token.value
    if (!held) return { ok: false, error: { code: 'SUPERVISOR_REQUIRED' } }
    const result = await api.call(method, { ...input, token: held } as MethodInput<M>)
    if (!result.ok && result.error.code === 'SUPERVISOR_REQUIRED') clear()
    return result
  }

  async function refresh(): Promise<void> {
    const [dash, list] = await Promise.all([
      call('supervisor.dashboard', {}),
      call('supervisor.receipts', { limit: 10 }),
    ])
    if (dash.ok) dashboard.value = dash.value
    if (list.ok) receipts.value = list.value.receipts
  }

  /** Runs one staff action and keeps its outcome for the screen; refreshes the dashboard. */
  async function run(action: StaffAction, extra: StaffActionExtra = {}) {
    busy.value = action
    outcome.value = null
    let result: { ok: true; value: unknown } | { ok: false; error: ApiError }
    switch (action) {
      case 'syncNow':
        result = await call('supervisor.syncNow', {})
        break
      case 'retryOutbox':
        result = await call('supervisor.retryOutbox', {})
        break
      case 'testPrint':
        result = await call('supervisor.testPrint', {})
        break
      case 'outOfService':
        result = await call('supervisor.setOutOfService', { message: extra.message ?? '' })
        break
      case 'inService':
        result = await call('supervisor.setOutOfService', { inService: true })
        break
      case 'verifyAudit':
        result = await call('supervisor.verifyAudit', {})
        break
      case 'restart':
        result = await call('supervisor.restart', { confirm: true })
        break
      case 'exitKiosk':
        result = await call('supervisor.exitKiosk', { confirm: true })
        break
      case 'reprint':
        result = await call('supervisor.reprint', { receiptId: extra.id ?? '' })
        break
      case 'resolveCallStaff':
        result = await call('supervisor.resolveCallStaff', { requestId: extra.id ?? '' })
        break
      case 'clearIssues':
        result = await call('supervisor.clearIssues', {})
        break
    }
    busy.value = null
    outcome.value = result.ok
      ? { action, ok: true, value: result.value }
      : { action, ok: false, error: result.error }
    if (token.value) await refresh()
    return outcome.value
  }

  /** Runs `action` at once, or holds it for staff to confirm (`CONFIRMED_ACTIONS`). */
  function ask(action: StaffAction, extra: StaffActionExtra = {}): void {
    if (CONFIRMED_ACTIONS.includes(action)) pending.value = { action, extra }
    else void run(action, extra)
  }

  /** Staff said yes: runs the held action (nothing when none is held). */
  async function confirmPending(): Promise<void> {
    const held = pending.value
    pending.value = null
    if (held) await run(held.action, held.extra)
  }

  function cancelPending(): void {
    pending.value = null
  }

  async function leave(): Promise<void> {
    const held = token.value
    clear()
    if (held) await api.call('supervisor.leave', { token: held })
  }

  function clear(): void {
    token.value = null
    dashboard.value = null
    receipts.value = []
    busy.value = null
    outcome.value = null
    pending.value = null
  }

  // Staff activity keeps the mode alive in the core (taps only; the refresh timer does not).
  useEventListener(window, 'pointerdown', () => {
    const held = token.value
    if (!held || Date.now() - lastTouch < TOUCH_EVERY_MS) return
    lastTouch = Date.now()
    void call('supervisor.touch', {})
  })

  const stopMode = api.on('supervisor.mode', (payload) => {
    if (!payload.active) clear()
  })
  tryOnScopeDispose(stopMode)

  /** Resident session end: nothing of the resident is here, but a half-typed PIN must go. */
  function reset(): void {
    closePin()
  }

  return {
    token,
    active,
    pinOpen,
    entering,
    pinError,
    dashboard,
    receipts,
    busy,
    outcome,
    pending,
    openPin,
    closePin,
    enter,
    refresh,
    run,
    ask,
    confirmPending,
    cancelPending,
    leave,
    reset,
  }
})
