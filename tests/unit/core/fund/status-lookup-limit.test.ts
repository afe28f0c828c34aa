/**
 * Through the core against the real bundled centre: past the centre's allowance of status lookups
 * per terminal, the resident gets its own error (LOOKUP_RATE_LIMITED: "too many lookups, try again in
 * a minute" in both languages, checked by the i18n parity test), not a generic refusal.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { STATUS_LOOKUPS_PER_WINDOW } from '../../../../electron/central/status-lookup'
import { fundHarness, type FundHarness } from './fund.fixture'

let h: FundHarness | null = null
afterEach(async () => {
  await h?.close()
  h = null
})

describe('application status lookups from one terminal', () => {
  it(`are refused as too many after ${STATUS_LOOKUPS_PER_WINDOW} a minute`, async () => {
    h = await fundHarness()
    await h.value('session.start', {})
    const lookUp = (i: number) =>
      h!.call('fund.applicationStatus', {
        number: `BD20260612${String(900_000 + i)}`,
        idLast4: '3417',
      })
    for (let i = 0; i < STATUS_LOOKUPS_PER_WINDOW; i++) {
      expect(await lookUp(i)).toMatchObject({
        ok: false,
        error: { code: 'APPLICATION_NOT_FOUND' },
      })
    }
    const refused = await lookUp(STATUS_LOOKUPS_PER_WINDOW)
    expect(refused).toMatchObject({ ok: false, error: { code: 'LOOKUP_RATE_LIMITED' } })
    const detail = (refused as { error: { detail?: string } }).error.detail ?? ''
    const seconds = Number(/^retryAfterSeconds=(\d+)$/.exec(detail)?.[1])
    expect(seconds).toBeGreaterThan(0)
    expect(seconds).toBeLessThanOrEqual(60)
  })

  it('are limited too when the terminal answers them itself (its own Q numbers)', async () => {
    h = await fundHarness()
    await h.value('session.start', {})
    // The centre is away: every answer below comes from the terminal's own outbox.
    await h.stopCentral()
    const lookUp = (i: number) =>
      h!.call('fund.applicationStatus', {
        number: `Q${String(100_000_000_000 + i)}`,
        idLast4: '3417',
      })
    for (let i = 0; i < STATUS_LOOKUPS_PER_WINDOW; i++) {
      expect(await lookUp(i)).toMatchObject({
        ok: false,
        error: { code: 'APPLICATION_NOT_FOUND' },
      })
    }
    expect(await lookUp(STATUS_LOOKUPS_PER_WINDOW)).toMatchObject({
      ok: false,
      error: { code: 'LOOKUP_RATE_LIMITED', detail: 'retryAfterSeconds=60' },
    })
  })
})
