/**
 * The core with its durable data and sync wired: a real sql.js store on disk and the real bundled
 * central service on loopback. Session starts and ends are audited (hash-chained) and the audit
 * entries reach the central service through the outbox; reference data arrives by sync.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCentralServer, type CentralServer } from '../../../electron/central/server'
import type { Core } from '../../../electron/core/core'
import { testCore } from './core.fixture'

let central: CentralServer | null = null
let core: Core | null = null

afterEach(async () => {
  await core?.stop()
  await central?.stop()
  core = null
  central = null
})

async function startCentral(terminalId: string, key: string) {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-central-'))
  central = createCentralServer({
    stateFile: join(dir, 'state.json'),
    terminalKeys: { [terminalId]: key },
    demo: true,
    port: 0,
  })
  return (await central.start()).url
}

describe('core with store and sync', () => {
  it('goes online, pulls reference data and pushes audited session events', async () => {
    const url = await startCentral('T-TEST-01', 'test-terminal-key-0123456789')
    ;({ core } = await testCore({ centralUrl: url }))
    await core.start()
    await expect.poll(() => core!.internals.status.snapshot().connection).toBe('online')
    const data = core.internals.data()!
    await expect
      .poll(() => data.store.all("SELECT key FROM reference_items WHERE kind = 'walletOperator'"))
      .toHaveLength(9)

    const started = await core.call('session.start', {})
    if (!started.ok) throw new Error('no session')
    const { sessionId } = started.value as { sessionId: string }
    await core.call('session.end', { sessionId, reason: 'finish' })

    await expect
      .poll(() =>
        data.audit
          .list()
          .map((e) => e.action)
          .sort(),
      )
      .toEqual(['session.end', 'session.start'])
    expect(data.audit.verify()).toEqual({ ok: true, count: 2 })
    await expect
      .poll(
        () =>
          Object.values(central!.snapshot().applications).filter((a) => a.kind === 'audit').length,
        { timeout: 10_000 },
      )
      .toBe(2)
    // The centre stores before it answers; the terminal marks the items answered after.
    await expect.poll(() => data.outbox.depth()).toBe(0)
  })

  it('starts offline without a central address and says so', async () => {
    ;({ core } = await testCore({ centralUrl: null }))
    await core.start()
    expect(core.internals.status.snapshot().connection).toBe('offline')
    expect(core.internals.data()).not.toBeNull()
  })

  it('keeps a corrupt database aside, starts fresh and reports it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-corrupt-'))
    const { mkdirSync } = await import('node:fs')
    mkdirSync(join(dataDir, 'store'))
    writeFileSync(join(dataDir, 'store', 'kiosk.db'), 'this is not a database'.repeat(100))
    ;({ core } = await testCore({ dataDir }))
    await core.start()
    const issues = core.internals.status.snapshot().issues.map((i) => i.code)
    expect(issues).toContain('STORE_RECOVERED')
    const { readdirSync } = await import('node:fs')
    expect(readdirSync(join(dataDir, 'store')).some((f) => f.includes('corrupt'))).toBe(true)
    // The fresh store works.
    expect(core.internals.data()!.store.get('SELECT 1 AS one')).toEqual({ one: 1 })
  })
})
