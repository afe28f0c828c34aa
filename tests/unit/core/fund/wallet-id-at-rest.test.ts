/**
 * The full wallet id stays on the terminal only while the centre has not answered (a retry resends
 * it, matched by its fingerprint); once answered, the database, its journal, the logs and every
 * other file of the data folder hold the masked form only.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { fingerprintPayload } from '../../../../shared/central/canonical-json'
import { fundHarness, type FundHarness } from './fund.fixture'

const WALLET = '0021000086432151'

/** Files under `dir` whose bytes contain `text`. */
function filesHolding(dir: string, text: string): string[] {
  const needle = Buffer.from(text)
  const found: string[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) found.push(...filesHolding(path, text))
    else if (readFileSync(path).includes(needle)) found.push(path)
  }
  return found
}

let h: FundHarness | null = null
afterEach(async () => {
  await h?.close()
  h = null
})

describe('the wallet id at rest', () => {
  it('is masked everywhere in the data folder once the centre answered a bind', async () => {
    h = await fundHarness()
    const dataDir = h.core.config.dataDir
    await h.signIn('lin')
    await h.confirm('bind')
    const result = await h.value('fund.bind', {
      operatorCode: 'ICBC',
      walletId: WALLET,
      agreementAccepted: true,
    })
    expect(result.application.status).toBe('accepted')

    const item = h.core.internals.data()!.outbox.get(`fund-${result.application.localNo}`)!
    expect(item.payload).toMatchObject({ walletId: '************2151' })
    // The fingerprint is still the full payload's: a repeat of the key is still recognised.
    expect(item.fingerprint).toBe(
      await fingerprintPayload({ ...(item.payload as object), walletId: WALLET }),
    )
    await vi.waitFor(() => expect(filesHolding(dataDir, WALLET)).toEqual([]), { timeout: 5_000 })

    // What the terminal shows afterwards still works from the masked form.
    const status = await h.value('fund.applicationStatus', {
      number: result.application.localNo!,
      idLast4: '3417',
    })
    expect(status.binding).toMatchObject({ walletIdMasked: '************2151' })
    await h.close()
    h = null
    expect(filesHolding(dataDir, WALLET)).toEqual([])
  })

  it('is kept in full while the centre is away, and masked after its answer', async () => {
    h = await fundHarness()
    const dataDir = h.core.config.dataDir
    await h.signIn('lin')
    await h.confirm('bind')
    await h.stopCentral()
    const result = await h.value('fund.bind', {
      operatorCode: 'ICBC',
      walletId: WALLET,
      agreementAccepted: true,
    })
    expect(result.application.status).toBe('waiting')
    const outbox = h.core.internals.data()!.outbox
    const key = `fund-${result.application.localNo}`
    // The retry needs it: the centre checks the payload against the fingerprint.
    expect(outbox.get(key)!.payload).toMatchObject({ walletId: WALLET })

    await h.restartCentral()
    await h.core.internals.sync()!.syncNow()
    await vi.waitFor(() => expect(outbox.get(key)!.state).toBe('accepted'))
    expect(outbox.get(key)!.payload).toMatchObject({ walletId: '************2151' })
    await vi.waitFor(() => expect(filesHolding(dataDir, WALLET)).toEqual([]), { timeout: 5_000 })
  })
})
