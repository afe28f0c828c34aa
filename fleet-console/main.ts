/** The hall console's page (docs/fleet.md): Vue and vue-i18n, served by the fleet service. */
import { createApp } from 'vue'
import { createI18n } from 'vue-i18n'
import App from './App.vue'
import { CONSOLE_MESSAGES, type ConsoleLocale } from './messages'
import './console.css'

const saved = localStorage.getItem('fleet-console-locale')
const locale: ConsoleLocale =
  saved === 'en' || saved === 'zh-CN' ? saved : navigator.language.startsWith('zh') ? 'zh-CN' : 'en'
document.documentElement.lang = locale

createApp(App)
  .use(createI18n({ legacy: false, locale, fallbackLocale: 'zh-CN', messages: CONSOLE_MESSAGES }))
  .mount('#app')
