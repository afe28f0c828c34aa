/**
 * The terminal's side of the audit chain on the heartbeat: what it reports (the links after the
 * acknowledged head) and what it does with the centre's verdict (an issue for a finding; the
 * acknowledged head kept only if this chain really has that entry).
 */
import { describe, expect, it } from 'vitest'
import {
  acknowledgeStatement,
  chainHead,
  createAuditLog,
  readAcknowledged,
} from '../../../../electron/core/store'
import { applyAuditVerdict, auditChainReport } from '../../../../electron/core/sync/audit-report'
import { memoryLog, openTerminalStore, recordingStatus } from './sync.fixture'

async function chainOf(count: number) {
  const { store } = await openTerminalStore()
  const audit = createAuditLog(store, { terminalId: 'T', clock: { now: () => Date.now() } })
  for (let i = 0; i < count; i++) await audit.append({ action: 'a', subject: null, outcome: 'ok' })
  return {
    store,
    hashes: audit
      .list()
      .reverse()
      .map((e) => e.hash),
  }
}

describe('audit chain on the heartbeat', () => {
  it('reports the links after the acknowledged head, or all of them if that head is not here', async () => {
    const { store, hashes } = await chainOf(5)
    expect(auditChainReport(store).links.map((l) => l.seq)).toEqual([1, 2, 3, 4, 5])
    await store.write([acknowledgeStatement({ seq: 3, hash: hashes[2]! })])
    expect(auditChainReport(store)).toEqual({
      head: { seq: 5, hash: hashes[4] },
      links: [
        { seq: 4, prevHash: hashes[2], hash: hashes[3] },
        { seq: 5, prevHash: hashes[3], hash: hashes[4] },
      ],
    })
    // Cut below the acknowledged head: nothing after it, and the head tells the centre.
    await store.write([acknowledgeStatement({ seq: 9, hash: hashes[4]! })])
    expect(auditChainReport(store).links.map((l) => l.seq)).toEqual([1, 2, 3, 4, 5])
  })

  it('raises the finding as an issue and keeps only an acknowledgement of its own entries', async () => {
    const { store, hashes } = await chainOf(4)
    const { status } = recordingStatus()
    const log = memoryLog()
    const deps = { store, status, log, clock: () => new Date() }
    await applyAuditVerdict({ status: 'gap', acknowledged: { seq: 4, hash: hashes[3]! } }, deps)
    expect(status.snapshot().issues.map((i) => i.code)).toEqual(['AUDIT_CHAIN_GAP'])
    expect(readAcknowledged(store)).toEqual(chainHead(store))
    await applyAuditVerdict(
      { status: 'rewind', acknowledged: { seq: 3, hash: 'e'.repeat(64) } },
      deps,
    )
    expect(status.snapshot().issues.map((i) => i.code)).toEqual([
      'AUDIT_CHAIN_GAP',
      'AUDIT_CHAIN_REWIND',
    ])
    expect(readAcknowledged(store)).toEqual({ seq: 4, hash: hashes[3] })
    await applyAuditVerdict({ status: 'ok', acknowledged: { seq: 2, hash: hashes[1]! } }, deps)
    expect(readAcknowledged(store)).toEqual({ seq: 2, hash: hashes[1] })
  })
})
