/**
 * Opening hours in the core, not only on the tiles: outside hours the fund and tax entry methods
 * answer SERVICE_CLOSED with when they open and do nothing; lookups and verification stay open;
 * the staff override opens them again. Through the core against the real centre's hours.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { HOURS_GUARDED_METHODS } from '../../../../electron/core/api/hours-guard'
import { signIn, startTaxCore, valueOf, type TaxTestCore } from '../tax/tax.fixture'

const LIN = '350102198506123417'
/** Saturday 2026-11-21 20:00 in Beijing: fund (Sat 09:00–12:00) and tax (Mon–Fri) are closed. */
const SATURDAY_EVENING = '2026-11-21T12:00:00.000Z'

let t: TaxTestCore | null = null
afterEach(async () => {
  await t?.stop()
  t = null
})

async function closeByClock(core: TaxTestCore): Promise<void> {
  // The hours arrive with the centre's reference data; move the clock until they have.
  await vi.waitFor(
    async () => {
      valueOf(await core.call('qa.setClock', { at: SATURDAY_EVENING }))
      const tile = core.core.internals.status
        .snapshot()
        .services.find((s) => s.id === 'tax.records')
      expect(tile?.reason?.code).toBe('CLOSED')
    },
    { timeout: 10_000 },
  )
}

describe('service hours in the core', () => {
  it('refuses fund and tax entry methods while closed, saying when they open', async () => {
    t = await startTaxCore()
    await closeByClock(t)
    await signIn(t, LIN)
    expect(await t.call('tax.records', {})).toEqual({
      ok: false,
      error: { code: 'SERVICE_CLOSED', detail: 'opensAt=2026-11-23T09:00,weekday=1' },
    })
    for (const [method, input] of [
      ['fund.account', {}],
      ['fund.records', { from: '2025-01-01', to: '2025-12-31' }],
      ['fund.statement', { from: '2025-01-01', to: '2025-12-31' }],
      ['fund.depositCertificate', {}],
      ['fund.confirmSend', { purpose: 'unbind' }],
      ['tax.certificate', { fromPeriod: '2023-01', toPeriod: '2023-12' }],
    ] as const) {
      expect(await t.call(method, input as never), method).toMatchObject({
        ok: false,
        error: { code: 'SERVICE_CLOSED', detail: expect.stringMatching(/^opensAt=2026-11-23T/) },
      })
    }
    // Nothing was issued while closed.
    expect(Object.keys(t.central.snapshot().certificates)).toHaveLength(0)
    // Always open: the status lookup and verification.
    expect(
      await t.call('fund.applicationStatus', { number: 'Q202611200001', idLast4: '3417' }),
    ).toMatchObject({ ok: false, error: { code: 'APPLICATION_NOT_FOUND' } })
    expect(await t.call('certificate.verify', { code: 'ABCD' })).toMatchObject({ ok: true })
  })

  it('opens them again when staff override the hours', async () => {
    t = await startTaxCore()
    await closeByClock(t)
    const { token } = valueOf<{ token: string }>(
      await t.call('supervisor.enter', { pin: '246810' }),
    )
    valueOf(await t.call('supervisor.openHours', { token, open: true }))
    valueOf(await t.call('supervisor.leave', { token }))
    await signIn(t, LIN)
    expect(await t.call('tax.records', {})).toMatchObject({ ok: true })
    expect(await t.call('fund.account', {})).toMatchObject({ ok: true })
  })

  it('guards only services that keep hours', () => {
    const services = new Set(Object.values(HOURS_GUARDED_METHODS).map((of) => of({})))
    for (const open of ['fund.status', 'wallet.guide', 'help.faq', 'help.feedback'])
      expect(services.has(open as never)).toBe(false)
  })
})
