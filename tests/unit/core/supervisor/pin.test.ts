/** The staff PIN hash: scrypt with a random salt, the install tool's output, bad hashes refused. */
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { configFromEnv } from '../../../../electron/core/config'
import { hashPin, parsePinHash, verifyPin } from '../../../../electron/core/supervisor/pin'

// N = 2^17 costs about a second a hash on a kiosk PC, several on a busy CI machine.
describe('staff PIN hash', { timeout: 90_000 }, () => {
  it('verifies the PIN it was made from and nothing else; salts differ', async () => {
    const a = await hashPin('753159')
    const b = await hashPin('753159')
    expect(a).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/)
    expect(a).not.toBe(b)
    const parsed = parsePinHash(a)!
    expect(await verifyPin('753159', parsed)).toBe(true)
    expect(await verifyPin('753158', parsed)).toBe(false)
    expect(await verifyPin('', parsed)).toBe(false)
  })

  it('still verifies a hash made with the former cost (N = 2^15): the format carries N', async () => {
    // Made with the same code path and N = 2^15, as hash-pin.mjs printed before N became 2^17.
    const old = await hashPin('753159', { N: 2 ** 15 })
    expect(old).toMatch(/^scrypt\$32768\$8\$1\$/)
    const parsed = parsePinHash(old)!
    expect(parsed.N).toBe(2 ** 15)
    expect(await verifyPin('753159', parsed)).toBe(true)
    expect(await verifyPin('753150', parsed)).toBe(false)
  })

  it('refuses malformed and too-weak hashes', async () => {
    const good = await hashPin('753159')
    expect(parsePinHash(good.replace('$131072$', '$1024$'))).toBeNull()
    expect(parsePinHash(good.replace('$131072$', '$30000$'))).toBeNull()
    expect(parsePinHash('753159')).toBeNull()
    expect(parsePinHash('bcrypt$2b$10$abc')).toBeNull()
  })

  it('the install tool prints a hash the core accepts, and refuses the demo PIN', () => {
    const run = (pin: string) =>
      spawnSync(process.execPath, ['build/scripts/hash-pin.mjs', '--stdin'], {
        input: pin,
        encoding: 'utf8',
      })
    const made = run('753159')
    expect(made.status).toBe(0)
    expect(made.stdout).not.toContain('753159')
    const line = made.stdout.trim()
    expect(line).toMatch(/^KIOSK_SUPERVISOR_PIN_HASH=scrypt\$131072\$8\$1\$/)
    const hash = line.slice('KIOSK_SUPERVISOR_PIN_HASH='.length)
    const config = configFromEnv({ KIOSK_SUPERVISOR_PIN_HASH: hash }, { host: 'web', version: '0' })
    expect(config.supervisorPinHash).toBe(hash)
    return verifyPin('753159', parsePinHash(hash)!).then((right) => {
      expect(right).toBe(true)
      expect(run('246810').status).toBe(1)
      expect(run('12ab').status).toBe(1)
    })
  })

  it('configuration refuses a hash in the wrong shape without echoing it', () => {
    expect(() =>
      configFromEnv({ KIOSK_SUPERVISOR_PIN_HASH: 'plain-753159' }, { host: 'web', version: '0' }),
    ).toThrow(/KIOSK_SUPERVISOR_PIN_HASH/)
    try {
      configFromEnv({ KIOSK_SUPERVISOR_PIN_HASH: 'plain-753159' }, { host: 'web', version: '0' })
    } catch (err) {
      expect(String(err)).not.toContain('753159')
    }
  })
})
