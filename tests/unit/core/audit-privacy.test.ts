/**
 * What a resident's visit leaves in the audit log (docs/audit.md): the
 * sign-in with its method, failed attempts with their code, that a balance, records or tax rows
 * were viewed (with the page and filter, never the figures), what was printed; the subject always
 * masked. Real core, real store on disk, the real bundled centre on loopback; afterwards the full
 * ID number, name and phone are found nowhere in the store's files.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { buildDemoSeed } from '../../../electron/central/seed'
import { createCentralServer, type CentralServer } from '../../../electron/central/server'
import type { Core } from '../../../electron/core/core'
import type { AuditEntry } from '../../../electron/core/store'
import type { MethodInput, MethodName } from '../../../shared/api'
import { jpegStill } from './identity/fake-central.fixture'
import { testCore } from './core.fixture'

const KEY = 'test-terminal-key-0123456789'
const LIN = buildDemoSeed().residents.find((r) => r.idNumber === '350102198506123417')!
const MASKED = '350102********3417'

let central: CentralServer | null = null
let core: Core | null = null

afterEach(async () => {
  await core?.stop()
  await central?.stop()
  core = null
  central = null
})

async function start(): Promise<{ core: Core; dataDir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-central-'))
  central = createCentralServer({
    stateFile: join(dir, 'state.json'),
    terminalKeys: { 'T-TEST-01': KEY },
    demo: true,
    port: 0,
  })
  const { url } = await central.start()
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-audit-privacy-'))
  ;({ core } = await testCore({ centralUrl: url, dataDir, terminalKey: KEY, qa: true }))
  await core.start()
  return { core, dataDir }
}

async function value<M extends MethodName>(c: Core, method: M, input: MethodInput<M>) {
  const result = await c.call(method, input)
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`)
  return result.value as Record<string, unknown>
}

async function inboxCode(c: Core): Promise<string> {
  return (await value(c, 'qa.smsInbox', {})).code as string
}

const otherThan = (code: string) => (code === '000000' ? '111111' : '000000')

/** Every entry, oldest first, once the fire-and-forget writes have landed. */
async function entries(c: Core, settle: (all: AuditEntry[]) => boolean): Promise<AuditEntry[]> {
  const audit = c.internals.data()!.audit
  await expect.poll(() => settle(audit.list({ limit: 1000 }))).toBe(true)
  return audit.list({ limit: 1000 }).reverse()
}

/** Every file under `dir`, as bytes. */
function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [{ path, bytes: readFileSync(path) }]
  })
}

