#!/usr/bin/env node
/**
 * Makes the staff PIN hash for a terminal's configuration, at install:
 *
 *   node build/scripts/hash-pin.mjs            # asks for the PIN twice (not echoed)
 *   printf '%s' 753159 | node build/scripts/hash-pin.mjs --stdin
 *
 * and prints `KIOSK_SUPERVISOR_PIN_HASH=scrypt$N$r$p$salt$hash`. Same parameters and format as
 * electron/core/supervisor/pin.ts (a unit test checks that the core accepts what this prints). The
 * PIN is never printed or written anywhere; choose one that is not the demo PIN.
 */
import { randomBytes, scrypt } from 'node:crypto'
import { createInterface } from 'node:readline'

// N = 2^17 needs 128 MiB (above Node's default maxmem, hence the option below).
const N = 2 ** 17
const r = 8
const p = 1
const DEMO_PIN = '246810'

function readStdin() {
  return new Promise((resolve, reject) => {
    let text = ''
    process.stdin.setEncoding('utf8')
    process.stdin.on('data', (chunk) => (text += chunk))
    process.stdin.on('end', () => resolve(text.trim()))
    process.stdin.on('error', reject)
  })
}

/** Asks without echoing what is typed. */
function ask(question) {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true })
    rl._writeToOutput = (s) => {
      if (s.includes(question)) process.stderr.write(s)
    }
    rl.question(question, (answer) => {
      rl.close()
      process.stderr.write('\n')
      resolve(answer.trim())
    })
  })
}

async function main() {
  let pin
  if (process.argv.includes('--stdin') || !process.stdin.isTTY) {
    pin = await readStdin()
  } else {
    pin = await ask('Staff PIN (6-12 digits): ')
    if ((await ask('Again: ')) !== pin) throw new Error('the two entries differ')
  }
  if (!/^\d{6,12}$/.test(pin)) throw new Error('the PIN must be 6 to 12 digits')
  if (pin === DEMO_PIN) throw new Error('that is the published demo PIN; choose another')
  if (/^(\d)\1+$/.test(pin)) throw new Error('a PIN of one repeated digit is too easy to guess')
  const salt = randomBytes(16)
  const key = await new Promise((resolve, reject) =>
    scrypt(pin, salt, 32, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (err, k) =>
      err ? reject(err) : resolve(k),
    ),
  )
  const hash = `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`
  process.stdout.write(`KIOSK_SUPERVISOR_PIN_HASH=${hash}\n`)
}

main().catch((err) => {
  process.stderr.write(`hash-pin: ${err.message}\n`)
  process.exit(1)
})
