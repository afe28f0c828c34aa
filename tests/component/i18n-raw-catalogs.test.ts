/**
 * The message catalogs stay raw objects inside vue-i18n (renderer/i18n/index.ts): its messages
 * live in a deep `ref`, and a reactive catalog would be wrapped and tracked node by node on every
 * screen's first render (docs/architecture.md, Renderer start-up). Switching language still
 * re-renders, since the locale and the set of catalogs stay reactive.
 */
import { isProxy, nextTick } from 'vue'
import { describe, expect, it } from 'vitest'
import { createKioskI18n, loadLocale } from '../../renderer/i18n'

describe('i18n catalogs', () => {
  it('keeps Chinese and English raw, whether English came along or later', async () => {
    const withEnglish = createKioskI18n({ en: (await import('../../renderer/i18n/en')).en })
    const later = createKioskI18n()
    await loadLocale(later.global, 'en')
    for (const i18n of [withEnglish, later]) {
      const messages = i18n.global.messages.value as Record<string, { attract: object }>
      for (const locale of ['zh-CN', 'en']) {
        expect(isProxy(messages[locale]), locale).toBe(false)
        expect(isProxy(messages[locale]!.attract), locale).toBe(false)
      }
    }
  })

  it('still translates and follows a language switch', async () => {
    const i18n = createKioskI18n()
    await loadLocale(i18n.global, 'en')
    expect(i18n.global.t('attract.touchToStart')).toBe('点击屏幕开始')
    i18n.global.locale.value = 'en'
    await nextTick()
    expect(i18n.global.t('attract.touchToStart')).toMatch(/touch/i)
  })
})
