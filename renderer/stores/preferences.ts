/**
 * What the resident chose for this visit: language, elder mode and, in elder mode, how loud each
 * step is read aloud. All go back to the defaults when the
 * session ends.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'

export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'zh-CN'

/** Read-aloud volume levels in the order one tap steps through them; the first is the default. */
export const READ_ALOUD_LEVELS = ['high', 'medium', 'low', 'off'] as const
export type ReadAloudLevel = (typeof READ_ALOUD_LEVELS)[number]
/** Web Speech volume (0–1) of each level. */
export const READ_ALOUD_VOLUME: Record<ReadAloudLevel, number> = {
  high: 1,
  medium: 0.6,
  low: 0.3,
  off: 0,
}

export const usePreferencesStore = defineStore('preferences', () => {
  const locale = ref<Locale>(DEFAULT_LOCALE)
  /** Elder mode (大字版): larger type and targets, longer timeouts. */
  const elder = ref(false)
  /** How loud elder mode reads each step aloud (`off`: not at all). */
  const readAloud = ref<ReadAloudLevel>(READ_ALOUD_LEVELS[0])

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
  /** One tap: louder levels first, then off, then back to the loudest. */
  function cycleReadAloud(): void {
    const at = READ_ALOUD_LEVELS.indexOf(readAloud.value)
    readAloud.value = READ_ALOUD_LEVELS[(at + 1) % READ_ALOUD_LEVELS.length]!
  }
  function reset(): void {
    locale.value = DEFAULT_LOCALE
    elder.value = false
    readAloud.value = READ_ALOUD_LEVELS[0]
  }

  return {
    locale,
    elder,
    readAloud,
    setLocale,
    toggleLocale,
    setElder,
    toggleElder,
    cycleReadAloud,
    reset,
  }
})
