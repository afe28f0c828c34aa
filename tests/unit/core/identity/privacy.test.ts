/**
 * Promise 4 for identity: everything the renderer receives is masked, and after the session ends
 * nothing of the resident's full ID number, phone or name remains in the core's structures, its log
 * or its data folder.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createCore } from '../../../../electron/core/core'
import { DEMO_RESIDENT_CARDS } from '../../../../electron/core/devices/demo-cards'
import type { IdentityStatus, MethodInput, MethodName } from '../../../../shared/api'
import { testConfig } from '../core.fixture'
import { createFakeCentral, jpegStill } from './fake-central.fixture'
import { identityCore, manualClock, valueOf } from './identity.fixture'

const RESIDENTS = Object.values(DEMO_RESIDENT_CARDS)

/** Every full personal value of the demo residents (and the given-name part of each name). */
const SECRETS = RESIDENTS.flatMap((r) => [
  r.card.idNumber,
  r.card.idNumber.toLowerCase(),
  r.phone,
  r.card.name,
  r.card.name.slice(1),
  ...(r.card.address ? [r.card.address] : []),
])

function expectNoSecrets(text: string, where: string) {
  for (const secret of SECRETS)
    expect(text.includes(secret), `${where} holds ${secret}`).toBe(false)
}

/** Every file under `dir`, read as UTF-8 (and as latin1 for binary), for scanning. */
function filesUnder(dir: string): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...filesUnder(path))
    else out.push({ path, text: readFileSync(path).toString('utf8') })
  }
  return out
}

/** Walks plain data reachable from `value` (objects, arrays, maps, sets), collecting strings. */
function stringsIn(value: unknown, seen = new Set<unknown>()): string[] {
  if (typeof value === 'string') return [value]
  if (value === null || typeof value !== 'object' || seen.has(value)) return []
  seen.add(value)
  const children =
    value instanceof Map
      ? [...value.keys(), ...value.values()]
      : value instanceof Set
        ? [...value]
        : Object.values(value as object)
  return children.flatMap((child) => stringsIn(child, seen))
}

describe('identity privacy', () => {
  it('sends the renderer only masked data, through every way in, for every demo resident', async () => {
    const t = await identityCore()
    for (const [idNumber, entry] of Object.entries(DEMO_RESIDENT_CARDS)) {
      // Card + SMS.
      let sessionId = await t.start()
      await t.call('qa.insertCard', {
        resident: idNumber as MethodInput<'qa.insertCard'>['resident'],
      })
      valueOf(await t.call('identity.readCard', {}))
      valueOf(await t.call('identity.sendSms', {}))
      const code = t.central.lastCode(entry.phone)!
      await t.call('identity.verifySms', { code: code === '000000' ? '111111' : '000000' })
      valueOf(await t.call('identity.verifySms', { code }))
      valueOf(await t.call('identity.status', {}))
      await t.call('session.end', { sessionId, reason: 'finish' })
      // Card + face (one miss first).
      sessionId = await t.start()
      valueOf(await t.call('identity.readCard', {}))
      await t.call('identity.faceCheck', { image: jpegStill({ noMatch: true }) })
      valueOf(await t.call('identity.faceCheck', { image: jpegStill() }))
      await t.call('qa.removeCard', {})
      await t.call('session.end', { sessionId, reason: 'timeout' })
      // ID number + SMS.
      t.clock.advance(61_000)
      sessionId = await t.start()
      valueOf(await t.call('identity.sendSms', { idNumber: idNumber.toLowerCase() }))
      valueOf(await t.call('identity.verifySms', { code: t.central.lastCode(entry.phone)! }))
      await t.call('session.end', { sessionId, reason: 'finish' })
      t.clock.advance(61_000)
    }
    const everything = JSON.stringify(t.received)
    expect(everything).toContain('林**')
    expect(everything).toContain('350102********3417')
    expectNoSecrets(everything, 'what the renderer received')
    expectNoSecrets(JSON.stringify(t.log.lines), 'the log')
  })

  it('keeps nothing of the resident in the core after sign-out, nor on disk', async () => {
    const clock = manualClock()
    const central = createFakeCentral(clock.now)
    const config = testConfig({ qa: true, clock: clock.now })
    // The real file logger this time: its files are scanned below.
    const core = await createCore(config, { central, demoSmsInbox: central.inbox })
    const call = <M extends MethodName>(m: M, input: MethodInput<M>) => core.call(m, input)

    const { sessionId } = valueOf<{ sessionId: string }>(await call('session.start', {}))
    await call('qa.insertCard', { resident: '350102198506123417' })
    valueOf(await call('identity.readCard', {}))
    valueOf(await call('identity.sendSms', {}))
    const verified = valueOf<IdentityStatus>(
      await call('identity.verifySms', { code: central.lastCode('13800591234')! }),
    )
    expect(verified.stage).toBe('verified')
    // While signed in, the core does hold the resident (that is the point).
    expect(stringsIn(core.internals.identity.inspect())).toContain('350102198506123417')

    await call('qa.removeCard', {})
    await call('session.end', { sessionId, reason: 'finish' })

    expect(core.internals.identity.inspect()).toBeNull()
    expect(core.internals.identity.currentResident(sessionId)).toBeNull()
    expect(core.internals.identity.currentIdNumber(sessionId)).toBeNull()
    expect(core.internals.devices.get('cardReader')!.hasCard()).toBe(false)
    const structures = [
      core.internals.identity.inspect(),
      core.internals.sessions.current(),
      core.internals.status.snapshot(),
      core.internals.devices.list(),
    ]
    expectNoSecrets(JSON.stringify(structures), 'core structures')
    expectNoSecrets(stringsIn(structures).join('\n'), 'core structures (walked)')
    await core.stop()
    const files = filesUnder(config.dataDir)
    expect(files.length).toBeGreaterThan(0)
    for (const file of files) expectNoSecrets(file.text, file.path)
  })
})
