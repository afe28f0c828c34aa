/**
 * Sends the screen back to attract whenever the session is gone (finish, timeout, the core's
 * `session.ended`, a core restart), whatever screen the resident was on.
 */
import { watch } from 'vue'
import { useRouter } from 'vue-router'
import { useSessionStore } from '../stores/session'
import { ROUTES } from '../route-names'

/** Watches the session and returns to attract when it ends; stops with the calling scope. */
export function useSessionNavigation(): void {
  const session = useSessionStore()
  const router = useRouter()
  watch(
    () => session.active || session.phase === 'starting',
    (inSession) => {
      if (!inSession && router.currentRoute.value.name !== ROUTES.attract) {
        void router.replace({ name: ROUTES.attract })
      }
    },
  )
}
