/**
 * vue-i18n in composition mode. Messages are compiled by vue-i18n's JIT compiler into an AST and
 * interpreted, so no `eval`/`new Function` runs: it works under the host's `script-src 'self'`.
 */
import { markRaw } from 'vue'
import { createI18n } from 'vue-i18n'
import { DEFAULT_LOCALE, type Locale } from '../stores/preferences'
import { zhCN, type Messages } from './zh-CN'

const time = { hour: '2-digit', minute: '2-digit', hour12: false } as const
const dateTime = {
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
} as const

/**
 * Creates the app's i18n instance with Chinese loaded. English is a chunk of its own, loaded by
 * `loadLocale` (the app asks for it with the screens' warm-up, so the switch is instant): start-up
 * parses only the messages it shows. Tests pass `en` to have both at once.
 *
 * The catalogs are marked raw: vue-i18n keeps its messages in a deep `ref`, which would wrap every
 * object of a catalog (with precompiled messages, every node of every message) in a reactive
 * proxy on first read and track each read while a screen renders. A catalog never changes in
 * place; a language arrives whole, and that stays reactive. docs/architecture.md, Renderer start-up.
 */
export function createKioskI18n(preloaded: { en?: Messages } = {}) {
  return createI18n<[Messages], Locale, false>({
    legacy: false,
    locale: DEFAULT_LOCALE,
    fallbackLocale: DEFAULT_LOCALE,
    messages: {
      'zh-CN': markRaw(zhCN),
      ...(preloaded.en ? { en: markRaw(preloaded.en) } : {}),
    } as Record<Locale, Messages>,
    datetimeFormats: {
      'zh-CN': { time, dateTime },
      en: { time, dateTime },
    },
    missingWarn: import.meta.env.DEV,
    fallbackWarn: import.meta.env.DEV,
  })
}

/** What `loadLocale` needs of the global composer. */
interface LocaleSink {
  availableLocales: readonly string[]
  setLocaleMessage(locale: Locale, messages: Messages): void
}

/** Makes sure `locale`'s messages are there (English arrives as a chunk the first time). */
export async function loadLocale(i18n: LocaleSink, locale: Locale): Promise<void> {
  if (i18n.availableLocales.includes(locale)) return
  if (locale === 'en') {
    const { en } = await import('./en')
    if (!i18n.availableLocales.includes('en')) i18n.setLocaleMessage('en', markRaw(en))
  }
}
