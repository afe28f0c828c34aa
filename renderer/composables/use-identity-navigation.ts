/**
 * Moving through the identity flow: where to go once the resident is verified (the
 * screen the router guard remembered, else home), and back to "choose a way in".
 */
import { useRouter } from 'vue-router'
import { ROUTES } from '../route-names'
import { useIdentityStore } from '../stores/identity'

export interface UseIdentityNavigationReturn {
  /** Verified: go to the remembered target (once), else home. */
  leaveVerified(): Promise<void>
  /** Back to "choose a way in", dropping a card read or a code in flight. */
  backToChoose(): Promise<void>
  go(name: (typeof ROUTES)[keyof typeof ROUTES]): Promise<void>
}

export function useIdentityNavigation(): UseIdentityNavigationReturn {
  const router = useRouter()
  const identity = useIdentityStore()

  async function leaveVerified(): Promise<void> {
    const target = identity.takeTarget()
    await router.replace(target ?? { name: ROUTES.home })
  }

  async function backToChoose(): Promise<void> {
    identity.cancelCardWait()
    if (identity.stage !== 'idle' && identity.stage !== 'verified') await identity.startOver()
    identity.clearError()
    await router.replace({ name: ROUTES.identity })
  }

  async function go(name: (typeof ROUTES)[keyof typeof ROUTES]): Promise<void> {
    await router.push({ name })
  }

  return { leaveVerified, backToChoose, go }
}
