import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  APPLICATION_REJECTION_CODES,
  MAX_BATCH_ITEMS,
  verifyReceipt,
  type ApplicationRejectionCode,
  type ApplicationResult,
} from '../../../shared/central'
import { REJECTION_SENTENCES } from '../../../shared/domain/rejections'
import { DEMO_APPLICATIONS_LIMIT, demoApplicationsPath } from '../../../shared/central/demo-qa'
import { checkBind, checkUnbind } from '../../../electron/central/rules'
import {
  OTHER_TERMINAL_ID,
  TERMINAL_KEY,
  outboxItem,
  resident,
  startHarness,
  type Harness,
} from './central.fixture'

const LIN_ICBC = '0021000086432151'

describe('applications', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(() => h.close())

  async function submitOne(
    item: Awaited<ReturnType<typeof outboxItem>>,
  ): Promise<ApplicationResult> {
    const res = await h.call('applicationsSubmit', { items: [item] })
    if (!res.ok) throw new Error(`push failed: ${res.status} ${res.error.code}`)
    return res.value.results[0]!
  }

  it('accepts a bind, signs a receipt the terminal can verify, and binds the wallet', async () => {
    const lin = resident('林晓峰')
    const item = await outboxItem('bind', {
      residentRef: lin.residentRef,
      operatorCode: 'ICBC',
      walletId: LIN_ICBC,
    })
    const result = await submitOne(item)
    expect(result).toMatchObject({ outcome: 'accepted', repeated: false })
    if (result.outcome !== 'accepted') return
    expect(result.applicationNo).toMatch(/^BD20261120\d{6}$/)
    expect(result.receipt).toMatchObject({
      applicationNo: result.applicationNo,
      idempotencyKey: item.idempotencyKey,
      payloadHash: item.fingerprint,
      status: 'accepted',
    })
    expect(await verifyReceipt(result.receipt, TERMINAL_KEY)).toBe(true)

    const status = await h.call('applicationStatus', {
      applicationNo: result.applicationNo,
      idLast4: '3417',
    })
    expect(status).toMatchObject({
      ok: true,
      value: {
        kind: 'bind',
        status: 'accepted',
        binding: { state: 'bound', operatorCode: 'ICBC', walletIdLast4: '2151' },
      },
    })
    expect(
      await h.call('applicationStatus', { applicationNo: result.applicationNo, idLast4: '3418' }),
    ).toMatchObject({
      status: 404,
    })
    const { token } = await h.login('林晓峰')
    const bindings = await h.call('fundWalletBindings', {}, { token })
    expect(bindings.ok && bindings.value.bindings.map((b) => b.state)).toEqual(['bound'])
  })

  it('answers a repeat with the first result, and a changed payload under the same key with a conflict', async () => {
    const zheng = resident('郑秀英')
    const payload = {
      residentRef: zheng.residentRef,
      operatorCode: 'PSBC',
      walletId: '0403000000220023',
    }
    const item = await outboxItem('bind', payload)
    const first = await submitOne(item)
    const again = await submitOne(item)
    expect(again).toEqual({ ...first, repeated: true })
    expect(
      Object.values(h.server.snapshot().bindings).filter(
        (b) => b.residentRef === zheng.residentRef,
      ),
    ).toHaveLength(1)

    const changed = await outboxItem(
      'bind',
      { ...payload, walletId: '0000000000000000' },
      { idempotencyKey: item.idempotencyKey },
    )
    const single = await h.call('applicationsSubmit', { items: [changed] })
    expect(single).toMatchObject({
      ok: false,
      status: 422,
      error: { code: 'IDEMPOTENCY_CONFLICT', idempotencyKey: item.idempotencyKey },
    })
    const other = await outboxItem('feedback', { category: 'praise', text: '很方便' })
    const batch = await h.call('applicationsSubmit', { items: [changed, other, item] })
    expect(batch.ok).toBe(true)
    if (!batch.ok) return
    expect(batch.value.results.map((r) => r.outcome)).toEqual(['conflict', 'accepted', 'accepted'])
    expect(batch.value.results[2]).toEqual({ ...first, repeated: true })
  })

  it('applies a key once even when the same item arrives concurrently', async () => {
    const item = await outboxItem('feedback', { category: 'suggestion', text: 'concurrent' })
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => h.call('applicationsSubmit', { items: [item] })),
    )
    const results = answers.map((a) => (a.ok ? a.value.results[0] : undefined))
    const numbers = new Set(
      results.map((r) => (r?.outcome === 'accepted' ? r.applicationNo : r?.outcome)),
    )
    expect(numbers.size).toBe(1)
    expect(results.filter((r) => r?.outcome === 'accepted' && !r.repeated)).toHaveLength(1)
    const stored = Object.values(h.server.snapshot().applications).filter(
      (a) => a.idempotencyKey === item.idempotencyKey,
    )
    expect(stored).toHaveLength(1)
  })

  it('scopes idempotency keys per terminal', async () => {
    const payload = { category: 'other' as const, text: 'same key, other terminal' }
    const mine = await outboxItem('feedback', payload)
    const theirs = { ...mine, terminalId: OTHER_TERMINAL_ID }
    const a = await submitOne(mine)
    const b = await h.call(
      'applicationsSubmit',
      { items: [theirs] },
      { terminalId: OTHER_TERMINAL_ID, key: 'other-key-9876543210' },
    )
    expect(b.ok && b.value.results[0]?.outcome).toBe('accepted')
    expect(b.ok && b.value.results[0]).not.toMatchObject({
      applicationNo: (a as { applicationNo: string }).applicationNo,
    })
  })

  it('enforces the bind rules', async () => {
    const lin = resident('林晓峰')
    const chen = resident('陈美玲')
    const cases: Array<[object, string]> = [
      [
        { residentRef: chen.residentRef, operatorCode: 'CCB', walletId: '0105000056260010' },
        'ALREADY_BOUND',
      ],
      [
        {
          residentRef: resident('黄子轩').residentRef,
          operatorCode: 'WEBANK',
          walletId: '0800000045700031',
        },
        'NO_FUND_ACCOUNT',
      ],
      [{ residentRef: 'RUNKNOWN', operatorCode: 'ICBC', walletId: LIN_ICBC }, 'RESIDENT_NOT_FOUND'],
      [
        { residentRef: lin.residentRef, operatorCode: 'ICBC', walletId: '0021000086432169' },
        'WALLET_CLASS_NOT_ALLOWED',
      ],
      [
        { residentRef: lin.residentRef, operatorCode: 'ICBC', walletId: '0021000099990001' },
        'WALLET_HOLDER_MISMATCH',
      ],
      [
        { residentRef: lin.residentRef, operatorCode: 'CITIC', walletId: '0302000099990049' },
        'OPERATOR_NOT_PARTNER',
      ],
      [
        { residentRef: lin.residentRef, operatorCode: 'BOC', walletId: '9999999999999999' },
        'WALLET_NOT_FOUND',
      ],
      [
        { residentRef: lin.residentRef, operatorCode: 'BOC', walletId: '0104000086432185' },
        'ALREADY_BOUND',
      ],
      [{ residentRef: lin.residentRef }, 'PAYLOAD_INVALID'],
    ]
    for (const [payload, code] of cases) {
      const result = await submitOne(await outboxItem('bind', payload))
      expect(result, code).toMatchObject({ outcome: 'rejected', code })
      if (result.outcome === 'rejected')
        expect(await verifyReceipt(result.receipt, TERMINAL_KEY)).toBe(true)
    }
  })

  it('binds a sealed account with the ACCOUNT_SEALED notice', async () => {
    const wang = resident('王建国')
    const result = await submitOne(
      await outboxItem('bind', {
        residentRef: wang.residentRef,
        operatorCode: 'ABC',
        walletId: '0103000011350015',
      }),
    )
    expect(result).toMatchObject({ outcome: 'accepted', notices: ['ACCOUNT_SEALED'] })
  })

  it('rejects a fingerprint that does not match the payload and an item of another terminal', async () => {
    const item = await outboxItem('feedback', { category: 'other', text: 'x' })
    expect(await submitOne({ ...item, fingerprint: 'f'.repeat(64) })).toMatchObject({
      outcome: 'rejected',
      code: 'FINGERPRINT_MISMATCH',
    })
    const foreign = await outboxItem(
      'feedback',
      { category: 'other', text: 'y' },
      { terminalId: OTHER_TERMINAL_ID },
    )
    expect(await submitOne(foreign)).toMatchObject({
      outcome: 'rejected',
      code: 'TERMINAL_MISMATCH',
      reason: REJECTION_SENTENCES.TERMINAL_MISMATCH,
    })
  })

  it('unbinds an existing binding and refuses one that is not bound', async () => {
    const chen = resident('陈美玲')
    const unbind = await submitOne(
      await outboxItem('unbind', { residentRef: chen.residentRef, bindingId: 'B-SEED-0001' }),
    )
    expect(unbind).toMatchObject({ outcome: 'accepted' })
    expect(h.server.snapshot().bindings['B-SEED-0001']?.state).toBe('unbound')
    const twice = await submitOne(
      await outboxItem('unbind', { residentRef: chen.residentRef, bindingId: 'B-SEED-0001' }),
    )
    expect(twice).toMatchObject({ outcome: 'rejected', code: 'NOT_BOUND' })
    const notTheirs = await submitOne(
      await outboxItem('unbind', {
        residentRef: resident('林晓峰').residentRef,
        bindingId: 'B-SEED-0001',
      }),
    )
    expect(notTheirs).toMatchObject({ outcome: 'rejected', code: 'NOT_BOUND' })
  })

  it('stores feedback, callStaff and audit items with a ticket number', async () => {
    const results = await h.call('applicationsSubmit', {
      items: [
        await outboxItem('feedback', { category: 'complaint', text: '等待时间太长' }),
        await outboxItem('callStaff', { reason: 'printer jammed' }),
        await outboxItem('audit', { event: 'session.ended', at: '2026-11-20T02:00:00.000Z' }),
      ],
    })
    expect(results.ok).toBe(true)
    if (!results.ok) return
    const nos = results.value.results.map((r) =>
      r.outcome === 'accepted' ? r.applicationNo : r.outcome,
    )
    expect(nos[0]).toMatch(/^FK/)
    expect(nos[1]).toMatch(/^HJ/)
    expect(nos[2]).toMatch(/^AU/)
    // Anonymous feedback without a call-back phone: nothing proves who asks, so no answer.
    const status = await h.call('applicationStatus', { applicationNo: nos[0]!, idLast4: '0000' })
    expect(status).toMatchObject({ ok: false, status: 404, error: { code: 'NOT_FOUND' } })
    expect(h.server.snapshot().applications[nos[0]!]?.payload).toMatchObject({
      text: '等待时间太长',
    })
  })

  it('lists for QA only the newest applications of a kind, oldest first', async () => {
    const items = []
    for (let i = 0; i < DEMO_APPLICATIONS_LIMIT + 10; i++)
      items.push(await outboxItem('callStaff', { requestId: `call-${i}`, screen: 'home' }))
    for (let at = 0; at < items.length; at += MAX_BATCH_ITEMS) {
      const pushed = await h.call('applicationsSubmit', {
        items: items.slice(at, at + MAX_BATCH_ITEMS),
      })
      expect(pushed.ok).toBe(true)
    }
    const listed = await h.raw('GET', demoApplicationsPath('callStaff'), undefined, {
      sign: false,
    })
    expect(listed.status).toBe(200)
    const ids = (listed.json.applications as { payload: { requestId?: string } }[]).map(
      (a) => a.payload.requestId,
    )
    expect(ids).toHaveLength(DEMO_APPLICATIONS_LIMIT)
    expect(ids.at(-1)).toBe(`call-${DEMO_APPLICATIONS_LIMIT + 9}`)
    expect(ids[0]).toBe('call-10')
  })

  it('sends and keeps the shared sentence as the reason of a rejection', async () => {
    const noAccount = await outboxItem('bind', {
      residentRef: resident('黄子轩').residentRef,
      operatorCode: 'WEBANK',
      walletId: '0800000045700031',
    })
    const result = await submitOne(noAccount)
    expect(result).toMatchObject({
      code: 'NO_FUND_ACCOUNT',
      reason: REJECTION_SENTENCES.NO_FUND_ACCOUNT,
    })
    const applicationNo = result.outcome === 'rejected' ? result.applicationNo : ''
    expect(h.server.snapshot().applications[applicationNo]?.reason).toBe(
      REJECTION_SENTENCES.NO_FUND_ACCOUNT,
    )
  })

  it('refuses an empty or oversized batch with 400', async () => {
    expect(
      (
        await h.raw('POST', '/v1/applications/batch', '{"items":[]}', {
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(400)
  })
})

describe('one in-flight application per resident and kind', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness({ bindSettleMs: 30_000 })
  })
  afterAll(() => h.close())

  it('keeps a bind pending until it settles, refusing a second one meanwhile', async () => {
    const lin = resident('林晓峰')
    const first = await h.call('applicationsSubmit', {
      items: [
        await outboxItem('bind', {
          residentRef: lin.residentRef,
          operatorCode: 'ICBC',
          walletId: LIN_ICBC,
        }),
      ],
    })
    expect(first.ok && first.value.results[0]?.outcome).toBe('accepted')
    const second = await h.call('applicationsSubmit', {
      items: [
        await outboxItem('bind', {
          residentRef: lin.residentRef,
          operatorCode: 'BOC',
          walletId: '0104000086432185',
        }),
      ],
    })
    expect(second.ok && second.value.results[0]).toMatchObject({
      outcome: 'rejected',
      code: 'APPLICATION_IN_FLIGHT',
    })
    const applicationNo =
      first.ok && first.value.results[0]?.outcome === 'accepted'
        ? first.value.results[0].applicationNo
        : ''
    expect(await h.call('applicationStatus', { applicationNo, idLast4: '3417' })).toMatchObject({
      value: { binding: { state: 'pending' } },
    })
    h.clock.advance(30_000)
    expect(await h.call('applicationStatus', { applicationNo, idLast4: '3417' })).toMatchObject({
      value: { binding: { state: 'bound' } },
    })
  })
})

