/**
 * The hall as the console shows it, kept current: the overview is loaded on sign-in and again
 * (coalesced) on each change the service streams (server-sent events); a clock ticking every
 * second, set by the service's clock, keeps "waited" and "offline for" counting.
 */
import { onBeforeUnmount, ref, shallowRef } from 'vue'
import { api, ApiError, type Call, type Overview } from './api'

export function useFleetLive(handlers: { newCall(call: Call): void; signedOut(): void }) {
  const overview = shallowRef<Overview | null>(null)
  const connected = ref(false)
  const now = ref(Date.now())
  let skew = 0
  let known: Set<string> | null = null
  let source: EventSource | null = null
  let pending: ReturnType<typeof setTimeout> | undefined
  const ticker = setInterval(() => (now.value = Date.now() + skew), 1000)

  async function load(): Promise<void> {
    try {
      const next = await api.overview()
      skew = Date.parse(next.serverTime) - Date.now()
      now.value = Date.now() + skew
      // The first load is what was already there: only calls after it ring.
      if (known) for (const call of next.calls) if (!known.has(call.id)) handlers.newCall(call)
      known = new Set(next.calls.map((c) => c.id))
      overview.value = next
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) handlers.signedOut()
    }
  }
  function soon(): void {
    clearTimeout(pending)
    pending = setTimeout(() => void load(), 100)
  }
  function start(): void {
    stop()
    known = null
    void load()
    source = new EventSource('/console/api/events')
    source.onopen = () => {
      connected.value = true
      soon() // anything missed while the stream was down
    }
    source.onerror = () => (connected.value = false)
    source.addEventListener('change', soon)
  }
  function stop(): void {
    source?.close()
    source = null
    connected.value = false
    clearTimeout(pending)
  }
  onBeforeUnmount(() => {
    stop()
    clearInterval(ticker)
  })
  return { overview, connected, now, start, stop, reload: load }
}

/** A short two-tone chime (Web Audio: no sound file to load). Silent where audio is blocked. */
export function chime(): void {
  try {
    const audio = new AudioContext()
    for (const [i, freq] of [880, 660].entries()) {
      const osc = audio.createOscillator()
      const gain = audio.createGain()
      osc.frequency.value = freq
      gain.gain.setValueAtTime(0.2, audio.currentTime + i * 0.25)
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + i * 0.25 + 0.24)
      osc.connect(gain).connect(audio.destination)
      osc.start(audio.currentTime + i * 0.25)
      osc.stop(audio.currentTime + i * 0.25 + 0.25)
    }
    setTimeout(() => void audio.close(), 1000)
  } catch {
    // no audio here: the list and the notification still tell
  }
}

/** A desktop notification, if staff allowed them. */
export function notify(title: string, body: string): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return
  try {
    new Notification(title, { body, tag: 'fleet-call' })
  } catch {
    // some browsers allow notifications only from a service worker: the chime still rang
  }
}
