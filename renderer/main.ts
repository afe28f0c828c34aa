/**
 * Renderer entry: picks the transport (Electron preload or web host), installs Pinia, i18n and the
 * router, mounts the shell and asks the core who it is.
 */
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { pickTransport, provideKioskApi } from './api/kiosk-api'
import { createKioskI18n } from './i18n'
import { createKioskRouter } from './router'
import { useTerminalStore } from './stores/terminal'
import './styles/kiosk.css'

const transport = pickTransport()
const app = createApp(App)
provideKioskApi(app, transport.api)
const pinia = createPinia()
app.use(pinia).use(createKioskI18n()).use(createKioskRouter())
void useTerminalStore(pinia).load()
app.mount('#app')
window.addEventListener('pagehide', () => transport.close(), { once: true })
