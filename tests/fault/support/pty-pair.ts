/**
 * A pseudo-terminal pair from Debian's `socat` (what a USB-serial reader looks like to the kiosk),
 * and the fake GA 467 reader served on one end, in-process or as its own process.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { SerialPort } from 'serialport'
import { createFakeSam, type FakeSam } from '../../../electron/fake-reader/sam'

export const HAS_SOCAT = spawnSync('socat', ['-V'], { stdio: 'ignore' }).status === 0

export async function waitForPath(path: string, ms = 5000): Promise<void> {
  const until = Date.now() + ms
  while (!existsSync(path)) {
    if (Date.now() > until) throw new Error(`${path} did not appear`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

export interface PtyPair {
  reader: string
  kiosk: string
  stop(): Promise<void>
}

/** Starts `socat` with `<dir>/reader` and `<dir>/kiosk`. */
export async function startPtyPair(dir: string): Promise<PtyPair> {
  const reader = join(dir, 'reader')
  const kiosk = join(dir, 'kiosk')
  const socat = spawn('socat', [`pty,raw,echo=0,link=${reader}`, `pty,raw,echo=0,link=${kiosk}`], {
    stdio: 'ignore',
  })
  await waitForPath(reader)
  await waitForPath(kiosk)
  return { reader, kiosk, stop: () => stopChild(socat) }
}

export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((r) => {
    child.once('exit', () => r())
    child.kill(signal)
  })
}

export interface ServedSam {
  sam: FakeSam
  /** Requests the SAM has seen, by command (`20 01` → '2001'). */
  requests: string[]
  close(): Promise<void>
}

/** Serves a fake SAM on `path` in this process. */
export async function serveFakeSam(
  path: string,
  initial: Parameters<typeof createFakeSam>[0] = {},
): Promise<ServedSam> {
  const sam = createFakeSam(initial)
  const requests: string[] = []
  const port = new SerialPort({ path, baudRate: 115200, autoOpen: false })
  await new Promise<void>((r, j) => port.open((err) => (err ? j(err) : r())))
  port.on('error', () => undefined)
  port.on('data', (chunk: Buffer) => {
    // Requests are tiny (10 bytes); read their command for the polling checks.
    for (
      let i = chunk.indexOf(0x69);
      i >= 0 && i + 4 < chunk.length;
      i = chunk.indexOf(0x69, i + 1)
    ) {
      requests.push(chunk.subarray(i + 3, i + 5).toString('hex'))
    }
    for (const reply of sam.receive(new Uint8Array(chunk))) {
      setTimeout(() => port.isOpen && port.write(Buffer.from(reply.bytes)), reply.delayMs)
    }
  })
  return {
    sam,
    requests,
    close: () => new Promise((r) => (port.isOpen ? port.close(() => r()) : r())),
  }
}

export interface FakeReaderProcess {
  kiosk: string
  send(line: string): Promise<string>
  kill(signal?: NodeJS.Signals): Promise<void>
}

/** Starts the fake reader's own process (`electron/fake-reader/cli.ts`) with its own socat. */
export async function startFakeReaderProcess(
  dir: string,
  args: string[] = [],
): Promise<FakeReaderProcess> {
  const cli = resolve(__dirname, '../../../electron/fake-reader/cli.ts')
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--pty-dir', dir, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  const lines = createInterface({ input: child.stdout! })
  const waiting: ((line: string) => void)[] = []
  lines.on('line', (line) => waiting.shift()?.(line))
  const next = () => new Promise<string>((r) => waiting.push(r))
  const ready = await next()
  if (!ready.startsWith('ready ')) throw new Error(`fake reader: ${ready}`)
  return {
    kiosk: ready.slice('ready '.length),
    send(line) {
      const answer = next()
      child.stdin!.write(`${line}\n`)
      return answer
    },
    kill: (signal) => stopChild(child, signal),
  }
}
