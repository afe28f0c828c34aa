/**
 * The renderer's app context for a test: Pinia, i18n, the router and a fake API, installed the
 * way main.ts installs them. `mountOptions` passes the same plugins to Vue Test Utils.
 */
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { createApp, type App, type Plugin } from 'vue'
import type { Router } from 'vue-router'
import { KIOSK_API } from '../../../renderer/api/kiosk-api'
import { createKioskI18n } from '../../../renderer/i18n'
import { en } from '../../../renderer/i18n/en'
import { createKioskRouter } from '../../../renderer/router'
import { createFakeKioskApi, type FakeKioskApi } from './fake-kiosk-api'

export interface KioskTestApp {
  app: App
  api: FakeKioskApi
  pinia: Pinia
  router: Router
  i18n: ReturnType<typeof createKioskI18n>
  mountOptions: { global: { plugins: Plugin[]; provide: Record<symbol, unknown> } }
}

/** Installs everything on a bare app so stores can be used without mounting. */
export function createKioskTestApp(api: FakeKioskApi = createFakeKioskApi()): KioskTestApp {
  const app = createApp({ render: () => null })
  app.provide(KIOSK_API, api)
  const pinia = createPinia()
  // Both languages at once: the app fetches English as a chunk (renderer/i18n/index.ts).
  const i18n = createKioskI18n({ en })
  const router = createKioskRouter()
  app.use(pinia).use(i18n).use(router)
  setActivePinia(pinia)
  return {
    app,
    api,
    pinia,
    router,
    i18n,
    mountOptions: { global: { plugins: [pinia, i18n, router], provide: { [KIOSK_API]: api } } },
  }
}
