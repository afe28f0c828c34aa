/**
 * Offline submission (durable before acknowledged, exactly once, nothing personal at rest): the centre
 * stops after the SMS confirmation; the bind is durable in the outbox and answered "waiting" with
 * the terminal's number; the status lookup works by that number and the ID's last 4; once the
 * centre is back the application is applied exactly once and the lookup shows the centre's answer.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { buildDemoSeed } from '../../../../electron/central/seed'
import { applicationsOf, fundHarness, RESIDENTS, type FundHarness } from './fund.fixture'

const seed = buildDemoSeed()
const lin = seed.residents.find((r) => r.idNumber === RESIDENTS.lin)!

let h: FundHarness | null = null
afterEach(async () => {
  await h?.close()
  h = null
})

describe('offline bind submission', () => {
  it('is durable while the centre is down and applied exactly once after it is back', async () => {
    h = await fundHarness()
    await h.signIn('lin')
    await h.confirm('bind')
    await h.stopCentral()

    const started = Date.now()
    const result = await h.value('fund.bind', {
      operatorCode: 'ICBC',
      walletId: '0021000086432151',
      agreementAccepted: true,
    })
    expect(Date.now() - started).toBeLessThan(6_000)
    const localNo = result.application.localNo!
    expect(result.application).toMatchObject({
      status: 'waiting',
      applicationNo: null,
      binding: { state: 'pending', walletIdMasked: '************2151' },
    })
    const preview = await h.value('print.preview', { printableId: result.printableId })
    expect(preview.reference).toBe(localNo)

    // Durable in the outbox, with a pseudonym and masked values only.
    const data = h.core.internals.data()!
    const item = data.outbox.get(`fund-${localNo}`)!
    expect(item.state === 'queued' || item.state === 'sent').toBe(true)
    const stored = JSON.stringify(item.payload)
    for (const pii of [lin.idNumber, lin.name, lin.phone]) expect(stored).not.toContain(pii)
    expect(item.payload).toMatchObject({ residentRef: lin.residentRef })

    // A second bind while the first waits in the outbox is refused as in flight. The centre is up
    // only for the SMS; the first item must not be pushed meanwhile.
    await h.restartCentral({ holdPushes: true })
    await h.confirm('bind')
    await h.stopCentral()
    expect(
      await h.call('fund.bind', {
        operatorCode: 'BOC',
        walletId: '0104000086432185',
        agreementAccepted: true,
      }),
    ).toMatchObject({ ok: false, error: { code: 'FUND_REFUSED', detail: 'APPLICATION_IN_FLIGHT' } })

    // The lookup needs no sign-in, only the number and the right last 4.
    await h.signOut()
    await h.value('session.start', {})
    expect(
      await h.value('fund.applicationStatus', { number: localNo, idLast4: '3417' }),
    ).toMatchObject({ status: 'waiting', localNo, applicationNo: null, kind: 'bind' })
    expect(
      await h.call('fund.applicationStatus', { number: localNo, idLast4: '3418' }),
    ).toMatchObject({ ok: false, error: { code: 'APPLICATION_NOT_FOUND' } })

    await h.restartCentral()
    await h.core.internals.sync()!.syncNow()
    await expect.poll(() => data.outbox.get(`fund-${localNo}`)!.state).toBe('accepted')
    // Pushing again changes nothing at the centre (idempotency key).
    await h.core.internals.sync()!.syncNow()
    expect(applicationsOf(h.central(), 'bind', lin.residentRef)).toHaveLength(1)

    const status = await h.value('fund.applicationStatus', { number: localNo, idLast4: '3417' })
    expect(status).toMatchObject({
      localNo,
      kind: 'bind',
      status: 'accepted',
      binding: { state: 'bound', operatorCode: 'ICBC', walletIdMasked: '************2151' },
    })
    expect(status.applicationNo).toMatch(/^BD/)
    // The centre's number works as well, and finds the terminal's number.
    expect(
      await h.value('fund.applicationStatus', { number: status.applicationNo!, idLast4: '3417' }),
    ).toMatchObject({ localNo, status: 'accepted' })

    // Nothing personal in the store's files (promise 4).
    await h.signOut()
    const dir = join(h.core.config.dataDir, 'store')
    for (const file of readdirSync(dir)) {
      const bytes = readFileSync(join(dir, file))
      for (const pii of [lin.idNumber, lin.phone, lin.name]) {
        expect(bytes.includes(Buffer.from(pii)), `${file} holds ${pii.slice(0, 2)}…`).toBe(false)
      }
    }
  })
})
