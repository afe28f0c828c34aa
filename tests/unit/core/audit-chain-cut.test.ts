/**
 * "The audit log cannot be cut quietly" (docs/audit.md), end to end with a real
 * store file and the real bundled centre on loopback: entries are acknowledged through the
 * heartbeat, the kiosk stops, someone deletes the newest audit rows from the database file, and
 * at the next start the terminal says so on the staff dashboard while the centre flags a rewind.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import initSqlJs from 'sql.js'
import { afterEach, describe, expect, it } from 'vitest'
import { createCentralServer, type CentralServer } from '../../../electron/central/server'
import type { AuditChainFlag } from '../../../electron/central/audit-chain'
import type { Core } from '../../../electron/core/core'
import { chainHead, defaultWasmPath, readAcknowledged } from '../../../electron/core/store'
import { maskIdNumber } from '../../../shared/domain/masking'
import { testCore } from './core.fixture'

const TERMINAL = 'T-TEST-01'
const KEY = 'test-terminal-key-0123456789'

let central: CentralServer | null = null
const cores: Core[] = []

afterEach(async () => {
  for (const core of cores.splice(0)) await core.stop()
  await central?.stop()
  central = null
})

async function startCentral(flags: AuditChainFlag[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-central-'))
  central = createCentralServer({
    stateFile: join(dir, 'state.json'),
    terminalKeys: { [TERMINAL]: KEY },
    demo: true,
    port: 0,
    onAuditChainFlag: (_terminal, flag) => flags.push(flag),
  })
  return (await central.start()).url
}

async function startCore(centralUrl: string, dataDir: string): Promise<Core> {
  const { core } = await testCore({ centralUrl, dataDir, terminalKey: KEY })
  cores.push(core)
  await core.start()
  return core
}

async function stopCore(core: Core): Promise<void> {
  cores.splice(cores.indexOf(core), 1)
  await core.stop()
}

/**
 * Deletes the newest `count` audit rows from the database file, as someone with disk access
 * would. The store folds its journal into `kiosk.db` when it closes, so the file is the whole
 * state the next start reads (the journal holds no record past it).
 */
async function deleteNewestAuditRows(dataDir: string, count: number): Promise<number> {
  const path = join(dataDir, 'store', 'kiosk.db')
  const SQL = await initSqlJs({ wasmBinary: readFileSync(defaultWasmPath()) })
  const db = new SQL.Database(readFileSync(path))
  const applied = Number(
    db.exec("SELECT value FROM store_meta WHERE key = 'applied_seq'")[0]!.values[0]![0],
  )
  expect(applied).toBeGreaterThan(0)
  db.run('DELETE FROM audit_log WHERE seq > (SELECT MAX(seq) FROM audit_log) - ?', [count])
  const left = Number(db.exec('SELECT MAX(seq) FROM audit_log')[0]!.values[0]![0])
  writeFileSync(path, db.export())
  db.close()
  return left
}

async function dashboardIssues(core: Core): Promise<string[]> {
  const entered = await core.call('supervisor.enter', { pin: '246810' })
  if (!entered.ok) throw new Error(`supervisor.enter: ${entered.error.code}`)
  const { token } = entered.value as { token: string }
  const dashboard = await core.call('supervisor.dashboard', { token })
  if (!dashboard.ok) throw new Error(`supervisor.dashboard: ${dashboard.error.code}`)
  await core.call('supervisor.leave', { token })
  return (dashboard.value as { issues: { code: string }[] }).issues.map((i) => i.code)
}

describe('a cut audit log', () => {
  it('is found at start, shown to staff, and flagged by the centre as a rewind', async () => {
    const flags: AuditChainFlag[] = []
    const url = await startCentral(flags)
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-cut-'))

    const first = await startCore(url, dataDir)
    for (let i = 1; i <= 6; i++) {
      await first.internals.audit.record({
        action: 'test.step',
        subject: maskIdNumber('350102198506123417'),
        outcome: 'ok',
        detail: { i },
      })
    }
    const store = first.internals.data()!.store
    await first.internals.sync()!.syncNow()
    const head = chainHead(store)
    expect(head.seq).toBeGreaterThanOrEqual(6)
    expect(readAcknowledged(store)).toEqual(head)
    expect(central!.snapshot().auditChains?.[TERMINAL]).toMatchObject({ seq: head.seq, flags: [] })
    expect(first.internals.status.snapshot().issues.map((i) => i.code)).not.toContain(
      'AUDIT_CHAIN_CUT',
    )
    await stopCore(first)
    expect(statSync(join(dataDir, 'store', 'kiosk.db')).size).toBeGreaterThan(0)

    const left = await deleteNewestAuditRows(dataDir, 3)
    expect(left).toBe(head.seq - 3)

    const second = await startCore(url, dataDir)
    const issue = second.internals.status
      .snapshot()
      .issues.find((i) => i.code === 'AUDIT_CHAIN_CUT')
    expect(issue).toMatchObject({ code: 'AUDIT_CHAIN_CUT', detail: 'SHORTER' })
    expect(await dashboardIssues(second)).toContain('AUDIT_CHAIN_CUT')
    const data = second.internals.data()!
    await expect
      .poll(() => data.audit.list({ action: 'audit.chainCut' }).map((e) => e.detail))
      .toEqual([{ reason: 'SHORTER', acknowledgedSeq: head.seq, localSeq: head.seq - 3 }])
    // The chain that is left still verifies: only the centre's acknowledgement shows the cut.
    expect(data.audit.verify().ok).toBe(true)

    // The centre sees the head behind what it acknowledged, and the terminal hears it.
    await second.internals.sync()!.syncNow()
    expect(flags).toEqual([
      expect.objectContaining({ kind: 'rewind', reason: 'HEAD_BEHIND', heldSeq: head.seq }),
    ])
    expect(second.internals.status.snapshot().issues.map((i) => i.code)).toContain(
      'AUDIT_CHAIN_REWIND',
    )
    await stopCore(second)

    // Told once: the centre acknowledged the chain as it now is, so the next start is quiet.
    const third = await startCore(url, dataDir)
    expect(third.internals.status.snapshot().issues.map((i) => i.code)).not.toContain(
      'AUDIT_CHAIN_CUT',
    )
  })

  it('is found when the acknowledged entry itself was rewritten', async () => {
    const url = await startCentral([])
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-cut-'))
    const first = await startCore(url, dataDir)
    await first.internals.audit.record({ action: 'test.step', subject: null, outcome: 'ok' })
    await first.internals.sync()!.syncNow()
    const acknowledged = readAcknowledged(first.internals.data()!.store)!
    await stopCore(first)

    const path = join(dataDir, 'store', 'kiosk.db')
    const SQL = await initSqlJs({ wasmBinary: readFileSync(defaultWasmPath()) })
    const db = new SQL.Database(readFileSync(path))
    db.run('UPDATE audit_log SET hash = ? WHERE seq = ?', ['f'.repeat(64), acknowledged.seq])
    writeFileSync(path, db.export())
    db.close()

    const second = await startCore(url, dataDir)
    expect(
      second.internals.status.snapshot().issues.find((i) => i.code === 'AUDIT_CHAIN_CUT'),
    ).toMatchObject({ detail: 'REWRITTEN' })
  })
})
