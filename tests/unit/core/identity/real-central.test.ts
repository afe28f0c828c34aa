/**
 * The identity flows end to end against the real bundled central service on loopback: the core's
 * own central client signs every request, and `qa.smsInbox` reads the demo SMS endpoint.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCentralServer, type CentralServer } from '../../../../electron/central/server'
import { createCentralClient } from '../../../../electron/core/central'
import { createCore, type Core } from '../../../../electron/core/core'
import type { IdentityStatus, MethodInput, MethodName, Result } from '../../../../shared/api'
import { memoryLogger, testConfig } from '../core.fixture'
import { jpegStill } from './fake-central.fixture'
import { manualClock, valueOf } from './identity.fixture'

const TERMINAL_ID = 'T-TEST-01'
const TERMINAL_KEY = 'test-terminal-key-0123456789'
const LIN = '350102198506123417'

let server: CentralServer
let core: Core
let url: string
let clock: ReturnType<typeof manualClock>
let serverStopped = false

const call = <M extends MethodName>(m: M, input: MethodInput<M>): Promise<Result<unknown>> =>
  core.call(m, input)

async function code(): Promise<string> {
  return valueOf<{ code: string }>(await call('qa.smsInbox', {})).code
}

beforeEach(async () => {
  clock = manualClock('2026-11-20T02:00:00.000Z')
  server = createCentralServer({
    stateFile: join(mkdtempSync(join(tmpdir(), 'identity-central-')), 'state.json'),
    terminalKeys: { [TERMINAL_ID]: TERMINAL_KEY },
    demo: true,
    clock: clock.now,
  })
  url = (await server.start()).url
  core = await createCore(
    testConfig({
      terminalId: TERMINAL_ID,
      terminalKey: TERMINAL_KEY,
      centralUrl: url,
      qa: true,
      clock: clock.now,
    }),
    { logger: memoryLogger() },
  )
  valueOf(await call('session.start', {}))
})

afterEach(async () => {
  await core.stop()
  if (!serverStopped) await server.stop()
  serverStopped = false
})

describe('identity against the bundled central service', () => {
  it('card → SMS code from the demo inbox → verified; the token works for resident calls', async () => {
    await call('qa.insertCard', { resident: LIN })
    const read = valueOf<IdentityStatus>(await call('identity.readCard', {}))
    expect(read.subject).toMatchObject({ nameMasked: '林**', phoneMasked: '138****1234' })
    valueOf(await call('identity.sendSms', {}))
    const verified = valueOf<IdentityStatus>(
      await call('identity.verifySms', { code: await code() }),
    )
    expect(verified.resident).toMatchObject({ method: 'card+sms', hasFundAccount: true })

    const session = core.internals.sessions.current()!
    const resident = core.internals.identity.currentResident(session.id)!
    expect(resident.identity.idNumber).toBe(LIN)
    const client = createCentralClient({
      baseUrl: url,
      terminalId: TERMINAL_ID,
      terminalKey: TERMINAL_KEY,
      clock: clock.now,
    })
    const account = await client.call('fundAccount', {}, { residentToken: resident.residentToken })
    expect(account.ok).toBe(true)
  })

  it('ID number with lower-case x → SMS → verified', async () => {
    valueOf(await call('identity.sendSms', { idNumber: '35012120010718457x' }))
    const verified = valueOf<IdentityStatus>(
      await call('identity.verifySms', { code: await code() }),
    )
    expect(verified.resident).toMatchObject({
      nameMasked: '黄**',
      idNumberMasked: '350121********457X',
      phoneMasked: '135****5678',
      method: 'idNumber+sms',
      hasFundAccount: false,
    })
  })

  it('face check: NOMATCH is refused and counted, a plain still matches', async () => {
    await call('qa.insertCard', { resident: '350104197809301135' })
    valueOf(await call('identity.readCard', {}))
    expect(await call('identity.faceCheck', { image: jpegStill({ noMatch: true }) })).toEqual({
      ok: false,
      error: { code: 'FACE_NOT_MATCHED', detail: 'failuresLeft=2' },
    })
    const verified = valueOf<IdentityStatus>(
      await call('identity.faceCheck', { image: jpegStill() }),
    )
    expect(verified.resident).toMatchObject({ nameMasked: '王**', method: 'card+face' })
  })

  it("maps the centre's SMS errors: resend too soon, wrong code with tries left, void", async () => {
    valueOf(await call('identity.sendSms', { idNumber: LIN }))
    const right = await code()
    const wrong = right === '000000' ? '111111' : '000000'
    expect(await call('identity.verifySms', { code: wrong })).toEqual({
      ok: false,
      error: { code: 'SMS_CODE_WRONG', detail: 'attemptsLeft=4' },
    })
    for (let i = 0; i < 3; i++) await call('identity.verifySms', { code: wrong })
    expect(await call('identity.verifySms', { code: wrong })).toEqual({
      ok: false,
      error: { code: 'SMS_CODE_VOID', detail: 'failuresLeft=2' },
    })
    // The terminal's own countdown answers before the centre is asked.
    expect(await call('identity.sendSms', {})).toMatchObject({
      ok: false,
      error: { code: 'SMS_RESEND_TOO_SOON' },
    })
    clock.advance(61_000)
    valueOf(await call('identity.sendSms', {}))
    valueOf(await call('identity.verifySms', { code: await code() }))
  })

  it('unknown resident and mismatching card data', async () => {
    expect(await call('identity.sendSms', { idNumber: '11010519491231002X' })).toEqual({
      ok: false,
      error: { code: 'RESIDENT_NOT_FOUND', detail: 'failuresLeft=2' },
    })
    await call('qa.insertCard', {
      card: {
        name: '林小峰',
        gender: 'M',
        birthDate: '1985-06-12',
        idNumber: LIN,
        validityEnd: '长期',
      },
    })
    expect(await call('identity.readCard', {})).toEqual({
      ok: false,
      error: { code: 'CARD_MISMATCH', detail: 'failuresLeft=1' },
    })
  })

  it('says CENTRAL_UNREACHABLE once the centre is gone', async () => {
    await server.stop()
    expect(await call('identity.sendSms', { idNumber: LIN })).toMatchObject({
      ok: false,
      error: { code: 'CENTRAL_UNREACHABLE' },
    })
    expect(await call('qa.smsInbox', { phone: '13800591234' })).toMatchObject({
      ok: false,
      error: { code: 'CENTRAL_UNREACHABLE' },
    })
    serverStopped = true
  })
})
