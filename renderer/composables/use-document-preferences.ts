/**
 * Applies the resident's preferences to the page: the i18n locale, `<html lang>`, the document
 * title and the elder-mode switch `<html data-elder>` that kiosk.css sizes everything from.
 */
import { watchEffect } from 'vue'
import { useI18n } from 'vue-i18n'
import { usePreferencesStore } from '../stores/preferences'

export interface UseDocumentPreferencesOptions {
  /** Default: `document`. */
  document?: Document
}

/** Keeps the document in step with the preferences store for as long as the scope lives. */
export function useDocumentPreferences(options: UseDocumentPreferencesOptions = {}): void {
  const doc = options.document ?? document
  const preferences = usePreferencesStore()
  const { locale, t } = useI18n({ useScope: 'global' })
  watchEffect(() => {
    locale.value = preferences.locale
    doc.documentElement.lang = preferences.locale
    doc.title = t('app.name')
    doc.documentElement.toggleAttribute('data-elder', preferences.elder)
  })
}
