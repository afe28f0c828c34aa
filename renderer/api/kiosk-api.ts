/**
 * Which transport carries the API, decided once at start-up: the Electron preload's
 * `window.kiosk` when present, otherwise the web host over HTTP. Stores and components get it
 * through `useKioskApi()` (app-level provide), so tests can hand in a fake.
 */
import { inject, type App, type InjectionKey } from 'vue'
import type { KioskApi, KioskBridge } from '../../shared/api/contract'
import { createBridgeTransport } from './bridge-transport'
import { createWebTransport } from './web-transport'
import { takeWebToken } from './web-token'

declare global {
  interface Window {
    /** Set by the Electron preload only. */
    kiosk?: KioskBridge
  }
}

export const KIOSK_API: InjectionKey<KioskApi> = Symbol('kiosk-api')

export interface PickedTransport {
  api: KioskApi
  kind: 'electron' | 'web'
  close(): void
}

/** Picks the transport for this page: the preload bridge if there is one, else the web host. */
export function pickTransport(win: Window = window): PickedTransport {
  if (win.kiosk) {
    const api = createBridgeTransport(win.kiosk)
    return { api, kind: 'electron', close: api.close }
  }
  const api = createWebTransport({ token: takeWebToken(win) })
  return { api, kind: 'web', close: api.close }
}

/** Makes `api` available to every store and component of `app`. */
export function provideKioskApi(app: App, api: KioskApi): void {
  app.provide(KIOSK_API, api)
}

/** The API of the running app; call inside a component setup or a store. */
export function useKioskApi(): KioskApi {
  const api = inject(KIOSK_API, null)
  if (!api) throw new Error('KioskApi not provided: call provideKioskApi(app, api) at start-up')
  return api
}
