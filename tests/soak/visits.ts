/**
 * Residents' visits for the soak run and the privacy check: each one a short walk
 * through the real UI, the way a resident taps it, from the attract screen back to the attract
 * screen. The five demo residents rotate; binds and unbinds alternate so the centre's state never
 * runs out (林晓峰 binds then unbinds, 陈美玲 unbinds then binds back, 郑秀英 binds then unbinds);
 * some visits end with "finish", some walk away and let the idle timeout end them.
 *
 * Drives screens by test ids and roles, as the e2e specs do, and reuses their helpers.
 */
import type { Locator } from '@playwright/test'
import { signIn, smsCode, typeOnKeypad, type DemoResidentName } from '../e2e/support/identity'
import { expect, type Kiosk } from '../e2e/support/kiosk'
import { enterStaff, leaveStaff } from '../e2e/support/staff'

export type VisitEnding = 'finish' | 'walk-away'
export type SignInWay = 'sms' | 'card' | 'face'

export interface Visit {
  name: string
  resident: DemoResidentName | null
  ending: VisitEnding
  /** From home (the visit has started) to the last screen; the ending is the runner's. */
  run(kiosk: Kiosk): Promise<string | void>
}

/** Slow steps (printing a PDF, the face countdown) on a busy machine. */
const SLOW = { timeout: 30_000 }

/** Wallets from the demo registry (electron/central/seed/wallets.ts) that each resident may bind. */
const WALLETS = {
  lin: { operator: 'ICBC', walletId: '0021000086432151' },
  chen: { operator: 'CMB', walletId: '0308000056260002' },
  zheng: { operator: 'PSBC', walletId: '0403000000220023' },
} as const

const tile = (kiosk: Kiosk, service: string): Locator =>
  kiosk.page.locator(`[data-testid="service-tile"][data-service="${service}"]`)

/** Waits until one of the screens is shown and says which. */
async function oneOfScreens(kiosk: Kiosk, names: string[]): Promise<string> {
  const selector = names.map((n) => `main[data-screen="${n}"]`).join(', ')
  await expect(kiosk.page.locator(selector).first()).toBeVisible(SLOW)
  return (await kiosk.page.locator(selector).first().getAttribute('data-screen')) ?? ''
}

/**
 * Turns the page when there is a next page. The pager re-renders while a new year's or range's
 * rows arrive, so "is it there" and "is it enabled" are asked with a short wait of their own.
 */
async function tapIfEnabled(button: Locator): Promise<void> {
  const enabled = await button.isEnabled({ timeout: 2_000 }).catch(() => false)
  if (enabled) await button.tap({ timeout: 5_000 }).catch(() => undefined)
}

/** Back to home from any service screen. */
async function home(kiosk: Kiosk): Promise<void> {
  if (!(await kiosk.screen('home').isVisible())) await kiosk.page.getByTestId('nav-home').tap()
  await expect(kiosk.screen('home')).toBeVisible()
}

/** Taps a service tile; signs the resident in when the guard asks, and waits for `screen`. */
async function openService(
  kiosk: Kiosk,
  service: string,
  screen: string,
  who?: DemoResidentName,
  via: SignInWay = 'sms',
): Promise<void> {
  await tile(kiosk, service).tap()
  const shown = await oneOfScreens(kiosk, ['identity-choose', screen])
  if (shown === 'identity-choose') {
    if (!who) throw new Error(`${service} asked for identity without a resident`)
    await signIn(kiosk, who, via)
  }
  await expect(kiosk.screen(screen)).toBeVisible(SLOW)
}

/** The SMS confirmation step shared by bind and unbind: send, type the code, submit. */
async function confirmBySms(kiosk: Kiosk): Promise<void> {
  const { page } = kiosk
  await page.getByTestId('fund-sms-send').tap()
  await expect(page.getByTestId('fund-sms-sent')).toBeVisible()
  await typeOnKeypad(kiosk, await smsCode(kiosk))
  await page.getByTestId('fund-submit').tap()
}

