/**
 * Applies the resident's preferences to the page: the i18n locale, `<html lang>`, the document
 * title and the elder-mode switch `<html data-elder>` that kiosk.css sizes everything from.
 * English messages are a chunk of their own: fetched with the screens' warm-up after start-up
 * (main.ts), and awaited on a switch if they are not there yet (the page stays in Chinese
 * meanwhile).
 */
import { ref, watch, watchEffect } from 'vue'
import { useI18n } from 'vue-i18n'
import { loadLocale } from '../i18n'
import { usePreferencesStore, type Locale } from '../stores/preferences'

export interface UseDocumentPreferencesOptions {
  /** Default: `document`. */
  document?: Document
}

/** Keeps the document in step with the preferences store for as long as the scope lives. */
export function useDocumentPreferences(options: UseDocumentPreferencesOptions = {}): void {
  const doc = options.document ?? document
  const preferences = usePreferencesStore()
  const i18n = useI18n({ useScope: 'global' })
  /** The locale shown: the preferred one, once its messages are there. */
  const shown = ref<Locale>(preferences.locale)
  watch(
    () => preferences.locale,
    async (next) => {
      if (!i18n.availableLocales.includes(next)) await loadLocale(i18n, next)
      if (preferences.locale === next) shown.value = next
    },
    { immediate: true },
  )
  watchEffect(() => {
    i18n.locale.value = shown.value
    doc.documentElement.lang = shown.value
    doc.title = i18n.t('app.name')
    doc.documentElement.toggleAttribute('data-elder', preferences.elder)
  })
}
