/**
 * The centre's watch on a terminal's audit chain (docs/audit.md): heartbeats
 * carry the head and the links since the acknowledged head, through the real server with signed
 * requests; a skipped sequence number is a gap, a shorter or different chain a rewind, each kept,
 * logged and answered once, and the chain goes on from what the terminal reported.
 */
import { createHash } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { checkAuditChain, type AuditChainFlag } from '../../../electron/central/audit-chain'
import type { AuditChainReport, AuditLink } from '../../../shared/central'
import {
  OTHER_TERMINAL_ID,
  OTHER_TERMINAL_KEY,
  startHarness,
  type Harness,
} from './central.fixture'

const GENESIS = '0'.repeat(64)
const sha = (text: string) => createHash('sha256').update(text).digest('hex')

/** A chain of `count` links from the genesis; `fork` changes the content from that seq on. */
function chain(count: number, fork = 0): AuditLink[] {
  const links: AuditLink[] = []
  let prev = GENESIS
  for (let seq = 1; seq <= count; seq++) {
    const hash = sha(`${prev}:${seq}:${seq >= fork && fork > 0 ? 'forked' : 'entry'}`)
    links.push({ seq, prevHash: prev, hash })
    prev = hash
  }
  return links
}

/** The report a terminal sends: its head and the links after `after`. */
function report(links: AuditLink[], after: number): AuditChainReport {
  const last = links.at(-1)
  return {
    head: last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS },
    links: links.filter((l) => l.seq > after),
  }
}

let h: Harness
let flags: { terminalId: string; flag: AuditChainFlag }[]

beforeEach(async () => {
  flags = []
  h = await startHarness({
    onAuditChainFlag: (terminalId, flag) => flags.push({ terminalId, flag }),
  })
})
afterEach(async () => {
  await h.close()
})

async function heartbeat(audit: AuditChainReport | undefined, terminal?: 'other') {
  h.clock.advance(1000)
  const res = await h.call(
    'terminalHeartbeat',
    {
      appVersion: '0.1.0',
      startedAt: '2026-11-20T01:00:00.000Z',
      uptimeSeconds: 60,
      mode: 'demo',
      outboxPending: 0,
      devices: [],
      ...(audit ? { audit } : {}),
    },
    terminal ? { terminalId: OTHER_TERMINAL_ID, key: OTHER_TERMINAL_KEY } : {},
  )
  if (!res.ok) throw new Error(`heartbeat failed: ${res.status}`)
  return res.value
}

