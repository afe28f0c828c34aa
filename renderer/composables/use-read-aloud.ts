/**
 * Elder mode reads each step aloud (Web Speech API, volume reset after each
 * session). Screens say what they show through `say` (ScreenFrame: the step and the title, again
 * when they change or the language does); nothing is spoken unless elder mode is on and the
 * resident has not turned read-aloud off, and speech stops the moment either goes (so also when
 * the session ends and the preferences reset). Only step and screen titles are spoken, never a
 * resident's data: anyone standing nearby hears it.
 *
 * Written on `speechSynthesis` directly rather than VueUse's `useSpeechSynthesis`: that one pauses
 * the synthesiser whenever its utterance is rebuilt, which swallows an announcement made while the
 * previous one is still playing, and here every step change makes one.
 */
import { createSharedComposable } from '@vueuse/core'
import { computed, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { READ_ALOUD_VOLUME, usePreferencesStore, type Locale } from '../stores/preferences'

/** The voice language for each UI language. */
const SPEECH_LANG: Record<Locale, string> = { 'zh-CN': 'zh-CN', en: 'en-US' }
/** A pause between the parts of an announcement, in each language's own punctuation. */
const PAUSE: Record<Locale, string> = { 'zh-CN': '。', en: '. ' }
/** A little slower than usual: elder mode is for residents who want time. */
const RATE = 0.9

export const useReadAloud = createSharedComposable(() => {
  const preferences = usePreferencesStore()
  const i18n = useI18n({ useScope: 'global' })
  const synth = typeof window === 'undefined' ? undefined : window.speechSynthesis
  const supported = synth !== undefined && typeof SpeechSynthesisUtterance === 'function'
  const enabled = computed(() => supported && preferences.elder && preferences.readAloud !== 'off')
  watch(enabled, (on) => {
    if (!on) synth?.cancel()
  })

  /** Reads `parts` (empty ones skipped) in the current language, cutting off what was playing. */
  function say(parts: readonly (string | null | undefined)[]): void {
    if (!enabled.value || !synth) return
    const locale = i18n.locale.value as Locale
    const pause = PAUSE[locale] ?? ' '
    const text = parts
      .map((part) => part?.trim())
      .filter((part): part is string => Boolean(part))
      // A part that ends a sentence already pauses; others get the language's full stop.
      .map((part, i, all) =>
        i === all.length - 1 ? part : /[。？！?!.]$/.test(part) ? `${part} ` : part + pause,
      )
      .join('')
      .trim()
    if (!text) return
    synth.cancel()
    const utterance = new SpeechSynthesisUtterance(text)
    utterance.lang = SPEECH_LANG[locale] ?? SPEECH_LANG['zh-CN']
    utterance.rate = RATE
    utterance.volume = READ_ALOUD_VOLUME[preferences.readAloud]
    synth.speak(utterance)
  }

  return { say, enabled, supported }
})
