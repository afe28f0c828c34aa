import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from './central.fixture'

describe('reference data since a cursor', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(() => h.close())

  async function pull(since?: string) {
    const res = await h.call('referenceData', since === undefined ? {} : { since })
    if (!res.ok) throw new Error(res.error.code)
    return res.value
  }

  it('answers the first pull with a full snapshot and reset', async () => {
    const first = await pull()
    expect(first.reset).toBe(true)
    const kinds = new Set(first.items.map((i) => i.kind))
    expect([...kinds].sort()).toEqual([
      'businessType',
      'faq',
      'notice',
      'serviceHours',
      'servicePromise',
      'walletOperator',
      'withdrawalRule',
    ])
    const ops = first.items.filter((i) => i.kind === 'walletOperator')
    expect(ops).toHaveLength(9)
    expect(ops.every((o) => o.kind === 'walletOperator' && o.data?.enabled)).toBe(true)
    const faq = first.items.find((i) => i.key === 'sms-not-received')
    expect(faq?.kind === 'faq' && faq.data?.question.en).toMatch(/SMS/)
    expect(await pull(first.cursor)).toEqual({ reset: false, items: [], cursor: first.cursor })
  })

  it('serves changes and tombstones as a delta', async () => {
    const { cursor } = await pull()
    await h.server.putReferenceItem('notice', 'maintenance', {
      level: 'warning',
      title: { zh: '系统维护', en: 'Maintenance' },
      body: { zh: '今晚 22:00 维护', en: 'Maintenance tonight at 22:00' },
      validFrom: '2026-11-20',
    })
    await h.server.deleteReferenceItem('faq', 'payment-failed')
    const delta = await pull(cursor)
    expect(delta.reset).toBe(false)
    expect(delta.items.map((i) => [i.kind, i.key, i.deleted ?? false])).toEqual([
      ['notice', 'maintenance', false],
      ['faq', 'payment-failed', true],
    ])
    expect(delta.cursor).not.toBe(cursor)
    const snapshot = await pull()
    expect(snapshot.items.some((i) => i.key === 'payment-failed')).toBe(false)
  })

  it('resets on an unknown or too old cursor', async () => {
    expect((await pull('garbage')).reset).toBe(true)
    const { cursor } = await pull()
    await h.server.putReferenceItem('walletOperator', 'MYBANK', {
      code: 'MYBANK',
      name: '网商银行',
      nameEn: 'MYbank',
      enabled: false,
      order: 9,
    })
    await h.server.compactReferenceHistory()
    const after = await pull(cursor)
    expect(after.reset).toBe(true)
    expect(after.items.find((i) => i.key === 'MYBANK')).toMatchObject({ data: { enabled: false } })
  })
})
