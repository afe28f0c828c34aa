/**
 * What the store found while opening (a recovery) is recorded at start through the audit trail
 * like every other entry, so it is queued for the centre once and the centre's copy has it.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../../electron/core/core'
import { testCore } from './core.fixture'

let core: Core | null = null
afterEach(async () => {
  await core?.stop()
  core = null
})

describe('entries of what the store found while opening', () => {
  it('reach the outbox for the centre, once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-open-audit-'))
    mkdirSync(join(dataDir, 'store'))
    writeFileSync(join(dataDir, 'store', 'kiosk.db'), 'this is not a database'.repeat(100))
    ;({ core } = await testCore({ dataDir }))
    await core.start()
    const data = core.internals.data()!
    const [recovered] = data.audit.list({ action: 'store.recovered' })
    expect(recovered).toBeDefined()
    const queued = data.store.all<{ payload: string }>(
      "SELECT payload FROM outbox WHERE kind = 'audit'",
    )
    expect(queued.map((row) => JSON.parse(row.payload) as { seq: number; action: string })).toEqual(
      [expect.objectContaining({ seq: recovered!.seq, action: 'store.recovered' })],
    )
  })
})
