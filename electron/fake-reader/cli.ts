/**
 * The fake GA 467 reader as a process, for QA rigs and the driver's tests
 * (`node out/main/fake-reader.js`, or `npm run fake-reader --` in a checkout; docs/deployment.md,
 * Devices). It serves one end of a serial pair; the kiosk opens the other with
 * `KIOSK_CARD_READER=ga467:<path>`.
 *
 *   --port <path>      serve this port (one end of a `socat` pty pair, or a null-modem cable)
 *   --pty-dir <dir>    start `socat` itself: serve <dir>/reader, the kiosk opens <dir>/kiosk
 *   --card <who>       a card on the reader at start: a demo resident's name or ID number,
 *                      `expired` or `garbled`
 *   --fault <fault>    start with a fault (see FAKE_FAULTS in sam.ts)
 *   --control <path>   also take commands over HTTP on this unix socket (default with --pty-dir:
 *                      <dir>/control), for the kiosk's QA panel (`KIOSK_FAKE_READER_CONTROL`):
 *                      POST /insert {"who"} or {"card"}, POST /remove, POST /fault {"fault"}
 *
 * Control on stdin, one command a line, each answered with one `ok …` or `error …` line:
 * `insert <who>`, `remove`, `fault <fault>`, `state`. Prints `ready <kiosk port>` once serving.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { SerialPort } from 'serialport'
import { IdCardData } from '../../shared/api/methods/qa'
import { createFakeSam, FAKE_FAULTS, type FakeFault, type FakeSam } from './sam'

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'pty-dir': { type: 'string' },
    card: { type: 'string' },
    fault: { type: 'string' },
    baud: { type: 'string', default: '115200' },
    control: { type: 'string' },
  },
})

const isFault = (text: string | undefined): text is FakeFault =>
  (FAKE_FAULTS as readonly string[]).includes(text ?? '')

function fail(message: string): never {
  process.stderr.write(`fake-reader: ${message}\n`)
  process.exit(2)
}

async function waitFor(path: string, ms: number): Promise<void> {
  const until = Date.now() + ms
  while (!existsSync(path)) {
    if (Date.now() > until) fail(`${path} did not appear (is socat installed?)`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

async function main() {
  if (values.fault !== undefined && !isFault(values.fault)) {
    fail(`unknown fault ${values.fault}; one of ${FAKE_FAULTS.join(', ')}`)
  }
  let socat: ChildProcess | null = null
  let servePath = values.port
  let kioskPath = values.port ?? ''
  let controlPath = values.control
  if (values['pty-dir']) {
    const dir = resolve(values['pty-dir'])
    controlPath ??= join(dir, 'control')
    mkdirSync(dir, { recursive: true })
    servePath = join(dir, 'reader')
    kioskPath = join(dir, 'kiosk')
    socat = spawn(
      'socat',
      [`pty,raw,echo=0,link=${servePath}`, `pty,raw,echo=0,link=${kioskPath}`],
      { stdio: 'ignore' },
    )
    socat.on('error', (err) => fail(`socat: ${err.message}`))
    await waitFor(servePath, 5000)
    await waitFor(kioskPath, 5000)
  }
  if (!servePath) fail('give --port <path> or --pty-dir <dir>')

  const sam = createFakeSam({
    ...(values.card ? { card: values.card } : {}),
    ...(isFault(values.fault) ? { fault: values.fault } : {}),
  })
  if (values.card && !sam.state().card) fail(`unknown card ${values.card}`)
  const port = new SerialPort({ path: servePath, baudRate: Number(values.baud) })
  port.on('error', (err) => fail(`port: ${err.message}`))
  port.on('data', (chunk: Buffer) => {
    for (const reply of sam.receive(new Uint8Array(chunk))) {
      setTimeout(() => port.isOpen && port.write(Buffer.from(reply.bytes)), reply.delayMs)
    }
  })
  await new Promise<void>((r) => port.once('open', () => r()))

  // Wait for socat (a second at most) so it is reaped here, not left to an init that may not.
  const stop = () => {
    if (!socat || socat.exitCode !== null) process.exit(0)
    socat.once('exit', () => process.exit(0))
    socat.kill('SIGTERM')
    setTimeout(() => process.exit(0), 1000).unref()
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
  if (controlPath) await serveControl(sam, controlPath)
  process.stdout.write(`ready ${kioskPath}\n`)

  const lines = createInterface({ input: process.stdin })
  lines.on('line', (line) => {
    const [verb = '', ...rest] = line.trim().split(/\s+/)
    const arg = rest.join(' ')
    const reply = (text: string) => process.stdout.write(`${text}\n`)
    if (verb === 'insert') reply(sam.insert(arg) ? 'ok inserted' : `error unknown card`)
    else if (verb === 'remove') reply(`ok ${sam.remove() ? 'removed' : 'empty'}`)
    else if (verb === 'fault' && isFault(arg)) {
      sam.setFault(arg)
      reply(`ok fault ${arg}`)
    } else if (verb === 'state') reply(`ok ${JSON.stringify(sam.state())}`)
    else if (verb) reply('error unknown command')
  })
  // QA may run it in the background with no stdin: keep serving until killed.
  lines.on('close', () => undefined)
}

/** The HTTP control channel on a unix socket (QA panel → core → here). */
async function serveControl(sam: FakeSam, path: string): Promise<void> {
  rmSync(path, { force: true })
  const server = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => {
      body += chunk
      if (body.length > 10_000) req.destroy()
    })
    req.on('end', () => {
      let input: Record<string, unknown>
      try {
        input = body ? (JSON.parse(body) as Record<string, unknown>) : {}
      } catch {
        input = {}
      }
      const answer = (status: number, value: object) => {
        res.writeHead(status, { 'content-type': 'application/json' })
        res.end(JSON.stringify(value))
      }
      if (req.method !== 'POST') return answer(405, { ok: false })
      if (req.url === '/insert') {
        const card = IdCardData.safeParse(input.card)
        if (card.success) sam.insertCard(card.data)
        else if (typeof input.who !== 'string' || !sam.insert(input.who)) {
          return answer(400, { ok: false, error: 'unknown card' })
        }
        return answer(200, { ok: true })
      }
      if (req.url === '/remove') return answer(200, { ok: true, removed: sam.remove() })
      if (req.url === '/fault' && isFault(input.fault as string)) {
        sam.setFault(input.fault as FakeFault)
        return answer(200, { ok: true })
      }
      return answer(404, { ok: false })
    })
  })
  await new Promise<void>((r) => server.listen(path, () => r()))
}

void main()
