/**
 * The real ID card reader driver end to end: a web host in QA mode whose hardware profile names a
 * GA 467 reader on a pty (`KIOSK_CARD_READER=ga467:…`), the fake reader process on the other end
 * (`out/main/fake-reader.js`, with its own socat), and 林晓峰 signing in by card + face with
 * Chromium's fake camera. Nothing here goes through the simulated reader: the QA panel's
 * `qa.insertCard` goes to the fake reader's control socket, and the card arrives over the serial
 * line.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { kioskHosts, type KioskHost } from './support/hosts'
import { coreCall, maskedId, openIdentity, DEMO_RESIDENTS } from './support/identity'
import { Kiosk, expect, test } from './support/kiosk'

const OUT = process.env.KIOSK_OUT_DIR ?? 'out'
const HAS_SOCAT = spawnSync('socat', ['-V'], { stdio: 'ignore' }).status === 0

/** The fake reader's process: `send` writes one control line and resolves with its answer. */
function startFakeReader(dir: string) {
  const child = spawn(process.execPath, [join(OUT, 'main', 'fake-reader.js'), '--pty-dir', dir], {
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  const waiting: ((line: string) => void)[] = []
  createInterface({ input: child.stdout! }).on('line', (line) => waiting.shift()?.(line))
  const next = () => new Promise<string>((resolve) => waiting.push(resolve))
  return {
    child,
    ready: next(),
    send(line: string) {
      const answer = next()
      child.stdin!.write(`${line}\n`)
      return answer
    },
  }
}

test.describe('GA 467 reader in QA mode', () => {
  let reader: ReturnType<typeof startFakeReader> | null = null
  let host: ChildProcess | null = null

  test.afterEach(() => {
    host?.kill('SIGTERM')
    reader?.child.kill('SIGTERM')
    host = null
    reader = null
  })

  test("林晓峰's card on the fake reader + face signs him in", async ({ page }, testInfo) => {
    test.skip(!HAS_SOCAT, 'needs socat (apt-get install socat)')
    test.skip(testInfo.project.name !== 'landscape', 'one run is enough')
    test.setTimeout(90_000)
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-reader-'))
    reader = startFakeReader(join(dir, 'pty'))
    const ready = await reader.ready
    expect(ready).toMatch(/^ready /)
    const kioskPort = ready.slice('ready '.length)

    const { standard } = kioskHosts(testInfo.parallelIndex)
    const own: KioskHost = {
      ...standard,
      port: standard.port + 2,
      url: `http://127.0.0.1:${standard.port + 2}`,
      token: `e2e-token-${standard.port + 2}-0123456789abcdef0123456789abcdef`,
    }
    host = spawn(process.execPath, [join(OUT, 'main', 'web.js')], {
      env: {
        ...process.env,
        KIOSK_WEB_PORT: String(own.port),
        KIOSK_WEB_TOKEN: own.token,
        KIOSK_DATA_DIR: join(dir, 'terminal'),
        KIOSK_CENTRAL_PORT: '0',
        KIOSK_CENTRAL_SMS_PER_HOUR: '1000',
        KIOSK_QA: '1',
        KIOSK_CARD_READER: `ga467:${kioskPort}`,
        KIOSK_FAKE_READER_CONTROL: join(dir, 'pty', 'control'),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    await expect
      .poll(
        async () => {
          try {
            return (await fetch(`${own.url}/`)).status
          } catch {
            return 0
          }
        },
        { timeout: 60_000 },
      )
      .toBe(200)

    const kiosk = new Kiosk(page, own)
    await kiosk.open()
    // The real driver serves the reader, and says where.
    await expect
      .poll(async () => {
        const list = await coreCall(kiosk, 'devices.list', {})
        return list.ok ? list.value.devices.find((d) => d.kind === 'cardReader') : null
      })
      .toMatchObject({ state: 'READY', driver: 'ga467', port: `${kioskPort}@115200` })
    await kiosk.start()
    await openIdentity(kiosk)
    // As the QA panel does it: the core passes the card to the fake reader.
    const inserted = await coreCall(kiosk, 'qa.insertCard', {
      resident: DEMO_RESIDENTS.lin.idNumber,
    })
    expect(inserted).toMatchObject({ ok: true })
    expect(await reader.send('state')).toContain('"card":"林晓峰"')
    await page.getByTestId('way-card').tap()
    await expect(page.getByTestId('card-read')).toBeVisible({ timeout: 15_000 })
    await page.getByTestId('card-face').tap()
    await expect(kiosk.screen('identity-face')).toBeVisible()
    await page.getByTestId('face-start').tap()
    await expect(page.getByTestId('identity-badge')).toContainText(
      maskedId(DEMO_RESIDENTS.lin.idNumber),
      { timeout: 15_000 },
    )
    await expect(page.getByTestId('identity-badge')).toContainText('林**')
    await expect(page.locator('main[data-screen^="identity-"]')).toHaveCount(0)
  })
})
