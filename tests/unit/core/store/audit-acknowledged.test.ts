/**
 * The acknowledged chain head and the start-up check against it, on a real store file: a chain
 * that no longer reaches the head the centre acknowledged was cut (or rewritten) while closed.
 */
import { describe, expect, it } from 'vitest'
import {
  acknowledgeStatement,
  AUDIT_ACKNOWLEDGED_SETTING,
  chainHead,
  chainLinks,
  checkChainCut,
  createAuditLog,
  GENESIS_HASH,
  readAcknowledged,
} from '../../../../electron/core/store'
import { manualClock, open, tempDataDir } from './store.fixture'

async function withEntries(count: number) {
  const clock = manualClock()
  const store = await open(tempDataDir(), { clock })
  const audit = createAuditLog(store, { terminalId: 'T-01', clock })
  for (let i = 1; i <= count; i++) {
    await audit.append({ action: 'step', subject: null, outcome: 'ok', detail: { i } })
    clock.advance(60_000)
  }
  return { store, audit, clock }
}

describe('the acknowledged audit head', () => {
  it('links after a sequence number, oldest first, bounded', async () => {
    const { store, audit } = await withEntries(5)
    const all = audit.list().reverse()
    expect(chainLinks(store, 2, 2)).toEqual([
      { seq: 3, prevHash: all[1]!.hash, hash: all[2]!.hash },
      { seq: 4, prevHash: all[2]!.hash, hash: all[3]!.hash },
    ])
    expect(chainHead(store)).toEqual({ seq: 5, hash: all[4]!.hash })
  })

  it('is nothing to check before the centre acknowledged anything', async () => {
    const { store } = await withEntries(2)
    expect(readAcknowledged(store)).toBeUndefined()
    expect(checkChainCut(store)).toEqual({ cut: false })
  })

  it('finds a chain shorter than, or different at, the acknowledged head', async () => {
    const { store } = await withEntries(5)
    await store.write([acknowledgeStatement(chainHead(store))])
    expect(checkChainCut(store)).toEqual({ cut: false })
    const at5 = chainHead(store).hash
    await store.write([{ sql: 'DELETE FROM audit_log WHERE seq > 3' }])
    expect(checkChainCut(store)).toEqual({
      cut: true,
      reason: 'SHORTER',
      acknowledgedSeq: 5,
      localSeq: 3,
    })
    await store.write([acknowledgeStatement({ seq: 3, hash: at5 })])
    expect(checkChainCut(store)).toMatchObject({ cut: true, reason: 'REWRITTEN' })
    // Everything deleted: the chain falls back to the genesis, still shorter.
    await store.write([{ sql: 'DELETE FROM audit_log' }])
    expect(chainHead(store)).toEqual({ seq: 0, hash: GENESIS_HASH })
    expect(checkChainCut(store)).toMatchObject({ cut: true, reason: 'SHORTER', localSeq: 0 })
  })

  it('counts an edited acknowledgement as a cut, and a pruned one as fine', async () => {
    const { store, audit, clock } = await withEntries(6)
    await store.write([
      {
        sql: 'INSERT INTO settings (key, value) VALUES (?, ?)',
        params: [AUDIT_ACKNOWLEDGED_SETTING, '{"seq":"x"}'],
      },
    ])
    expect(checkChainCut(store)).toMatchObject({ cut: true, reason: 'SHORTER' })
    await store.write([acknowledgeStatement({ seq: 2, hash: audit.list().at(-2)!.hash })])
    expect(checkChainCut(store)).toEqual({ cut: false })
    // Retention pruned past the acknowledged entry (a long time offline): the anchor stands in.
    expect(await audit.prune(clock.now())).toBe(5)
    expect(checkChainCut(store)).toEqual({ cut: false })
  })
})
