/**
 * Renderer entry: picks the transport (Electron preload or web host), installs Pinia, i18n and the
 * router, asks the core who it is and mounts the shell.
 *
 * Start-up: `terminal.info` is asked first, so the core answers while the rest of the
 * app is set up, and the shell mounts once it and the first route are there (never waiting more
 * than FIRST_RENDER_WAIT_MS): attract is laid out once, complete, instead of an empty frame
 * followed by a second render and layout when the answer arrives.
 */
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { pickTransport, provideKioskApi } from './api/kiosk-api'
import { createKioskI18n, loadLocale } from './i18n'
import { createKioskRouter } from './router'
import { dateFormats, residentScreenLoaders, warmUp } from './screen-warm-up'
import { loadFeedbackKeyboard } from './components/help/feedback-keyboard'
import { fontFaces } from './font-warm-up'
import { LOCALES } from './stores/preferences'
import { useTerminalStore } from './stores/terminal'
import './styles/kiosk.css'

/** The longest the first render waits for `terminal.info` (a slow core shows attract without). */
const FIRST_RENDER_WAIT_MS = 400

const transport = pickTransport()
const app = createApp(App)
provideKioskApi(app, transport.api)
const pinia = createPinia()
app.use(pinia)
const loaded = useTerminalStore(pinia).load()
const router = createKioskRouter()
const i18n = createKioskI18n()
app.use(i18n).use(router)
const mount = () => {
  app.mount('#app')
  // The residents' screens and the English messages load while attract waits, so that no first
  // touch waits for code; not at once, where they would compete with the first touch and home.
  void warmUp([
    () => loadLocale(i18n.global, 'en'),
    ...residentScreenLoaders(router),
    loadFeedbackKeyboard,
    fontFaces(),
    dateFormats(i18n.global, LOCALES, ['dateTime']),
  ])
}
// Mounts in every case: a failed first navigation or `terminal.info` still shows the shell.
void Promise.race([
  Promise.all([loaded, router.isReady()]),
  new Promise((resolve) => setTimeout(resolve, FIRST_RENDER_WAIT_MS)),
]).then(mount, mount)
window.addEventListener('pagehide', () => transport.close(), { once: true })
