/**
 * Privacy (personal data does not outlive the session), checked on every run: residents use
 * every kind of service on a terminal of the spec's own (sign-in by ID number, card and face; bind
 * and unbind; balance, records and a printed statement; a certificate printed and verified;
 * feedback with a call-back phone; walking away), then the sweep finds no full ID number, phone
 * number or name of a demo resident in the terminal's data folder (store, journal, logs), the
 * store's rows (receipt journal, audit log, outbox) or the renderer's storage and DOM.
 *
 * The bundled central service keeps its state under `<data>/central/`: the centre's database, not
 * the terminal's, so the sweep leaves it out (tests/soak/privacy-sweep.ts). `npm run soak` runs
 * the same sweep after hundreds of sessions.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { startSoakHost, type SoakHost } from '../soak/host'
import { describeHits, privacySweep, sweepRenderer } from '../soak/privacy-sweep'
import { runVisit, VISITS } from '../soak/visits'
import { Kiosk } from './support/kiosk'

const OUT = process.env.KIOSK_OUT_DIR ?? 'out'
const PORT = Number(process.env.KIOSK_E2E_PORT ?? 8861) + 60

/** One of each kind of visit; the names are VISITS' (tests/soak/visits.ts). */
const SHORT_RUN = [
  'fund bind/unbind',
  'fund unbind/bind',
  'fund records+statement',
  'tax certificate+verify',
  'feedback with phone',
  'no account+call staff',
  'tax records (en)',
]

let host: SoakHost | null = null
test.afterEach(async () => {
  await host?.stop()
  host = null
})

// One viewport is enough: the sweep looks at what stays behind, not at the layout.
test.skip(({ viewport }) => (viewport?.width ?? 0) < (viewport?.height ?? 0), 'landscape only')

test('after residents used every service, no full ID number, phone or name is left anywhere', async ({
  page,
  context,
}) => {
  test.setTimeout(180_000)
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-privacy-'))
  host = await startSoakHost({
    outDir: OUT,
    port: PORT,
    dataDir,
    idleSeconds: 6,
    warningSeconds: 3,
    logFile: join(dataDir, '..', `kiosk-e2e-privacy-host-${PORT}.log`),
  })
  const problems: string[] = []
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`))
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`)
  })
  const kiosk = new Kiosk(page, host)
  await kiosk.open()

  const visits = SHORT_RUN.map((name) => {
    const visit = VISITS.find((v) => v.name === name)
    if (!visit) throw new Error(`no visit named ${name}`)
    return visit
  })
  for (const visit of visits) {
    await test.step(`${visit.name} (${visit.resident ?? 'anonymous'}, ${visit.ending})`, () =>
      runVisit(kiosk, visit).then(() => undefined))
  }
  // Back at rest on attract: the session is over and the "cleared" notice has gone.
  await expect(page.getByTestId('cleared')).toHaveCount(0, { timeout: 15_000 })

  const renderer = await sweepRenderer(page, context)
  await host.stop() // the store folds its journal on close: sweep what stays on disk
  host = null
  const sweep = await privacySweep({ dataDir })
  const hits = [...sweep.hits, ...renderer.hits]
  expect(sweep.scanned.files).toBeGreaterThan(0)
  expect(sweep.scanned.storeCells).toBeGreaterThan(0)
  expect(hits, `personal data left behind:\n${describeHits(hits)}`).toEqual([])
  expect(problems, problems.join('\n')).toEqual([])
})

test('the sweep is not blind: planted values are found in every encoding it claims', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-privacy-plant-'))
  const { writeFileSync } = await import('node:fs')
  const iconv = (await import('iconv-lite')).default
  writeFileSync(join(dir, 'utf8.log'), `x ${'350102198506123417'} y`)
  writeFileSync(join(dir, 'gb.bin'), iconv.encode('陈美玲', 'gb18030'))
  writeFileSync(join(dir, 'utf16.bin'), Buffer.from('13705913456', 'utf16le'))
  writeFileSync(join(dir, 'escaped.json'), '{"n":"\\u90d1\\u79c0\\u82f1"}')
  writeFileSync(join(dir, 'lower.txt'), '35012120010718457x')
  writeFileSync(join(dir, 'masked.txt'), '350102********3417 138****1234 林**')
  const sweep = await privacySweep({ dataDir: dir })
  const found = sweep.hits.map((h) => `${h.where}:${h.resident}:${h.kind}`).sort()
  expect(found).toEqual([
    'escaped.json:zheng:name',
    'gb.bin:chen:name',
    'lower.txt:huang:id number',
    'utf16.bin:wang:phone',
    'utf8.log:lin:id number',
  ])
})
