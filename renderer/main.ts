/**
 * Renderer entry: picks the transport (Electron preload or web host), installs Pinia, i18n and the
 * router, asks the core who it is and mounts the shell.
 *
 * Start-up: `terminal.info` is asked first, and the shell mounts as soon as the first route is
 * there, hidden (`#app[data-starting]`, kiosk.css): building attract's components and DOM, most of
 * the first render, overlaps the core's answer instead of waiting for it. The shell is shown once
 * the answer is in (never waiting more than FIRST_RENDER_WAIT_MS), so attract appears complete:
 * no frame shows it without its services or with a start button the core then takes away.
 * docs/architecture.md, Renderer start-up.
 */
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { pickTransport, provideKioskApi } from './api/kiosk-api'
import { createKioskI18n, loadLocale } from './i18n'
import { createKioskRouter } from './router'
import { dateFormats, residentScreenLoaders, warmUp } from './screen-warm-up'
import { loadFeedbackKeyboard } from './components/help/feedback-keyboard'
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
    dateFormats(i18n.global, LOCALES, ['dateTime']),
  ])
}
const show = () => document.querySelector('#app')?.removeAttribute('data-starting')
// Mounts and shows in every case: a failed first navigation or `terminal.info` still shows the
// shell (Recovering when the core cannot be reached).
const mounted = router.isReady().then(mount, mount)
const answered = Promise.race([
  loaded,
  new Promise((resolve) => setTimeout(resolve, FIRST_RENDER_WAIT_MS)),
])
void Promise.all([mounted, answered]).then(show, show)
window.addEventListener('pagehide', () => transport.close(), { once: true })
