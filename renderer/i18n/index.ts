/**
 * vue-i18n in composition mode. Messages are compiled by vue-i18n's JIT compiler into an AST and
 * interpreted, so no `eval`/`new Function` runs: it works under the host's `script-src 'self'`.
 */
import { createI18n } from 'vue-i18n'
import { DEFAULT_LOCALE } from '../stores/preferences'
import { en } from './en'
import { zhCN, type Messages } from './zh-CN'

const time = { hour: '2-digit', minute: '2-digit', hour12: false } as const
const dateTime = {
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
} as const

/** Creates the app's i18n instance (zh-CN default, en). */
export function createKioskI18n() {
  return createI18n<[Messages], 'zh-CN' | 'en', false>({
    legacy: false,
    locale: DEFAULT_LOCALE,
    fallbackLocale: DEFAULT_LOCALE,
    messages: { 'zh-CN': zhCN, en },
    datetimeFormats: {
      'zh-CN': { time, dateTime },
      en: { time, dateTime },
    },
    missingWarn: import.meta.env.DEV,
    fallbackWarn: import.meta.env.DEV,
  })
}