describe('audit entries of a visit', () => {
  it('ID number + SMS: method and masked subject; views, prints, failures; no PII on disk', async () => {
    const { core: c, dataDir } = await start()
    const { sessionId } = await value(c, 'session.start', {})
    await value(c, 'identity.sendSms', { idNumber: LIN.idNumber })
    const code = await inboxCode(c)
    const wrong = await c.call('identity.verifySms', { code: otherThan(code) })

    expect(wrong).toMatchObject({ ok: false, error: { code: 'SMS_CODE_WRONG' } })
    await value(c, 'identity.verifySms', { code })
    await value(c, 'fund.account', {})
    await value(c, 'fund.records', { from: '2025-01-01', to: '2026-11-30', page: 2, pageSize: 5 })
    await value(c, 'tax.records', { page: 1, pageSize: 10 })
    const { printableId } = await value(c, 'fund.statement', {
      from: '2025-01-01',
      to: '2026-11-30',
    })
    await value(c, 'print.print', { printableId: printableId as string })
    // The fresh SMS confirmation before a bind: its wrong code is a failed identity step too.
    await value(c, 'fund.confirmSend', { purpose: 'bind' })
    const confirmCode = await inboxCode(c)
    expect(
      await c.call('fund.confirmVerify', { purpose: 'bind', code: otherThan(confirmCode) }),
    ).toMatchObject({ ok: false, error: { code: 'SMS_CODE_WRONG' } })
    await value(c, 'fund.confirmVerify', { purpose: 'bind', code: confirmCode })
    await value(c, 'session.end', { sessionId: sessionId as string, reason: 'finish' })

    const all = await entries(c, (list) => list.some((e) => e.action === 'session.end'))
    const of = (action: string) => all.filter((e) => e.action === action)
    expect(of('identity.signIn')).toEqual([
      expect.objectContaining({
        subject: MASKED,
        outcome: 'ok',
        detail: { method: 'idNumber+sms' },
      }),
    ])
    expect(of('identity.failed')).toEqual([
      expect.objectContaining({
        subject: MASKED,
        outcome: 'failed',
        detail: { code: 'SMS_CODE_WRONG', attemptsLeft: 4 },
      }),
    ])
    expect(of('identity.confirm').map((e) => [e.subject, e.outcome, e.detail])).toEqual([
      [MASKED, 'failed', { purpose: 'bind', code: 'SMS_CODE_WRONG' }],
      [MASKED, 'ok', { purpose: 'bind' }],
    ])
    expect(of('fund.query').map((e) => [e.subject, e.outcome, e.detail])).toEqual([
      [MASKED, 'viewed', { view: 'balance' }],
      [
        MASKED,
        'viewed',
        {
          view: 'records',
          from: '2025-01-01',
          to: '2026-11-30',
          businessType: null,
          page: 2,
          pageSize: 5,
        },
      ],
    ])
    expect(of('tax.records')).toEqual([
      expect.objectContaining({
        subject: MASKED,
        outcome: 'viewed',
        detail: { year: null, taxType: null, page: 1, pageSize: 10 },
      }),
    ])
    expect(of('print.document')).toEqual([
      expect.objectContaining({
        subject: MASKED,
        outcome: 'ok',
        detail: { printer: 'a4Printer', what: 'statement' },
      }),
    ])
    // Never a figure: no balance, amount or total travels in a view entry.
    const balance = String(LIN.fundAccount!.balance)
    for (const e of [...of('fund.query'), ...of('tax.records')]) {
      expect(JSON.stringify(e.detail)).not.toContain(balance)
      const keys = Object.keys(e.detail as object)
      expect(keys.filter((k) => ['balance', 'totals', 'items', 'amount'].includes(k))).toEqual([])
    }
    expect(c.internals.data()!.audit.verify().ok).toBe(true)

    await c.stop()
    core = null
    const files = filesUnder(dataDir)
    expect(files.some((f) => f.path.endsWith('kiosk.db'))).toBe(true)
    for (const secret of [LIN.idNumber, LIN.name, LIN.phone]) {
      const hits = files.filter((f) => f.bytes.includes(Buffer.from(secret)))
      expect(
        hits.map((f) => f.path),
        secret.slice(0, 2),
      ).toEqual([])
    }
  })

  it('card + face: a mismatch is a failed attempt, the match a sign-in, both masked', async () => {
    const { core: c } = await start()
    await value(c, 'session.start', {})
    await value(c, 'qa.insertCard', { resident: '350102198506123417' })
    await value(c, 'identity.readCard', {})
    const miss = await c.call('identity.faceCheck', { image: jpegStill({ noMatch: true }) })
    expect(miss).toMatchObject({ ok: false, error: { code: 'FACE_NOT_MATCHED' } })
    await value(c, 'identity.faceCheck', { image: jpegStill() })
    const all = await entries(c, (list) => list.some((e) => e.action === 'identity.signIn'))
    expect(all.filter((e) => e.action.startsWith('identity.'))).toEqual([
      expect.objectContaining({
        action: 'identity.failed',
        subject: MASKED,
        outcome: 'failed',
        detail: { code: 'FACE_NOT_MATCHED', failures: 1 },
      }),
      expect.objectContaining({
        action: 'identity.signIn',
        subject: MASKED,
        detail: { method: 'card+face' },
      }),
    ])
  })

  it('a typed number that is no ID number is audited without it', async () => {
    const { core: c } = await start()
    await value(c, 'session.start', {})
    const typed = '350102198506123418' // last digit wrong: fails the GB 11643 check
    expect(await c.call('identity.sendSms', { idNumber: typed })).toMatchObject({
      ok: false,
      error: { code: 'ID_NUMBER_INVALID' },
    })
    const all = await entries(c, (list) => list.some((e) => e.action === 'identity.failed'))
    expect(all.find((e) => e.action === 'identity.failed')).toMatchObject({
      subject: null,
      outcome: 'refused',
      detail: { code: 'ID_NUMBER_INVALID' },
    })
  })

  it('masks ID and phone shapes a caller left in an entry, before it is hashed and kept', async () => {
    const { core: c } = await start()
    await c.internals.audit.record({
      action: 'test.unmasked',
      subject: LIN.idNumber,
      outcome: 'ok',
      detail: { note: `call ${LIN.phone} about ${LIN.idNumber}` },
    })
    const [entry] = c.internals.data()!.audit.list({ action: 'test.unmasked' })
    expect(entry).toMatchObject({
      subject: MASKED,
      detail: { note: `call ${LIN.phone.slice(0, 3)}****${LIN.phone.slice(-4)} about ${MASKED}` },
    })
    expect(c.internals.data()!.audit.verify().ok).toBe(true)
  })
})
