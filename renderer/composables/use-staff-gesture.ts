/**
 * The hidden staff gesture: five taps in the top-left corner within 3 seconds, on
 * any screen. One finger, no long press; residents do not find it by accident because nothing
 * there reacts to a single tap. Listens in the capture phase so no screen can swallow it.
 */
import { useEventListener } from '@vueuse/core'

export interface UseStaffGestureOptions {
  /** Taps needed. Default 5. */
  taps?: number
  /** Within this many ms. Default 3000. */
  withinMs?: number
  /** Size of the corner square in CSS pixels. Default 120. */
  cornerPx?: number
  target?: Window
}

export interface UseStaffGestureReturn {
  stop: () => void
}

/** Calls `onGesture` when the taps land in the corner in time; stops with the calling scope. */
export function useStaffGesture(
  onGesture: () => void,
  options: UseStaffGestureOptions = {},
): UseStaffGestureReturn {
  const taps = options.taps ?? 5
  const withinMs = options.withinMs ?? 3000
  const corner = options.cornerPx ?? 120
  let times: number[] = []
  const stop = useEventListener(
    options.target ?? window,
    'pointerdown',
    (event: PointerEvent) => {
      if (event.clientX > corner || event.clientY > corner) {
        times = []
        return
      }
      const now = event.timeStamp
      times = [...times.filter((t) => now - t <= withinMs), now]
      if (times.length >= taps) {
        times = []
        onGesture()
      }
    },
    { capture: true, passive: true },
  )
  return { stop }
}
