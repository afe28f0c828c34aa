/**
 * Screens. Memory history: the address bar never changes and there is no browser history for a
 * swipe to go back through; a reload starts at attract (the session is gone by then anyway).
 */
import {
  createMemoryHistory,
  createRouter,
  type RouteRecordRaw,
  type Router,
  type RouterHistory,
} from 'vue-router'
import AttractScreen from './screens/AttractScreen.vue'
import HomeScreen from './screens/HomeScreen.vue'
import { useIdentityStore } from './stores/identity'
import { useSessionStore, type IdleStep } from './stores/session'
import { useSupervisorStore } from './stores/supervisor'
import { ROUTES } from './route-names'

export { ROUTES }

declare module 'vue-router' {
  interface RouteMeta {
    /** Only reachable inside a resident session. */
    session?: boolean
    /**
     * Only for a verified resident. An unverified resident is sent to the identity
     * flow, which brings them back here once verified. Mark a service's routes like this:
     *
     * ```ts
     * { path: '/fund/query', name: ROUTES.fundQuery, component: FundQueryScreen,
     *   meta: { session: true, identity: true } }
     * ```
     */
    identity?: boolean
    /** Staff screens: only in supervisor mode, never inside a resident session. */
    staff?: boolean
    /** A step with its own idle time (card reading, face check). */
    idleStep?: IdleStep
  }
}

/** Help: FAQ and feedback inside a visit; the staff dashboard outside any. */
const helpRoutes: RouteRecordRaw[] = [
  {
    path: '/help/faq',
    name: ROUTES.helpFaq,
    component: () => import('./screens/help/FaqScreen.vue'),
    meta: { session: true },
  },
  {
    path: '/help/feedback',
    name: ROUTES.helpFeedback,
    component: () => import('./screens/help/FeedbackScreen.vue'),
    meta: { session: true },
  },
  {
    path: '/help/call-staff',
    name: ROUTES.helpCallStaff,
    component: () => import('./screens/help/CallStaffScreen.vue'),
    meta: { session: true },
  },
  {
    path: '/notices',
    name: ROUTES.notices,
    component: () => import('./screens/NoticesScreen.vue'),
    meta: { session: true },
  },
  {
    path: '/staff',
    name: ROUTES.supervisor,
    component: () => import('./screens/supervisor/SupervisorScreen.vue'),
    meta: { staff: true },
  },
]

/** The identity flow; its screens load on first use. */
const identityRoutes: RouteRecordRaw[] = [
  {
    path: '/identity',
    name: ROUTES.identity,
    component: () => import('./screens/identity/IdentityChooseScreen.vue'),
    meta: { session: true },
  },
  {
    path: '/identity/card',
    name: ROUTES.identityCard,
    component: () => import('./screens/identity/IdentityCardScreen.vue'),
    meta: { session: true, idleStep: 'cardReading' },
  },
  {
    path: '/identity/face',
    name: ROUTES.identityFace,
    component: () => import('./screens/identity/IdentityFaceScreen.vue'),
    meta: { session: true, idleStep: 'face' },
  },
  {
    path: '/identity/id-number',
    name: ROUTES.identityIdNumber,
    component: () => import('./screens/identity/IdentityIdNumberScreen.vue'),
    meta: { session: true },
  },
  {
    path: '/identity/sms',
    name: ROUTES.identitySms,
    component: () => import('./screens/identity/IdentitySmsScreen.vue'),
    meta: { session: true },
  },
  {
    // Shown after the session ended on the third failure: no session needed.
    path: '/identity/locked',
    name: ROUTES.identityLocked,
    component: () => import('./screens/identity/IdentityLockedScreen.vue'),
  },
]

