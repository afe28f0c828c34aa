/**
 * Warms the residents' screens once the page is idle after start-up: each lazily loaded screen's
 * chunk (and the pinyin keyboard's) is fetched and evaluated then, one per idle period, so that
 * the first touch that opens a screen draws it at once instead of first fetching, compiling and
 * evaluating its code (measured by the interaction bench: 65–110 ms for "ID number" or a
 * feedback category on this machine, 190–260 ms with the CPU slowed ×4, against 30–50 ms once
 * loaded); and the date formats, whose first use costs ICU data. Start-up still loads only what
 * attract needs; staff screens stay cold (rare).
 */
import type { RouteComponent, Router } from 'vue-router'

type Loader = () => Promise<unknown>

/** The page's idle callback; a short timer where there is none (tests, old engines). */
const whenIdle = (run: () => void): void => {
  if (typeof globalThis.requestIdleCallback === 'function') globalThis.requestIdleCallback(run)
  else setTimeout(run, 200)
}

/** A route's component still to be loaded (vue-router keeps the loader until first use). */
function isLoader(component: RouteComponent | (() => unknown) | undefined): component is Loader {
  return (
    typeof component === 'function' &&
    !('displayName' in component) &&
    !('props' in component) &&
    !('__vccOpts' in component)
  )
}

/** The lazy screens a resident may open: every route but the staff ones. */
export function residentScreenLoaders(router: Router): Loader[] {
  return router
    .getRoutes()
    .filter((route) => !route.meta.staff)
    .map((route) => route.components?.default)
    .filter(isLoader)
}

/** What {@link dateFormats} needs of vue-i18n's global composer. */
interface DateFormatter {
  d(value: Date, key: string, locale: string): string
}

/**
 * The named date formats of every locale, formatted once: vue-i18n keeps each `Intl.DateTimeFormat`
 * it built, and the first one of a kind costs ~25 ms of ICU data (×4 slower CPU: 100–165 ms in the
 * traces, on the first balance or binding screen that shows a date and time).
 */
export function dateFormats(
  i18n: DateFormatter,
  locales: readonly string[],
  keys: readonly string[],
): Loader {
  return async () => {
    for (const locale of locales) for (const key of keys) i18n.d(new Date(0), key, locale)
  }
}

/** Set on the page's performance timeline once every screen was tried (benches, traces). */
export const WARM_MARK = 'kiosk:screens-warm'

/**
 * How long after start-up the warm-up begins: a resident who touches attract at once is not kept
 * waiting by it (the first touch, home and the first screens come first), and the start-up
 * figures (first touch → home, attract's idle load) stay those of the kiosk itself. A kiosk waits
 * on attract far longer than this before its first resident of the day.
 */
export const WARM_UP_DELAY_MS = 10_000

/**
 * Loads `loaders` one after another, each when the page is next idle, starting `delayMs` from
 * now. A failed load is left for the navigation that needs it (which shows its own error);
 * returns when all were tried.
 */
export async function warmUp(
  loaders: Loader[],
  idle: (run: () => void) => void = whenIdle,
  delayMs = WARM_UP_DELAY_MS,
): Promise<void> {
  if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs))
  for (const load of loaders) {
    await new Promise<void>((resolve) => idle(resolve))
    await load().catch(() => undefined)
  }
  globalThis.performance?.mark?.(WARM_MARK)
}