/** Bind wizard from the account step to an accepted result. */
async function bind(kiosk: Kiosk, wallet: { operator: string; walletId: string }): Promise<void> {
  const { page } = kiosk
  await page.getByTestId('fund-next').tap()
  await expect(kiosk.screen('fund-bind-operator')).toBeVisible()
  await page.getByTestId(`operator-${wallet.operator}`).tap()
  await page.getByTestId('fund-next').tap()
  await expect(kiosk.screen('fund-bind-wallet')).toBeVisible()
  await typeOnKeypad(kiosk, wallet.walletId)
  await page.getByTestId('fund-next').tap()
  await expect(kiosk.screen('fund-bind-agreement')).toBeVisible()
  // The agreement must be read to the end before it can be accepted.
  await page.getByTestId('agreement-text').evaluate((el) => el.scrollTo(0, el.scrollHeight))
  await expect(page.getByTestId('agreement-accept')).toBeEnabled()
  await page.getByTestId('agreement-accept').check()
  await page.getByTestId('fund-next').tap()
  await expect(kiosk.screen('fund-bind-confirm')).toBeVisible()
  await confirmBySms(kiosk)
  await expect(kiosk.screen('fund-bind-result')).toBeVisible(SLOW)
  await expect(page.getByTestId('fund-result')).toHaveAttribute('data-status', 'accepted')
}

/** Unbind wizard from "already bound" to an accepted result. */
async function unbind(kiosk: Kiosk): Promise<void> {
  const { page } = kiosk
  await page.getByTestId('fund-go-unbind').tap()
  await expect(kiosk.screen('fund-unbind-current')).toBeVisible()
  await page.getByTestId('fund-next').tap()
  await expect(kiosk.screen('fund-unbind-confirm')).toBeVisible()
  await confirmBySms(kiosk)
  await expect(kiosk.screen('fund-unbind-result')).toBeVisible(SLOW)
  await expect(page.getByTestId('fund-result')).toHaveAttribute('data-status', 'accepted')
}

/**
 * Opens "bind": a resident with a wallet is told so and unbinds, one without binds. The terminal
 * decides from the centre's answer, so the soak never has to guess the state left by a failed
 * visit.
 */
function toggleBinding(who: keyof typeof WALLETS, via: SignInWay): Visit['run'] {
  return async (kiosk) => {
    await openService(kiosk, 'fund.bind', 'fund-bind-account', who, via)
    const { page } = kiosk
    const answer = page.locator('[data-testid="fund-account"], [data-testid="fund-refusal"]')
    await expect(answer.first()).toBeVisible(SLOW)
    if (await page.getByTestId('fund-go-unbind').isVisible()) {
      await unbind(kiosk)
      return 'unbound'
    }
    await bind(kiosk, WALLETS[who])
    return 'bound'
  }
}

/** Balance, then records over three presets with a page turn; optionally the statement printed. */
function fundQuery(
  who: DemoResidentName,
  via: SignInWay,
  options: { elder?: boolean; print?: boolean } = {},
): Visit['run'] {
  return async (kiosk) => {
    const { page } = kiosk
    if (options.elder) await kiosk.setElder(true)
    await openService(kiosk, 'fund.query', 'fund-balance', who, via)
    await expect(page.getByTestId('fund-balance')).toBeVisible(SLOW)
    await page.getByTestId('fund-records').tap()
    await expect(kiosk.screen('fund-records')).toBeVisible()
    for (const preset of ['thisYear', 'lastYear', 'last3Years']) {
      await page.getByTestId(`preset-${preset}`).tap()
      await expect(page.getByTestId('records-range')).toBeVisible()
    }
    await tapIfEnabled(page.getByTestId('page-next'))
    if (options.print) {
      await page.getByTestId('fund-print').tap()
      await expect(page.getByTestId('fund-printed')).toBeVisible(SLOW)
    }
  }
}

/** Tax records: the last 12 months, two years, a page turn and the type filter. */
function taxRecords(
  who: DemoResidentName,
  via: SignInWay,
  options: { english?: boolean } = {},
): Visit['run'] {
  return async (kiosk) => {
    const { page } = kiosk
    if (options.english) await kiosk.switchLanguage('en')
    await openService(kiosk, 'tax.records', 'tax-records', who, via)
    await expect(page.getByTestId('tax-summary')).toBeVisible(SLOW)
    const years = page.locator('[data-testid^="tax-year-2"]')
    for (const index of [1, 3]) {
      if ((await years.count()) <= index) continue
      await years.nth(index).tap()
      await expect(page.getByTestId('tax-summary')).toBeVisible()
    }
    await tapIfEnabled(page.getByTestId('tax-page-next'))
    await page.getByTestId('tax-type-all').tap()
    await page.getByTestId('tax-year-last12').tap()
    await expect(page.getByTestId('tax-summary')).toBeVisible()
  }
}

