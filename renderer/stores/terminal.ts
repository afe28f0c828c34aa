/**
 * What this terminal is and how it is doing: `terminal.info` at start and after every reconnect,
 * then `terminal.status` events. Describes the machine, never the resident, so it is kept across
 * sessions (see `resetAll` in session.ts); `reset()` is for a core restart and tests.
 */
import { tryOnScopeDispose } from '@vueuse/core'
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { TransportState } from '../../shared/api/contract'
import type { TerminalInfo, TerminalStatus } from '../../shared/api/methods/terminal'
import type { ApiError } from '../../shared/api/result'
import { useKioskApi } from '../api/kiosk-api'

/** How long to wait before asking `terminal.info` again after it failed. */
export const INFO_RETRY_MS = 3000

export const useTerminalStore = defineStore('terminal', () => {
  const api = useKioskApi()
  const info = shallowRef<TerminalInfo | null>(null)
  const status = shallowRef<TerminalStatus | null>(null)
  /** `connecting` until the transport first reports. */
  const transport = ref<TransportState | 'connecting'>('connecting')
  const loadError = shallowRef<ApiError | null>(null)
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let loading: Promise<boolean> | null = null

  const ready = computed(() => info.value !== null && status.value !== null)
  /** The screen to show instead of everything else: the core cannot be reached. */
  const unreachable = computed(
    () => transport.value === 'lost' || (info.value === null && loadError.value !== null),
  )

  /** Asks the core who it is; on failure retries by itself every INFO_RETRY_MS. */
  function load(): Promise<boolean> {
    loading ??= (async () => {
      clearTimeout(retryTimer)
      const result = await api.call('terminal.info', {})
      loading = null
      if (!result.ok) {
        loadError.value = result.error
        retryTimer = setTimeout(() => void load(), INFO_RETRY_MS)
        return false
      }
      loadError.value = null
      info.value = result.value
      status.value = result.value.status
      return true
    })()
    return loading
  }

  const stopStatus = api.on('terminal.status', (payload) => {
    status.value = payload
  })
  const stopTransport = api.onTransport((state) => {
    const reconnected = state === 'open' && transport.value === 'lost'
    transport.value = state
    // After a drop the core may have restarted: ask again (session.ts compares the bootId).
    // The first open needs no second ask: load() at start-up already did.
    if (reconnected || (state === 'open' && info.value === null && !loading)) void load()
  })
  tryOnScopeDispose(() => {
    stopStatus()
    stopTransport()
    clearTimeout(retryTimer)
  })

  function reset(): void {
    info.value = null
    status.value = null
    loadError.value = null
  }

  return { info, status, transport, loadError, ready, unreachable, load, reset }
})
