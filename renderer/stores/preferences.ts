/**
 * What the resident chose for this visit: language and elder mode (UX.md "Languages and
 * accessibility"). Both go back to the defaults when the session ends.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'

export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'zh-CN'

export const usePreferencesStore = defineStore('preferences', () => {
  const locale = ref<Locale>(DEFAULT_LOCALE)
  /** Elder mode (大字版): larger type and targets, longer timeouts. */
  const elder = ref(false)

  function setLocale(next: Locale): void {
    locale.value = next
  }
  function toggleLocale(): void {
    locale.value = locale.value === 'zh-CN' ? 'en' : 'zh-CN'
  }
  function setElder(on: boolean): void {
    elder.value = on
  }
  function toggleElder(): void {
    elder.value = !elder.value
  }
  function reset(): void {
    locale.value = DEFAULT_LOCALE
    elder.value = false
  }

  return { locale, elder, setLocale, toggleLocale, setElder, toggleElder, reset }
})