describe('the centre checks each terminal’s audit chain', () => {
  it('acknowledges a chain that continues, across heartbeats and a restart of the centre', async () => {
    const links = chain(8)
    expect((await heartbeat(report(links.slice(0, 5), 0))).audit).toEqual({
      status: 'ok',
      acknowledged: { seq: 5, hash: links[4]!.hash },
    })
    await h.restart()
    // The terminal resends one it already sent (its acknowledgement was lost): still continuous.
    expect((await heartbeat(report(links, 4))).audit).toEqual({
      status: 'ok',
      acknowledged: { seq: 8, hash: links[7]!.hash },
    })
    expect((await heartbeat(report(links, 8))).audit?.status).toBe('ok')
    expect(flags).toEqual([])
    expect(h.server.snapshot().auditChains?.['T-TEST-01']).toMatchObject({ seq: 8, flags: [] })
    // No chain in the heartbeat (an older terminal): no verdict, nothing kept for it.
    expect((await heartbeat(undefined, 'other')).audit).toBeUndefined()
    expect(h.server.snapshot().auditChains?.[OTHER_TERMINAL_ID]).toBeUndefined()
  })

  it('flags a gap when the terminal skips sequence numbers, once, and goes on from there', async () => {
    const links = chain(10)
    await heartbeat(report(links.slice(0, 4), 0))
    // Entries 5 and 6 never reach the centre: the next links start at 7.
    const skipped = { head: report(links, 0).head, links: links.slice(6) }
    expect((await heartbeat(skipped)).audit).toEqual({
      status: 'gap',
      acknowledged: { seq: 10, hash: links[9]!.hash },
    })
    expect(flags).toEqual([
      {
        terminalId: 'T-TEST-01',
        flag: expect.objectContaining({ kind: 'gap', reason: 'SEQ_SKIPPED', heldSeq: 4, atSeq: 5 }),
      },
    ])
    expect(h.server.snapshot().auditChains?.['T-TEST-01']?.flags).toHaveLength(1)
    expect((await heartbeat(report(links, 10))).audit?.status).toBe('ok')
    expect(flags).toHaveLength(1)
  })

  it('flags a rewind when the newest acknowledged entries are gone, or history was rewritten', async () => {
    const links = chain(9)
    await heartbeat(report(links, 0))
    // The last three entries were deleted: the head is behind the acknowledged one.
    expect((await heartbeat(report(links.slice(0, 6), 9))).audit).toEqual({
      status: 'rewind',
      acknowledged: { seq: 6, hash: links[5]!.hash },
    })
    expect(flags.at(-1)?.flag).toMatchObject({ kind: 'rewind', reason: 'HEAD_BEHIND', atSeq: 6 })
    // From seq 6 on the chain was rewritten (same length, other content).
    const forked = chain(9, 6)
    expect((await heartbeat(report(forked, 6))).audit?.status).toBe('rewind')
    expect(flags.at(-1)?.flag).toMatchObject({ kind: 'rewind', reason: 'PREV_DIFFERS' })
    expect(h.server.snapshot().auditChains?.['T-TEST-01']).toMatchObject({
      seq: 9,
      hash: forked[8]!.hash,
    })
    expect(h.server.snapshot().auditChains?.['T-TEST-01']?.flags.map((f) => f.kind)).toEqual([
      'rewind',
      'rewind',
    ])
  })

  it('refuses a malformed chain report at the boundary', async () => {
    const bad = await h.raw(
      'POST',
      '/v1/terminal/heartbeat',
      JSON.stringify({
        appVersion: '0.1.0',
        startedAt: '2026-11-20T01:00:00.000Z',
        uptimeSeconds: 1,
        mode: 'demo',
        outboxPending: 0,
        devices: [],
        audit: { head: { seq: -1, hash: 'x' }, links: [] },
      }),
      { headers: { 'content-type': 'application/json' } },
    )
    expect(bad.status).toBe(400)
    expect(h.server.snapshot().auditChains?.['T-TEST-01']).toBeUndefined()
  })
})

describe('checkAuditChain', () => {
  const links = chain(6)
  const held = { seq: 3, hash: links[2]!.hash }

  it('names each way a report can break', () => {
    const cases: [AuditChainReport, string | null][] = [
      [report(links, 3), null],
      [{ head: report(links, 0).head, links: [] }, 'gap:HEAD_WITHOUT_LINKS'],
      [{ head: report(links, 0).head, links: [links[3]!, links[5]!] }, 'gap:SEQ_SKIPPED'],
      [
        { head: report(links, 0).head, links: [links[3]!, { ...links[4]!, prevHash: GENESIS }] },
        'gap:LINK_BROKEN',
      ],
      [{ head: { seq: 3, hash: links[0]!.hash }, links: [] }, 'rewind:HEAD_DIFFERS'],
      [{ head: { seq: 2, hash: links[1]!.hash }, links: [] }, 'rewind:HEAD_BEHIND'],
      [report(chain(6, 2), 2), 'rewind:HEAD_DIFFERS'],
    ]
    for (const [r, expected] of cases) {
      const { finding } = checkAuditChain(held, r)
      expect(finding ? `${finding.kind}:${finding.reason}` : null, JSON.stringify(r)).toBe(expected)
    }
  })

  it('takes the first report as it is, apart from its own links', () => {
    expect(checkAuditChain(undefined, report(links, 0))).toEqual({
      finding: null,
      next: { seq: 6, hash: links[5]!.hash },
    })
    expect(checkAuditChain(undefined, { head: { seq: 0, hash: GENESIS }, links: [] }).finding).toBe(
      null,
    )
    const broken = [{ ...links[0]!, prevHash: links[1]!.hash }]
    expect(checkAuditChain(undefined, report(broken, 0)).finding?.reason).toBe('LINK_BROKEN')
  })
})
