/**
 * Feedback tickets in the status lookup, through the core against the real centre: the ticket
 * number printed on the receipt (`FK20261120-7KQ2MZ`) answers 已受理, then 已答复 once the centre
 * replied. Lower case and surrounding spaces (a scanner with Caps Lock, a sloppy paste) are the
 * same ticket; a wrong last 4 and an unknown ticket get one and the same answer; spellings that
 * are no ticket (inner spaces, full-width letters, another separator) are refused as input.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ApplicationView } from '../../../../shared/api'
import { signIn, startTaxCore, valueOf, type TaxTestCore } from '../tax/tax.fixture'

const LIN = '350102198506123417'

let t: TaxTestCore | null = null
afterEach(async () => {
  await t?.stop()
  t = null
})

/** 林晓峰 files feedback and ends the session; resolves with the ticket once the centre has it. */
async function fileFeedback(core: TaxTestCore): Promise<string> {
  await signIn(core, LIN)
  const { ticketNo } = valueOf<{ ticketNo: string }>(
    await core.call('help.feedback', { category: 'suggestion', text: '希望增加夜间办理时间' }),
  )
  const sessionId = core.core.internals.sessions.current()!.id
  valueOf(await core.call('session.end', { sessionId, reason: 'finish' }))
  // Someone else at the terminal, not signed in, with the receipt.
  valueOf(await core.call('session.start', {}))
  await vi.waitFor(
    () =>
      expect(
        Object.values(core.central.snapshot().applications).filter((a) => a.kind === 'feedback'),
      ).toHaveLength(1),
    { timeout: 10_000 },
  )
  return ticketNo
}

const look = (core: TaxTestCore, number: string, idLast4: string) =>
  core.call('fund.applicationStatus', { number, idLast4 })

describe('feedback tickets in the status lookup', () => {
  it('answers 已受理, then 已答复, for any harmless spelling of the ticket', async () => {
    t = await startTaxCore()
    const ticket = await fileFeedback(t)
    expect(ticket).toMatch(/^FK\d{8}-[A-HJ-NP-Z2-9]{6}$/)
    for (const spelling of [ticket, ticket.toLowerCase(), `  ${ticket}\t`]) {
      const view = valueOf<ApplicationView>(await look(t, spelling, '3417'))
      expect(view).toMatchObject({ kind: 'feedback', status: 'accepted', decidedAt: null })
    }
    expect(await t.central.replyToFeedback(ticket)).toBe(true)
    const replied = valueOf<ApplicationView>(await look(t, ticket.toLowerCase(), '3417'))
    expect(replied).toMatchObject({ kind: 'feedback', status: 'replied' })
    expect(replied.decidedAt).not.toBeNull()
  })

  it('tells a stranger nothing: a wrong last 4 and an unknown ticket answer the same', async () => {
    t = await startTaxCore()
    const ticket = await fileFeedback(t)
    const unknown = ticket.slice(0, -1) + (ticket.endsWith('Z') ? 'Y' : 'Z')
    const wrong = await look(t, ticket, '3418')
    const none = await look(t, unknown, '3417')
    expect(wrong).toEqual({ ok: false, error: { code: 'APPLICATION_NOT_FOUND' } })
    expect(none).toEqual(wrong)
  })

  it('refuses spellings that are no ticket before asking anyone', async () => {
    t = await startTaxCore()
    for (const hostile of [
      'FK20261120 7KQ2MZ',
      'FK20261120_7KQ2MZ',
      'ＦＫ20261120-7KQ2MZ',
      'FK20261120-7KQ2M',
      'FK20261120-7KQ2MZ-',
      'FK2026112O-7KQ2MZ',
      'FK20261120-7KQ2M0',
      '../FK20261120-7KQ2MZ',
      '',
    ]) {
      expect(await look(t, hostile, '3417'), hostile).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      })
    }
  })
})
