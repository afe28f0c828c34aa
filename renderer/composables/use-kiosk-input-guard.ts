/**
 * Kiosk input hygiene: no pinch or keyboard zoom, no context menu, no drag, no
 * multi-finger gestures. CSS does the rest (kiosk.css: touch-action, user-select, overscroll).
 */
import { useEventListener } from '@vueuse/core'

export interface UseKioskInputGuardOptions {
  /** Where to listen. Default: `window`. */
  target?: Window
}

export interface UseKioskInputGuardReturn {
  /** Removes every listener (also done when the calling scope is disposed). */
  stop: () => void
}

const ZOOM_KEYS = new Set(['+', '-', '=', '_', '0'])

/** Blocks zoom, context menu, drag and multi-touch gestures for as long as the scope lives. */
export function useKioskInputGuard(
  options: UseKioskInputGuardOptions = {},
): UseKioskInputGuardReturn {
  const target = options.target ?? window
  const prevent = (event: Event) => event.preventDefault()
  const active = { passive: false } as const
  const stops = [
    useEventListener(target, 'contextmenu', prevent, active),
    useEventListener(target, 'dragstart', prevent, active),
    useEventListener(target, 'selectstart', (event: Event) => {
      const el = event.target as Element | null
      if (!el?.closest?.('input, textarea')) event.preventDefault()
    }),
    // Safari-style pinch events; Chromium honours user-scalable=no and the touchmove guard.
    useEventListener(target, 'gesturestart' as keyof WindowEventMap, prevent, active),
    useEventListener(
      target,
      'wheel',
      (event: WheelEvent) => {
        if (event.ctrlKey) event.preventDefault()
      },
      active,
    ),
    useEventListener(
      target,
      'touchmove',
      (event: TouchEvent) => {
        if (event.touches.length > 1) event.preventDefault()
      },
      active,
    ),
    useEventListener(target, 'keydown', (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && ZOOM_KEYS.has(event.key)) event.preventDefault()
    }),
  ]
  return { stop: () => stops.forEach((stop) => stop()) }
}