/** Taps a certificate year stepper until it shows `year`. */
async function setYear(kiosk: Kiosk, which: 'from' | 'to', year: number): Promise<void> {
  const value = kiosk.page.getByTestId(`cert-${which}-year`)
  for (let i = 0; i < 20; i++) {
    const shown = Number((await value.innerText()).match(/\d{4}/)![0])
    if (shown === year) return
    await kiosk.page.getByTestId(`cert-${which}-${shown > year ? 'earlier' : 'later'}`).tap()
  }
  throw new Error(`could not set the ${which} year to ${year}`)
}

/** Types a verification code on the code keyboard and checks it. */
async function verifyCode(kiosk: Kiosk, code: string): Promise<void> {
  const { page } = kiosk
  if (!(await kiosk.screen('verify').isVisible())) {
    await home(kiosk)
    await page.getByTestId('home-verify-certificate').tap()
  }
  await expect(kiosk.screen('verify')).toBeVisible()
  if (await page.getByTestId('verify-again').isVisible())
    await page.getByTestId('verify-again').tap()
  for (const char of code.replaceAll('-', '')) await page.getByTestId(`code-key-${char}`).tap()
  await page.getByTestId('verify-check').tap()
  await expect(page.getByTestId('verify-result')).toBeVisible(SLOW)
}

/** 王建国's 《纳税记录》 2019–2024: preview, print on the simulated A4 printer, verify the code. */
function taxCertificate(who: DemoResidentName, via: SignInWay): Visit['run'] {
  return async (kiosk) => {
    const { page } = kiosk
    await openService(kiosk, 'tax.certificate', 'tax-certificate-range', who, via)
    await setYear(kiosk, 'from', 2019)
    await setYear(kiosk, 'to', 2024)
    await setYear(kiosk, 'from', 2019)
    await page.getByTestId('cert-issue').tap()
    await expect(kiosk.screen('tax-certificate-preview')).toBeVisible(SLOW)
    await page.getByTestId('cert-print').tap()
    await expect(kiosk.screen('tax-certificate-done')).toBeVisible(SLOW)
    const code = (await page.getByTestId('cert-done-code').locator('strong').innerText()).trim()
    await verifyCode(kiosk, code)
    await expect(page.getByTestId('verify-result')).toHaveAttribute('data-valid', 'true')
  }
}

/** Types pinyin on the feedback keyboard and picks the character from the candidates. */
async function pinyin(kiosk: Kiosk, syllable: string, character: string): Promise<void> {
  for (const letter of syllable) await kiosk.page.locator(`[data-skbtn="${letter}"]`).tap()
  await kiosk.page.locator('.hg-candidate-box-list-item', { hasText: character }).first().tap()
}

/**
 * A suggestion with a call-back phone number (a demo resident's: the privacy sweep checks that it
 * never reaches the disk), then the ticket.
 */
function feedback(phone: string): Visit['run'] {
  return async (kiosk) => {
    const { page } = kiosk
    await tile(kiosk, 'help.feedback').tap()
    await expect(kiosk.screen('help-feedback')).toBeVisible()
    await page.getByTestId('feedback-category-suggestion').tap()
    await pinyin(kiosk, 'hen', '很')
    await pinyin(kiosk, 'hao', '好')
    await expect(page.getByTestId('feedback-text')).toHaveValue('很好')
    await page.getByTestId('feedback-phone').tap()
    for (const digit of phone) await page.getByTestId(`phone-${digit}`).tap()
    await page.getByTestId('feedback-submit').tap()
    await expect(page.getByTestId('feedback-ticket')).toHaveText(/^FK/, SLOW)
  }
}

/** 黄子轩 has no fund account: told so in words; then calls staff from the status bar. */
function noAccountThenCallStaff(via: SignInWay): Visit['run'] {
  return async (kiosk) => {
    const { page } = kiosk
    await openService(kiosk, 'fund.bind', 'fund-bind-account', 'huang', via)
    await expect(page.getByTestId('fund-refusal')).toBeVisible(SLOW)
    await page.getByTestId('call-staff').tap()
    await expect(page.getByTestId('call-staff-done')).toBeVisible(SLOW)
    await page.getByTestId('call-staff-close').tap()
  }
}

