/**
 * Answers from the centre are believed only when signed for the request they answer. A real core
 * talks to the real bundled central service through a tampering proxy on loopback that changes a
 * body, strips the signature, changes the status or replays an earlier answer: each is refused as
 * a broken connection, raises CENTRAL_ANSWER_UNTRUSTED for staff, and nothing the altered answer
 * said reaches the caller.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCentralServer, type CentralServer } from '../../../../electron/central/server'
import { createCore, type Core } from '../../../../electron/core/core'
import type { IdentityStatus, MethodInput, MethodName, Result } from '../../../../shared/api'
import {
  alterJson,
  onPath,
  replayEarlier,
  startTamperProxy,
  stripSignature,
  withStatus,
  type TamperProxy,
} from '../../../fixtures/tamper-proxy'
import { memoryLogger, testConfig, type MemoryLogger } from '../core.fixture'
import { jpegStill } from '../identity/fake-central.fixture'

const TERMINAL_ID = 'T-TEST-01'
const TERMINAL_KEY = 'test-terminal-key-0123456789'
const LIN = '350102198506123417'
const WANG = '350104197809301135'
/** 林晓峰's balance in fen (¥86,432.15), and the one the proxy would like the kiosk to show. */
const LIN_BALANCE = 8_643_215
const FORGED_BALANCE = 99_999_999

let central: CentralServer
let proxy: TamperProxy
let core: Core
let log: MemoryLogger

const call = <M extends MethodName>(m: M, input: MethodInput<M>): Promise<Result<unknown>> =>
  core.call(m, input)

async function value<T>(m: MethodName, input: unknown): Promise<T> {
  const r = await core.call(m, input as never)
  if (!r.ok) throw new Error(`${m} failed: ${r.error.code} ${r.error.detail ?? ''}`)
  return r.value as T
}

async function signInBySms(idNumber: string): Promise<void> {
  await value('session.start', {})
  await value('identity.sendSms', { idNumber })
  const { code } = await value<{ code: string }>('qa.smsInbox', {})
  await value('identity.verifySms', { code })
}

async function newSessionWithCard(idNumber: string): Promise<string> {
  const current = core.internals.sessions.current()
  if (current) core.internals.sessions.end('finish', current.id)
  await value('session.start', {})
  await value('qa.insertCard', { resident: idNumber })
  await value('identity.readCard', {})
  return core.internals.sessions.current()!.id
}

const lastIssue = () => core.internals.status.snapshot().issues.at(-1)

beforeEach(async () => {
  central = createCentralServer({
    stateFile: join(mkdtempSync(join(tmpdir(), 'untrusted-central-')), 'state.json'),
    terminalKeys: { [TERMINAL_ID]: TERMINAL_KEY },
    demo: true,
    smsMaxPerHour: 1000,
  })
  const { url } = await central.start()
  proxy = await startTamperProxy({ target: url })
  log = memoryLogger()
  core = await createCore(
    testConfig({
      terminalId: TERMINAL_ID,
      terminalKey: TERMINAL_KEY,
      centralUrl: proxy.url,
      qa: true,
    }),
    { logger: log },
  )
  await core.start()
  await expect.poll(() => core.internals.sync()?.walletOperators().length ?? 0).toBeGreaterThan(0)
})

afterEach(async () => {
  await core.stop()
  await proxy.close()
  await central.stop()
})

