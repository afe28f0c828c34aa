/**
 * The renderer shell: attract → home with every service, the language
 * switch, elder mode, finish, and the idle countdown. Runs at 1920×1080 and 1080×1920.
 */
import type { Locator, Page } from '@playwright/test'
import { SERVICE_IDS } from '../../shared/services'
import { checkScreen, frameOverflow } from './support/screen'
import { CJK, expect, test } from './support/kiosk'

const SERVICE_COUNT = 10

interface Measure {
  width: number
  height: number
  fontSize: number
  lineHeight: number
}

async function measure(locator: Locator): Promise<Measure> {
  const box = await locator.boundingBox()
  if (!box) throw new Error('element not rendered')
  const style = await locator.evaluate((el) => {
    const s = getComputedStyle(el)
    return { fontSize: parseFloat(s.fontSize), lineHeight: parseFloat(s.lineHeight) }
  })
  return { width: box.width, height: box.height, ...style }
}

/** The smallest visible button on the page (its smaller side, in CSS pixels) and its name. */
async function smallestTarget(page: Page): Promise<{ size: number; name: string }> {
  return page.evaluate(() => {
    const sizes = [...document.querySelectorAll('button')]
      .map((b) => ({
        r: b.getBoundingClientRect(),
        name: b.getAttribute('data-testid') ?? b.innerText,
      }))
      .filter(({ r }) => r.width > 0 && r.height > 0)
      .map(({ r, name }) => ({ size: Math.min(r.width, r.height), name }))
    return sizes.reduce((a, b) => (b.size < a.size ? b : a))
  })
}

test('attract, first touch, home shows every service tile', async ({ kiosk, page }) => {
  await expect(page.getByTestId('touch-to-start')).toHaveText(/点击屏幕开始/)
  await expect(page.getByTestId('demo-badge')).toBeVisible()
  await expect(page).not.toHaveURL(/token=/)
  await checkScreen(page, 'attract')

  await kiosk.start()
  await expect(kiosk.tiles()).toHaveCount(SERVICE_COUNT)
  // Every service has its tile, in catalogue order; one that cannot be used right now
  // says why and what to do instead, never just greyed out.
  expect(
    await kiosk.tiles().evaluateAll((els) => els.map((e) => e.getAttribute('data-service'))),
  ).toEqual([...SERVICE_IDS])
  for (const tile of await kiosk.tiles().all()) {
    if ((await tile.getAttribute('aria-disabled')) === 'true') {
      await expect(tile).toContainText('请到人工窗口办理')
    }
  }
  await expect(page.getByTestId('nav-finish')).toBeVisible()
  await checkScreen(page, 'home')
})

test('English changes every visible string, and back', async ({ kiosk, page }) => {
  await kiosk.switchLanguage('en')
  await expect(page.getByTestId('touch-to-start')).toHaveText(/Touch to start/)
  expect(await kiosk.visibleTextOutsideEndonyms()).not.toMatch(CJK)
  await checkScreen(page, 'attract-en')

  await kiosk.start()
  await expect(kiosk.tiles().first()).toContainText('Link wallet')
  const text = await kiosk.visibleTextOutsideEndonyms()
  expect(text.match(new RegExp(CJK.source, 'g')) ?? [], text).toEqual([])
  await checkScreen(page, 'home-en')

  await kiosk.switchLanguage('zh-CN')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('请选择要办理的业务')
  await expect(kiosk.tiles().first()).toContainText('绑定钱包')
})

test('elder mode makes tiles and text larger; finish resets it', async ({ kiosk, page }) => {
  await kiosk.start()
  const tile = kiosk.tiles().first()
  const title = tile.locator('.tile__title')
  const summary = tile.locator('.tile__summary')
  const heading = page.getByRole('heading', { level: 1 })

  const before = {
    tile: await measure(tile),
    title: await measure(title),
    summary: await measure(summary),
    heading: await measure(heading),
  }
  const normalTarget = await smallestTarget(page)
  expect(normalTarget.size, normalTarget.name).toBeGreaterThanOrEqual(48)
  // Every service is in view: a resident does not scroll to find one.
  expect(await frameOverflow(page), 'home fits the screen').toBe(0)

  await kiosk.setElder(true)
  const after = {
    tile: await measure(tile),
    title: await measure(title),
    summary: await measure(summary),
    heading: await measure(heading),
  }
  // Portrait switches from 3 narrow columns to 2 wide ones, so compare areas, not heights.
  expect(after.tile.width * after.tile.height).toBeGreaterThan(
    before.tile.width * before.tile.height,
  )
  expect(after.title.fontSize).toBeGreaterThan(before.title.fontSize)
  expect(after.summary.fontSize).toBeGreaterThan(before.summary.fontSize)
  expect(after.heading.fontSize).toBeGreaterThan(before.heading.fontSize)
  // Elder mode (适老化): body >= 24 px, headings >= 36 px, line height >= 1.5, targets >= 60 px.
  expect(after.summary.fontSize).toBeGreaterThanOrEqual(24)
  expect(after.summary.lineHeight / after.summary.fontSize).toBeGreaterThanOrEqual(1.5)
  expect(after.heading.fontSize).toBeGreaterThanOrEqual(36)
  expect(after.title.fontSize).toBeGreaterThanOrEqual(36)
  const elderTarget = await smallestTarget(page)
  expect(elderTarget.size, elderTarget.name).toBeGreaterThanOrEqual(60)
  await checkScreen(page, 'home-elder') // fits the screen in elder mode too

  await kiosk.finish()
  await expect(page.getByTestId('cleared')).toContainText('您的信息已清除')
  await kiosk.start()
  await expect(page.getByRole('switch')).toHaveAttribute('aria-checked', 'false')
  expect((await measure(title)).fontSize).toBe(before.title.fontSize)
})

