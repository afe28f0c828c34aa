/**
 * Sends the screen back to attract whenever the session is gone (finish, timeout, the core's
 * `session.ended`, a core restart), whatever screen the resident was on; and gives a screen that
 * is a timed step (`meta.idleStep`: card reading, face check) its own idle time.
 */
import { tryOnScopeDispose } from '@vueuse/core'
import { watch } from 'vue'
import { useRouter } from 'vue-router'
import { useSessionStore } from '../stores/session'
import { ROUTES } from '../route-names'

/** Watches the session and returns to attract when it ends; stops with the calling scope. */
export function useSessionNavigation(): void {
  const session = useSessionStore()
  const router = useRouter()
  let releaseStep: (() => void) | null = null
  watch(
    () => router.currentRoute.value.meta.idleStep,
    (step) => {
      releaseStep?.()
      releaseStep = step ? session.holdStep(step) : null
    },
    { immediate: true },
  )
  tryOnScopeDispose(() => releaseStep?.())
  watch(
    // The end reason is watched too: it arrives after the phase when the renderer ends the session.
    [() => session.active || session.phase === 'starting', () => session.lastEndReason],
    ([inSession, reason]) => {
      // After the third failed identity attempt the resident is told to ask staff.
      const target = reason === 'identityFailures' ? ROUTES.identityLocked : ROUTES.attract
      if (!inSession && router.currentRoute.value.name !== target) {
        void router.replace({ name: target })
      }
    },
  )
}
