/**
 * Through the core against the real bundled centre: the status lookup takes a number of every kind
 * a receipt or a text message carries however a scanner or a person spells its case and its
 * surrounding spaces, and refuses other spellings (inner spaces, full-width characters, a digit too
 * few or too many) as INVALID_INPUT before the centre is asked, so they use none of its allowance.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { STATUS_LOOKUPS_PER_WINDOW } from '../../../../electron/central/status-lookup'
import { fundHarness, type FundHarness } from './fund.fixture'

let h: FundHarness | null = null
afterEach(async () => {
  await h?.close()
  h = null
})

const HOSTILE = [
  'ZF 20261205000044',
  'ZF2026120500004',
  'ZF202612050000444',
  'ＺＦ20261205000044',
  'ZF２０２６１２０５０００0４４',
  'TQ20261205-000044',
  'ZG2026120500004X',
  'Q48291573026',
  'Q４８２９１５７３０２６４',
  'FK2026120500004',
  'FK20261205-7KQ2M',
  'UB20261205000043\u200b',
]

describe('status lookup number spellings', () => {
  it('refuses what no receipt or text message prints, without asking the centre', async () => {
    h = await fundHarness()
    await h.value('session.start', {})
    for (let i = 0; i < STATUS_LOOKUPS_PER_WINDOW; i++) {
      const number = HOSTILE[i % HOSTILE.length]!
      expect(await h.call('fund.applicationStatus', { number, idLast4: '3417' }), number).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'INVALID_INPUT' }),
      })
    }
    // None of them counted against the centre's allowance: these still reach it.
    for (const number of [
      'zf20261205000044',
      '  zg20261205000045 ',
      'tq20261205000046\t',
      'fk20261205000047',
    ]) {
      expect(await h.call('fund.applicationStatus', { number, idLast4: '3417' }), number).toEqual({
        ok: false,
        error: { code: 'APPLICATION_NOT_FOUND' },
      })
    }
  })
})