test('elder mode reads each step aloud, at the volume the resident picks', async ({
  kiosk,
  page,
}) => {
  // The real speechSynthesis, with what it is asked to say recorded (no speech engine here).
  await page.addInitScript(() => {
    const said: { text: string; lang: string; volume: number }[] = []
    ;(window as unknown as { __said: typeof said }).__said = said
    const synth = window.speechSynthesis
    const speak = synth.speak.bind(synth)
    synth.speak = (u) => {
      said.push({ text: u.text, lang: u.lang, volume: Math.round(u.volume * 100) / 100 })
      speak(u)
    }
  })
  await kiosk.open()
  const said = () =>
    page.evaluate(() => (window as unknown as { __said: { text: string }[] }).__said)
  const last = async () => (await said()).at(-1)

  await kiosk.start()
  await expect(page.getByTestId('read-aloud')).toHaveCount(0)
  expect(await said()).toEqual([])
  await kiosk.setElder(true)
  await expect.poll(said).toEqual([{ text: '请选择要办理的业务', lang: 'zh-CN', volume: 1 }])

  const volume = page.getByTestId('read-aloud')
  await expect(volume).toContainText('大')
  await volume.click()
  await expect(volume).toContainText('中')
  await expect.poll(last).toEqual({ text: '朗读音量：中', lang: 'zh-CN', volume: 0.6 })

  await page.locator('[data-service="help.faq"]').tap()
  await expect(kiosk.screen('help-faq')).toBeVisible()
  await expect.poll(last).toEqual({ text: '常见问题', lang: 'zh-CN', volume: 0.6 })
  await expect(volume).toBeVisible()
  await checkScreen(page, 'help-faq-elder')
  // In large type, a page of questions with a long answer open still fits the frame.
  await page.getByTestId('faq-q-binding-errors').tap()
  await expect(page.getByTestId('faq-answer')).toBeVisible()
  await checkScreen(page, 'help-faq-elder-answer')

  await kiosk.switchLanguage('en')
  await expect.poll(last).toEqual({ text: 'Questions and answers', lang: 'en-US', volume: 0.6 })
  await expect(volume).toContainText('Medium')

  await kiosk.finish()
  await kiosk.start()
  await expect(volume).toHaveCount(0)
  await kiosk.setElder(true)
  await expect(volume).toContainText('大') // the volume went back with the session
})

test.describe('idle timeout', () => {
  test.use({ kioskHost: 'shortIdle' })

  test('countdown dialog: continue keeps the session, no answer ends it', async ({
    kiosk,
    page,
  }) => {
    const { idleSeconds, warningSeconds } = kiosk.host
    await kiosk.start()
    const dialog = page.getByRole('alertdialog')
    await expect(dialog).toBeVisible({ timeout: (idleSeconds + 3) * 1000 })
    await expect(dialog).toContainText('还需要更多时间吗？')
    const countdown = page.getByTestId('idle-countdown')
    const first = Number(await countdown.innerText())
    expect(first).toBeLessThanOrEqual(warningSeconds)
    await expect(countdown).not.toHaveText(String(first))
    await checkScreen(page, 'idle-dialog')

    await page.getByRole('button', { name: '继续' }).click()
    await expect(dialog).toBeHidden()
    await expect(kiosk.screen('home')).toBeVisible()

    await expect(dialog).toBeVisible({ timeout: (idleSeconds + 3) * 1000 })
    await expect(kiosk.screen('attract')).toBeVisible({ timeout: (warningSeconds + 3) * 1000 })
    await expect(dialog).toBeHidden()
    await expect(page.getByTestId('cleared')).toContainText('您的信息已清除')
    await checkScreen(page, 'attract-cleared')
  })
})
