/**
 * Screens. Memory history: the address bar never changes and there is no browser history for a
 * swipe to go back through; a reload starts at attract (the session is gone by then anyway).
 */
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import AttractScreen from './screens/AttractScreen.vue'
import HomeScreen from './screens/HomeScreen.vue'
import { useSessionStore } from './stores/session'
import { ROUTES } from './route-names'

export { ROUTES }

declare module 'vue-router' {
  interface RouteMeta {
    /** Only reachable inside a resident session. */
    session?: boolean
  }
}

/** Creates the router; screens that need a session send the resident back to attract. */
export function createKioskRouter(): Router {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: ROUTES.attract, component: AttractScreen },
      { path: '/home', name: ROUTES.home, component: HomeScreen, meta: { session: true } },
      {
        path: '/service/:serviceId',
        name: ROUTES.service,
        component: () => import('./screens/ComingSoonScreen.vue'),
        meta: { session: true },
        props: true,
      },
    ],
  })
  router.beforeEach((to) => {
    if (to.meta.session && !useSessionStore().active) return { name: ROUTES.attract }
    return true
  })
  return router
}