describe('answers from the centre are authenticated', () => {
  it('an altered balance is refused; the kiosk never shows it', async () => {
    await signInBySms(LIN)
    proxy.setTamper(
      onPath(
        '/v1/fund/account',
        alterJson((json) => {
          ;(json.account as { balance: number }).balance = FORGED_BALANCE
        }),
      ),
    )
    const refused = await call('fund.account', {})
    expect(proxy.tampered).toBe(1)
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'CENTRAL_UNREACHABLE', detail: 'ANSWER_UNTRUSTED' },
    })
    expect(JSON.stringify(refused)).not.toContain(String(FORGED_BALANCE))
    expect(lastIssue()).toMatchObject({
      code: 'CENTRAL_ANSWER_UNTRUSTED',
      detail: 'ALTERED',
      fields: ['fundAccount', 'HTTP 200'],
    })
    const line = log.lines.find((l) => l.event === 'central.answer_untrusted')
    expect(line).toMatchObject({
      level: 'warn',
      fields: { endpoint: 'fundAccount', problem: 'altered', httpStatus: 200 },
    })
    // Endpoint, cause and status only: no name, ID number or amount reaches the log.
    const logged = JSON.stringify(log.lines)
    for (const secret of [LIN, '林晓峰', String(FORGED_BALANCE), String(LIN_BALANCE)]) {
      expect(logged).not.toContain(secret)
    }

    proxy.setTamper(null)
    expect(await value('fund.account', {})).toMatchObject({ balance: LIN_BALANCE })
  })

  it('an unsigned identity answer does not sign the resident in', async () => {
    await value('session.start', {})
    await value('identity.sendSms', { idNumber: LIN })
    const { code } = await value<{ code: string }>('qa.smsInbox', {})
    proxy.setTamper(onPath('/v1/identity/sms/verify', stripSignature))
    const refused = await call('identity.verifySms', { code })
    expect(refused.ok).toBe(false)
    expect(JSON.stringify(refused)).not.toContain(LIN)
    const session = core.internals.sessions.current()!
    expect(core.internals.identity.currentResident(session.id)).toBeNull()
    expect(lastIssue()).toMatchObject({
      code: 'CENTRAL_ANSWER_UNTRUSTED',
      detail: 'UNSIGNED',
      fields: ['identitySmsVerify', 'HTTP 200'],
    })
  })

  it('a replayed face match and an altered `match` do not verify anyone', async () => {
    // A genuine match, recorded by the proxy.
    await newSessionWithCard(WANG)
    const matched = await value<IdentityStatus>('identity.faceCheck', { image: jpegStill() })
    expect(matched.resident).toMatchObject({ method: 'card+face' })
    const genuine = proxy.exchanges.findLast((e) => e.path === '/v1/identity/face-check')!
    expect(JSON.parse(genuine.body.toString())).toMatchObject({ match: true })

    // Replayed: the whole earlier answer, its own valid signature included, for a new request.
    let session = await newSessionWithCard(WANG)
    proxy.setTamper(onPath('/v1/identity/face-check', replayEarlier))
    const replayed = await call('identity.faceCheck', { image: jpegStill({ noMatch: true }) })
    expect(replayed.ok).toBe(false)
    expect(core.internals.identity.currentResident(session)).toBeNull()
    expect(lastIssue()).toMatchObject({ code: 'CENTRAL_ANSWER_UNTRUSTED', detail: 'REPLAYED' })

    // Altered: the centre's no-match answer with the earlier match body put in its place.
    session = await newSessionWithCard(WANG)
    proxy.setTamper(
      onPath('/v1/identity/face-check', (answer) => ({ ...answer, body: genuine.body })),
    )
    const altered = await call('identity.faceCheck', { image: jpegStill({ noMatch: true }) })
    expect(altered.ok).toBe(false)
    expect(core.internals.identity.currentResident(session)).toBeNull()
    expect(lastIssue()).toMatchObject({ code: 'CENTRAL_ANSWER_UNTRUSTED', detail: 'ALTERED' })
    expect(proxy.tampered).toBe(2)
  })

  it('an outbox push answer with a changed status is neither acceptance nor rejection', async () => {
    const data = core.internals.data()!
    const sync = core.internals.sync()!
    // Accepted by the centre, but the terminal is told 422 (which would reject the item).
    proxy.setTamper(onPath('/v1/applications/batch', withStatus(422)))
    const item = await data.outbox.enqueue({
      kind: 'feedback',
      payload: { category: 'suggestion', text: 'tamper test' },
      createdAt: Date.now(),
    })
    const report = await sync.pushNow()
    expect(report).toMatchObject({ outcome: 'retry', remaining: 1 })
    expect(proxy.tampered).toBeGreaterThan(0)
    expect(data.outbox.get(item.idempotencyKey)?.state).toBe('sent')
    expect(lastIssue()).toMatchObject({
      code: 'CENTRAL_ANSWER_UNTRUSTED',
      detail: 'ALTERED',
      fields: ['applicationsSubmit', 'HTTP 422'],
    })

    // The centre did apply it: the honest retry (past the back-off) gets the stored answer.
    proxy.setTamper(null)
    const retry = await sync.syncNow()
    expect(retry.push).toMatchObject({ accepted: 1, repeats: 1, remaining: 0 })
    expect(data.outbox.get(item.idempotencyKey)?.state).toBe('accepted')
  })
})
