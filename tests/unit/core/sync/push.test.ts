import { describe, expect, it } from 'vitest'
import type { CentralClient } from '../../../../electron/core/central'
import { BAD_RECEIPT_CODE } from '../../../../electron/core/sync'
import {
  SIGNATURE_HEADERS,
  fingerprintPayload,
  signResponse,
  type OutboxItem as WireItem,
} from '../../../../shared/central'
import {
  clientFor,
  engineFor,
  feedback,
  openTerminalStore,
  residentRefOf,
  startCentral,
  TERMINAL_ID,
  TERMINAL_KEY,
} from './sync.fixture'

const at = Date.UTC(2026, 9, 31, 2, 0, 0)

describe('push', () => {
  it('pushes in bounded batches, stores verified receipts, rejected items do not block', async () => {
    const { server, url } = await startCentral()
    const { store, outbox } = await openTerminalStore()
    const client = clientFor(url)
    const sizes: number[] = []
    const counting: CentralClient = {
      ...client,
      call: ((name: string, input: { items?: unknown[] }, options?: object) => {
        if (name === 'applicationsSubmit') sizes.push(input.items?.length ?? 0)
        return client.call(name as 'applicationsSubmit', input as never, options)
      }) as CentralClient['call'],
    }
    const { engine } = engineFor({
      client: counting,
      store,
      outbox,
      config: { terminalId: TERMINAL_ID, version: 't', demo: true, batchSize: 20 },
    })
    const keys: string[] = []
    for (let i = 0; i < 45; i++) {
      // Item 5 is a bind for an unknown resident (rejected by the rules); item 6 has a payload the
      // centre's schema refuses (rejected per item, PAYLOAD_INVALID).
      const input =
        i === 5
          ? {
              kind: 'bind',
              payload: {
                residentRef: 'RNOBODY',
                operatorCode: 'ICBC',
                walletId: '0021000086432151',
              },
            }
          : i === 6
            ? { kind: 'feedback', payload: { category: 'nonsense', text: '' } }
            : { kind: 'feedback', payload: feedback(`item ${i}`) }
      keys.push((await outbox.enqueue({ ...input, createdAt: at + i })).idempotencyKey)
    }
    const report = await engine.pushNow()
    expect(report).toMatchObject({ outcome: 'drained', accepted: 43, rejected: 2, remaining: 0 })
    expect(sizes).toEqual([20, 20, 5])
    const bad = outbox.get(keys[5]!)!
    expect(bad).toMatchObject({ state: 'rejected', result: { code: 'RESIDENT_NOT_FOUND' } })
    expect(outbox.get(keys[6]!)).toMatchObject({
      state: 'rejected',
      result: { code: 'PAYLOAD_INVALID' },
    })
    const good = outbox.get(keys[7]!)!
    expect(good.state).toBe('accepted')
    expect(good.applicationNo).toMatch(/^FK/)
    expect(good.receipt).toMatchObject({
      idempotencyKey: keys[7],
      payloadHash: good.fingerprint,
      status: 'accepted',
    })
    expect(await client.verifyReceipt(good.receipt as never)).toBe(true)
    // The centre applied each once.
    const applied = Object.values(server.snapshot().applications)
    expect(applied).toHaveLength(45)
    expect(new Set(applied.map((a) => a.idempotencyKey)).size).toBe(45)
    expect(engine.state()).toMatchObject({
      outboxPending: 0,
      outboxRejected: 2,
      connection: 'online',
    })
  })

  it('a reused key with another payload is recorded as a conflict (single item: 422)', async () => {
    const { url } = await startCentral()
    const { store, outbox } = await openTerminalStore()
    const client = clientFor(url)
    // Another install of this terminal already used the key with other content.
    const original = feedback('original')
    const wire: WireItem = {
      idempotencyKey: 'reused-key-1',
      fingerprint: await fingerprintPayload(original),
      kind: 'feedback',
      payload: original,
      createdAt: new Date(at).toISOString(),
      terminalId: TERMINAL_ID,
    }
    expect((await client.call('applicationsSubmit', { items: [wire] })).ok).toBe(true)
    await outbox.enqueue({
      kind: 'feedback',
      payload: feedback('different'),
      idempotencyKey: 'reused-key-1',
      createdAt: at,
    })
    const alone = engineFor({ client, store, outbox })
    expect(await alone.engine.pushNow()).toMatchObject({ conflicts: 1, remaining: 0 })
    expect(outbox.get('reused-key-1')).toMatchObject({
      state: 'conflict',
      result: { code: 'IDEMPOTENCY_CONFLICT' },
    })

    // In a batch the centre answers per item.
    const second = await openTerminalStore()
    await second.outbox.enqueue({ kind: 'feedback', payload: feedback('before'), createdAt: at })
    await second.outbox.enqueue({
      kind: 'feedback',
      payload: feedback('different 2'),
      idempotencyKey: 'reused-key-1',
      createdAt: at,
    })
    await second.outbox.enqueue({ kind: 'feedback', payload: feedback('after'), createdAt: at })
    const batched = engineFor({ client, store: second.store, outbox: second.outbox })
    expect(await batched.engine.pushNow()).toMatchObject({
      accepted: 2,
      conflicts: 1,
      remaining: 0,
    })
  })

  it('a receipt that does not verify is not an acknowledgement', async () => {
    const { url } = await startCentral()
    const { store, outbox } = await openTerminalStore()
    let tamper = true
    const client = clientFor(url, {
      fetch: async (input, init) => {
        const response = await fetch(input, init)
        if (!tamper || !String(input).includes('/applications/batch') || response.status !== 200)
          return response
        const body = (await response.json()) as { results: { receipt?: { signature: string } }[] }
        const first = body.results[0]?.receipt
        if (first) first.signature = first.signature.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'))
        // A centre that signs its answer but got a receipt wrong: the answer's signature holds,
        // so it is the receipt check that must catch it.
        const text = JSON.stringify(body)
        const signed = await signResponse({
          status: 200,
          body: text,
          requestNonce: new Headers(init?.headers).get(SIGNATURE_HEADERS.nonce) ?? '',
          terminalId: TERMINAL_ID,
          key: TERMINAL_KEY,
        })
        return new Response(text, {
          status: 200,
          headers: { 'content-type': 'application/json', ...signed },
        })
      },
    })
    const { engine, log, emitted } = engineFor({ client, store, outbox })
    const first = await outbox.enqueue({
      kind: 'feedback',
      payload: feedback('one'),
      createdAt: at,
    })
    const second = await outbox.enqueue({
      kind: 'feedback',
      payload: feedback('two'),
      createdAt: at,
    })
    const report = await engine.pushNow()
    expect(report).toMatchObject({ accepted: 1, badReceipts: 1, outcome: 'retry', remaining: 1 })
    expect(outbox.get(first.idempotencyKey)).toMatchObject({ state: 'sent', receipt: null })
    expect(outbox.get(first.idempotencyKey)?.lastError).toContain(BAD_RECEIPT_CODE)
    expect(outbox.get(second.idempotencyKey)?.state).toBe('accepted')
    expect(log.lines.some((l) => l.event === 'sync.push.bad_receipt')).toBe(true)
    expect(emitted.at(-1)?.issues.map((i) => i.code)).toContain('SYNC_BAD_RECEIPT')

    // The retry gets the stored answer again (repeated), now with an honest receipt.
    tamper = false
    const retry = await engine.syncNow()
    expect(retry.push).toMatchObject({ accepted: 1, repeats: 1, remaining: 0 })
    expect(outbox.get(first.idempotencyKey)?.state).toBe('accepted')
  })

  it('a batch refused as a whole (400) is split so only the bad item is rejected', async () => {
    const { url } = await startCentral()
    const { store, outbox } = await openTerminalStore()
    const real = clientFor(url)
    const calls: number[] = []
    // A centre (or proxy) that refuses any batch holding the poisoned item as a whole.
    const client: CentralClient = {
      ...real,
      call: (async (name: string, input: { items: WireItem[] }, options?: object) => {
        calls.push(input.items.length)
        if (input.items.some((i) => (i.payload as { text?: string }).text === 'poison')) {
          return {
            ok: false,
            status: 400,
            error: { code: 'BAD_REQUEST', message: 'items.1.payload: bad' },
          }
        }
        return real.call(name as 'applicationsSubmit', input, options)
      }) as CentralClient['call'],
    }
    const { engine } = engineFor({ client, store, outbox })
    const keys = []
    for (const text of ['a', 'poison', 'c']) {
      keys.push(
        (await outbox.enqueue({ kind: 'feedback', payload: feedback(text), createdAt: at }))
          .idempotencyKey,
      )
    }
    const report = await engine.pushNow()
    expect(calls).toEqual([3, 1, 1, 1])
    expect(report).toMatchObject({ accepted: 2, rejected: 1, remaining: 0 })
    expect(outbox.get(keys[1]!)).toMatchObject({
      state: 'rejected',
      result: { code: 'BAD_REQUEST', reason: 'items.1.payload: bad', status: 400 },
    })
  })

  it('an item the terminal cannot put on the wire is rejected locally, with its reason', async () => {
    const { url } = await startCentral()
    const { store, outbox } = await openTerminalStore()
    const { engine } = engineFor({ client: clientFor(url), store, outbox })
    const odd = await outbox.enqueue({ kind: 'teleport', payload: {}, createdAt: at })
    const ok = await outbox.enqueue({
      kind: 'fund.bind',
      payload: {
        residentRef: residentRefOf('林晓峰'),
        operatorCode: 'ICBC',
        walletId: '0021000086432151',
      },
      createdAt: at,
    })
    expect(await engine.pushNow()).toMatchObject({ accepted: 1, rejected: 1, remaining: 0 })
    expect(outbox.get(odd.idempotencyKey)).toMatchObject({
      state: 'rejected',
      result: { code: 'LOCAL_INVALID' },
    })
    expect(outbox.get(ok.idempotencyKey)?.applicationNo).toMatch(/^BD/)
  })

  it('5xx, 429 and network errors leave items pending with the attempt recorded', async () => {
    const { store, outbox } = await openTerminalStore()
    const answers = [
      {
        ok: false,
        status: 503,
        error: { code: 'INTERNAL', message: 'HTTP 503 without error body' },
      },
      {
        ok: false,
        status: 429,
        error: { code: 'INTERNAL', message: 'slow down', retryAfterSeconds: 7 },
      },
      { ok: false, status: 0, error: { code: 'TRANSPORT_NETWORK', message: 'reset' } },
    ]
    const client: CentralClient = {
      terminalId: TERMINAL_ID,
      clockOffsetMs: () => 0,
      verifyReceipt: async () => true,
      call: (async (name: string) =>
        name === 'applicationsSubmit'
          ? answers.shift()
          : {
              ok: false,
              status: 0,
              error: { code: 'TRANSPORT_NETWORK', message: 'down' },
            }) as unknown as CentralClient['call'],
    }
    const { engine } = engineFor({ client, store, outbox })
    const item = await outbox.enqueue({ kind: 'feedback', payload: feedback('x'), createdAt: at })
    const first = await engine.syncNow()
    expect(first.push).toMatchObject({ outcome: 'retry', remaining: 1, failure: { status: 503 } })
    const second = await engine.syncNow()
    expect(second.push.failure).toMatchObject({ status: 429, retryAfterMs: 7000 })
    const third = await engine.syncNow()
    expect(third.push.failure).toMatchObject({ status: 0, code: 'TRANSPORT_NETWORK' })
    expect(outbox.get(item.idempotencyKey)).toMatchObject({
      state: 'sent',
      attempts: 3,
      lastError: '0 TRANSPORT_NETWORK',
    })
  })
})