/** No identity needed: FAQ by category, the partner wallets, a code that does not verify. */
async function browseWithoutIdentity(kiosk: Kiosk): Promise<void> {
  const { page } = kiosk
  await tile(kiosk, 'help.faq').tap()
  await expect(kiosk.screen('help-faq')).toBeVisible()
  await page.getByTestId('faq-filter-tax').tap()
  await page.locator('[data-testid^="faq-q-"]').first().tap()
  await expect(page.getByTestId('faq-answer')).toBeVisible()
  await home(kiosk)
  await tile(kiosk, 'wallet.guide').tap()
  await expect(kiosk.screen('wallet-guide')).toBeVisible()
  await home(kiosk)
  await verifyCode(kiosk, 'ABCD-EFGH-JKLM-NPQR')
  await expect(page.getByTestId('verify-result')).toHaveAttribute('data-valid', 'false')
}

/**
 * Staff look at the dashboard between residents and leave (the supervisor screen must not leak
 * either). Starts from attract, not home: the runner skips "touch to start" for it.
 */
async function staffGlance(kiosk: Kiosk): Promise<void> {
  await enterStaff(kiosk)
  await leaveStaff(kiosk)
}

/** One cycle; the soak repeats it. Every demo resident, every service, both endings. */
export const VISITS: readonly Visit[] = [
  { name: 'fund bind/unbind', resident: 'lin', ending: 'finish', run: toggleBinding('lin', 'sms') },
  {
    name: 'fund unbind/bind',
    resident: 'chen',
    ending: 'finish',
    run: toggleBinding('chen', 'card'),
  },
  { name: 'tax records', resident: 'wang', ending: 'walk-away', run: taxRecords('wang', 'sms') },
  {
    name: 'fund balance+records (elder)',
    resident: 'zheng',
    ending: 'finish',
    run: fundQuery('zheng', 'sms', { elder: true }),
  },
  {
    name: 'tax certificate+verify',
    resident: 'wang',
    ending: 'finish',
    run: taxCertificate('wang', 'face'),
  },
  { name: 'feedback with phone', resident: null, ending: 'finish', run: feedback('13800591234') },
  {
    name: 'fund records+statement',
    resident: 'lin',
    ending: 'walk-away',
    run: fundQuery('lin', 'card', { print: true }),
  },
  {
    name: 'tax records (en)',
    resident: 'huang',
    ending: 'finish',
    run: taxRecords('huang', 'sms', { english: true }),
  },
  {
    name: 'no account+call staff',
    resident: 'huang',
    ending: 'walk-away',
    run: noAccountThenCallStaff('card'),
  },
  {
    name: 'fund bind/unbind',
    resident: 'zheng',
    ending: 'finish',
    run: toggleBinding('zheng', 'sms'),
  },
  { name: 'faq+wallets+verify', resident: null, ending: 'walk-away', run: browseWithoutIdentity },
  { name: 'tax records', resident: 'chen', ending: 'finish', run: taxRecords('chen', 'face') },
  { name: 'staff dashboard', resident: null, ending: 'finish', run: staffGlance },
]

/** Visits that start on attract rather than with "touch to start". */
export const STARTS_ON_ATTRACT = new Set<Visit['run']>([staffGlance])

/**
 * Runs one visit from the attract screen back to it: touch to start, the visit, then "finish" or
 * walking away (no touch until the idle countdown has run out). Returns the visit's note.
 */
export async function runVisit(kiosk: Kiosk, visit: Visit): Promise<string | void> {
  await expect(kiosk.page.locator('main[data-screen="attract"][data-ready="true"]')).toBeVisible(
    SLOW,
  )
  if (STARTS_ON_ATTRACT.has(visit.run)) return visit.run(kiosk)
  await kiosk.start()
  const note = await visit.run(kiosk)
  if (visit.ending === 'finish') {
    await kiosk.finish()
  } else {
    // Walking away: the countdown dialog appears after the idle time and the session ends.
    const idleMs = (kiosk.host.idleSeconds + kiosk.host.warningSeconds) * 1000
    await expect(kiosk.page.getByTestId('idle-dialog')).toBeVisible({ timeout: idleMs + 15_000 })
    await expect(kiosk.screen('attract')).toBeVisible({ timeout: idleMs + 15_000 })
  }
  return note
}