describe('bind rules (pure)', () => {
  const account = resident('林晓峰').fundAccount!
  const base = {
    resident: { name: '林晓峰' },
    account,
    operatorIsPartner: true,
    wallet: { walletClass: 2, holderName: '林晓峰' },
    bindingStates: [],
  }
  it('refuses closed (03/04/05) and frozen (06) accounts', () => {
    for (const status of ['03', '04', '05'] as const) {
      expect(checkBind({ ...base, account: { ...account, status } })).toMatchObject({
        ok: false,
        code: 'ACCOUNT_CLOSED',
      })
    }
    expect(checkBind({ ...base, account: { ...account, status: '06' } })).toMatchObject({
      ok: false,
      code: 'ACCOUNT_FROZEN',
    })
    expect(checkBind(base)).toEqual({ ok: true, notices: [] })
  })
  it('refuses an unbind while one is in flight', () => {
    expect(checkUnbind({}, { state: 'unbinding' })).toMatchObject({
      ok: false,
      code: 'APPLICATION_IN_FLIGHT',
    })
    expect(checkUnbind({}, { state: 'bound' })).toEqual({ ok: true, notices: [] })
  })
  it('has one distinct, non-empty sentence for every rejection code', () => {
    const sentences = APPLICATION_REJECTION_CODES.map((code) => REJECTION_SENTENCES[code])
    for (const sentence of sentences) expect(sentence).toMatch(/\S/)
    expect(new Set(sentences).size).toBe(sentences.length)
  })
  it('gives each refusal the shared sentence, the registry checks before the binding rules', () => {
    const anonymous = { walletClass: 4, holderName: null }
    const cases: Array<[Parameters<typeof checkBind>[0], ApplicationRejectionCode]> = [
      [{ ...base, resident: undefined }, 'RESIDENT_NOT_FOUND'],
      [{ ...base, account: null }, 'NO_FUND_ACCOUNT'],
      [{ ...base, account: { ...account, status: '04' } }, 'ACCOUNT_CLOSED'],
      [{ ...base, account: { ...account, status: '06' } }, 'ACCOUNT_FROZEN'],
      [{ ...base, operatorIsPartner: false }, 'OPERATOR_NOT_PARTNER'],
      [{ ...base, wallet: undefined }, 'WALLET_NOT_FOUND'],
      [{ ...base, wallet: anonymous }, 'WALLET_CLASS_NOT_ALLOWED'],
      [{ ...base, wallet: { walletClass: 2, holderName: '林小峰' } }, 'WALLET_HOLDER_MISMATCH'],
      [{ ...base, bindingStates: ['pending'] }, 'APPLICATION_IN_FLIGHT'],
      [{ ...base, bindingStates: ['bound'] }, 'ALREADY_BOUND'],
      [{ ...base, bindingStates: ['bound'], wallet: anonymous }, 'WALLET_CLASS_NOT_ALLOWED'],
    ]
    for (const [facts, code] of cases) {
      expect(checkBind(facts), code).toEqual({ ok: false, code, reason: REJECTION_SENTENCES[code] })
    }
    for (const [binding, code] of [
      [undefined, 'NOT_BOUND'],
      [{ state: 'pending' }, 'APPLICATION_IN_FLIGHT'],
    ] as const) {
      expect(checkUnbind({}, binding)).toEqual({
        ok: false,
        code,
        reason: REJECTION_SENTENCES[code],
      })
    }
  })
})