/** Tax: records and certificates need a verified resident; verification does not. */
const taxRoutes: RouteRecordRaw[] = [
  {
    path: '/tax/records',
    name: ROUTES.taxRecords,
    component: () => import('./screens/tax/TaxRecordsScreen.vue'),
    meta: { session: true, identity: true },
  },
  {
    path: '/tax/certificate',
    name: ROUTES.taxCertificate,
    component: () => import('./screens/tax/TaxCertificateScreen.vue'),
    meta: { session: true, identity: true },
  },
  {
    path: '/verify',
    name: ROUTES.verify,
    component: () => import('./screens/VerifyScreen.vue'),
    meta: { session: true },
  },
]

/** Fund services: resident screens need identity; the lookup and the guide do not. */
const fundRoutes: RouteRecordRaw[] = [
  {
    path: '/fund/bind',
    name: ROUTES.fundBind,
    component: () => import('./screens/fund/FundBindScreen.vue'),
    meta: { session: true, identity: true },
  },
  {
    path: '/fund/unbind',
    name: ROUTES.fundUnbind,
    component: () => import('./screens/fund/FundUnbindScreen.vue'),
    meta: { session: true, identity: true },
  },
  {
    path: '/fund/balance',
    name: ROUTES.fundBalance,
    component: () => import('./screens/fund/FundBalanceScreen.vue'),
    meta: { session: true, identity: true },
  },
  {
    path: '/fund/deposit-certificate',
    name: ROUTES.fundDepositCertificate,
    component: () => import('./screens/fund/FundDepositCertificateScreen.vue'),
    meta: { session: true, identity: true },
  },
  {
    path: '/fund/records',
    name: ROUTES.fundRecords,
    component: () => import('./screens/fund/FundRecordsScreen.vue'),
    meta: { session: true, identity: true },
  },
  {
    path: '/fund/withdraw',
    name: ROUTES.fundWithdraw,
    component: () => import('./screens/fund/FundWithdrawScreen.vue'),
    meta: { session: true, identity: true },
  },
  {
    path: '/fund/status',
    name: ROUTES.fundStatus,
    component: () => import('./screens/fund/FundStatusScreen.vue'),
    meta: { session: true },
  },
  {
    path: '/phone/change',
    name: ROUTES.phoneChange,
    component: () => import('./screens/identity/PhoneChangeScreen.vue'),
    meta: { session: true, identity: true },
  },
  {
    path: '/wallet/guide',
    name: ROUTES.walletGuide,
    component: () => import('./screens/fund/WalletGuideScreen.vue'),
    meta: { session: true },
  },
]

/**
 * Memory history that keeps only the current entry. vue-router's memory history appends every
 * push to a queue kept for back/forward, and nothing ever trims it; the kiosk never goes back
 * through history (every Back button names its screen), and its page is never reloaded, so the
 * queue grew with every screen of every session (seen in the soak run). A push replaces instead.
 */
export function createKioskHistory(): RouterHistory {
  const history = createMemoryHistory()
  history.push = (to, state) => history.replace(to, state)
  return history
}

/** Creates the router; screens that need a session send the resident back to attract. */
export function createKioskRouter(): Router {
  const router = createRouter({
    history: createKioskHistory(),
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
      ...identityRoutes,
      ...helpRoutes,
      ...fundRoutes,
      ...taxRoutes,
    ],
  })
  router.beforeEach(async (to) => {
    if (to.meta.staff && !useSupervisorStore().active) return { name: ROUTES.attract }
    if (to.meta.session) {
      const session = useSessionStore()
      // Home is shown while the session starts (the first touch answers at once); every other
      // screen waits for it. A start that fails sends the resident back to attract with the reason.
      const shownWhileStarting = to.name === ROUTES.home && session.phase === 'starting'
      if (!shownWhileStarting && !(await session.settled())) return { name: ROUTES.attract }
    }
    if (to.meta.identity) {
      const identity = useIdentityStore()
      if (!identity.verified) {
        identity.rememberTarget(to.fullPath)
        return { name: ROUTES.identity }
      }
    }
    return true
  })
  return router
}
