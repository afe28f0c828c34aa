/**
 * Elder mode reads each step aloud (Web Speech API, volume reset after each session). The
 * page's speech synthesiser is the one part stubbed (no speech engine in a test); what is said, in
 * which language and how loud is read from the utterances handed to it.
 */
import { enableAutoUnmount, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import IdleDialog from '../../renderer/components/IdleDialog.vue'
import ReadAloudButton from '../../renderer/components/ReadAloudButton.vue'
import HomeScreen from '../../renderer/screens/HomeScreen.vue'
import { usePreferencesStore } from '../../renderer/stores/preferences'
import { useSessionStore } from '../../renderer/stores/session'
import { useTerminalStore } from '../../renderer/stores/terminal'
import { createKioskTestApp, type KioskTestApp } from './support/kiosk-app'

interface Said {
  text: string
  lang: string
  volume: number
  rate: number
}

/** A stand-in for `speechSynthesis` that records what it is asked to say. */
function fakeSpeech() {
  const said: Said[] = []
  const synth = {
    speak: vi.fn((u: Said) =>
      said.push({ text: u.text, lang: u.lang, volume: u.volume, rate: u.rate }),
    ),
    cancel: vi.fn(),
  }
  class Utterance {
    lang = ''
    volume = 1
    rate = 1
    constructor(public text: string) {}
  }
  vi.stubGlobal('speechSynthesis', synth)
  vi.stubGlobal('SpeechSynthesisUtterance', Utterance)
  return { said, synth }
}

// Unmounted after each test, so the shared read-aloud (and its synthesiser) is made afresh.
enableAutoUnmount(afterEach)

let ctx: KioskTestApp
let speech: ReturnType<typeof fakeSpeech>

beforeEach(async () => {
  speech = fakeSpeech()
  ctx = createKioskTestApp()
  await useTerminalStore().load()
  await useSessionStore().start()
})
afterEach(() => vi.unstubAllGlobals())

const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('read-aloud in elder mode', () => {
  it('says nothing until elder mode is on, then reads the screen in the resident’s language', async () => {
    const home = mount(HomeScreen, ctx.mountOptions)
    await tick()
    expect(speech.said).toEqual([])
    expect(home.find('[data-testid="read-aloud"]').exists()).toBe(false)

    await home.find('[data-testid="elder-toggle"]').trigger('click')
    await tick()
    expect(speech.said).toEqual([
      { text: '请选择要办理的业务', lang: 'zh-CN', volume: 1, rate: 0.9 },
    ])

    usePreferencesStore().setLocale('en')
    ctx.i18n.global.locale.value = 'en'
    await tick()
    expect(speech.said.at(-1)).toMatchObject({ text: 'Choose a service', lang: 'en-US' })
    // Each announcement cuts off the one before.
    expect(speech.synth.cancel.mock.calls.length).toBeGreaterThanOrEqual(speech.said.length)
  })

  it('one tap steps the volume down to off and back, saying each level at its volume', async () => {
    usePreferencesStore().setElder(true)
    const button = mount(ReadAloudButton, ctx.mountOptions)
    await tick()
    expect(button.text()).toContain('大')

    await button.trigger('click')
    expect(speech.said.at(-1)).toEqual({
      text: '朗读音量：中',
      lang: 'zh-CN',
      volume: 0.6,
      rate: 0.9,
    })
    await button.trigger('click')
    expect(speech.said.at(-1)).toMatchObject({ text: '朗读音量：小', volume: 0.3 })
    const before = speech.said.length
    await button.trigger('click')
    expect(button.attributes('data-level')).toBe('off')
    expect(button.text()).toContain('关')
    expect(speech.said).toHaveLength(before) // off is silent
    expect(speech.synth.cancel).toHaveBeenCalled()

    // Nothing is read while off, also when the screen changes.
    const home = mount(HomeScreen, ctx.mountOptions)
    await tick()
    expect(speech.said).toHaveLength(before)
    home.unmount()

    await button.trigger('click')
    expect(speech.said.at(-1)).toMatchObject({ text: '朗读音量：大', volume: 1 })
  })

  it('stops speaking and forgets the volume when the session ends', async () => {
    const preferences = usePreferencesStore()
    preferences.setElder(true)
    preferences.cycleReadAloud()
    mount(HomeScreen, ctx.mountOptions)
    await tick()
    expect(speech.said.at(-1)).toMatchObject({ text: '请选择要办理的业务', volume: 0.6 })
    const cancels = speech.synth.cancel.mock.calls.length

    await useSessionStore().end('finish')
    await tick()
    expect(preferences.readAloud).toBe('high')
    expect(preferences.elder).toBe(false)
    expect(speech.synth.cancel.mock.calls.length).toBeGreaterThan(cancels)
  })

  it('asks "need more time?" aloud when the idle countdown appears', async () => {
    usePreferencesStore().setElder(true)
    useSessionStore().remainingSeconds = 20
    mount(IdleDialog, ctx.mountOptions)
    await tick()
    expect(speech.said.at(-1)?.text).toBe(
      '还需要更多时间吗？ 如无操作，将在 20 秒后结束，并清除您的信息。 继续',
    )
  })

  it('offers no volume button where the page cannot speak', async () => {
    vi.unstubAllGlobals()
    vi.stubGlobal('speechSynthesis', undefined)
    usePreferencesStore().setElder(true)
    const button = mount(ReadAloudButton, ctx.mountOptions)
    await tick()
    expect(button.find('[data-testid="read-aloud"]').exists()).toBe(false)
  })
})
