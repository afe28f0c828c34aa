/**
 * `pushAndAwait`: a submission learns the centre's answer to its own outbox item from the push
 * loop — at once when the centre answers, at once when the centre cannot be reached, and at the
 * time limit when a push hangs — never by polling the outbox.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { CentralClient } from '../../../../electron/core/central'
import { clientFor, engineFor, feedback, openTerminalStore, startCentral } from './sync.fixture'

const at = Date.UTC(2026, 9, 31, 2, 0, 0)
const releases: (() => void)[] = []

/** An engine over a fresh store holding one feedback item. */
async function engineWithFeedback(client: CentralClient, text: string) {
  const { store, outbox } = await openTerminalStore()
  const { engine } = engineFor({ client, store, outbox })
  const { idempotencyKey } = await outbox.enqueue({
    kind: 'feedback',
    payload: feedback(text),
    createdAt: at,
  })
  return { engine, outbox, idempotencyKey }
}
afterEach(() => {
  for (const release of releases.splice(0)) release()
})

describe('pushAndAwait', () => {
  it('resolves with the answered item as soon as the push got the answer', async () => {
    const { url } = await startCentral()
    const { engine, idempotencyKey } = await engineWithFeedback(clientFor(url), 'pushAndAwait')
    const started = Date.now()
    const item = await engine.pushAndAwait(idempotencyKey, 30_000)
    expect(item?.state).toBe('accepted')
    expect(Date.now() - started).toBeLessThan(15_000)
    expect(engine.state().outboxPending).toBe(0)
  })

  it('does not wait when the centre cannot be reached: the item stays unanswered', async () => {
    const { engine, idempotencyKey } = await engineWithFeedback(
      clientFor('http://127.0.0.1:9'),
      'offline',
    )
    const started = Date.now()
    const item = await engine.pushAndAwait(idempotencyKey, 60_000)
    expect(['queued', 'sent']).toContain(item?.state)
    expect(item?.attempts).toBeGreaterThan(0)
    expect(Date.now() - started).toBeLessThan(20_000)
  })

  it('gives up at the time limit while a push hangs, and answers an already answered item at once', async () => {
    const { url } = await startCentral()
    const real = clientFor(url)
    let hold = true
    const holding: CentralClient = {
      ...real,
      call: (async (...args: Parameters<CentralClient['call']>) => {
        if (hold) await new Promise<void>((resolve) => releases.push(resolve))
        return real.call(...args)
      }) as CentralClient['call'],
    }
    const { engine, outbox, idempotencyKey } = await engineWithFeedback(holding, 'held')
    const started = Date.now()
    const item = await engine.pushAndAwait(idempotencyKey, 300)
    expect(Date.now() - started).toBeGreaterThanOrEqual(250)
    expect(['queued', 'sent']).toContain(item?.state)

    hold = false
    for (const release of releases.splice(0)) release()
    await expect.poll(() => outbox.get(idempotencyKey)?.state, { timeout: 20_000 }).toBe('accepted')
    const again = Date.now()
    expect((await engine.pushAndAwait(idempotencyKey, 60_000))?.state).toBe('accepted')
    expect(Date.now() - again).toBeLessThan(1_000)
  })
})
