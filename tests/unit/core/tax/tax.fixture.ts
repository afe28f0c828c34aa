/**
 * A core against the real bundled central service on loopback, with a resident signed in through
 * the core's own identity methods (ID number + the demo SMS inbox), for the tax tests.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCentralServer, type CentralServer } from '../../../../electron/central/server'
import { buildDemoSeed, type SeedResident } from '../../../../electron/central/seed'
import { createCore, type Core } from '../../../../electron/core/core'
import type { MethodInput, MethodName, Result } from '../../../../shared/api'
import { memoryLogger, testConfig } from '../core.fixture'
import { manualClock, valueOf } from '../identity/identity.fixture'

export const TERMINAL_ID = 'T-TEST-01'
const TERMINAL_KEY = 'test-terminal-key-0123456789'
export const WANG = '350104197809301135'

export interface TaxTestCore {
  core: Core
  central: CentralServer
  clock: ReturnType<typeof manualClock>
  call<M extends MethodName>(m: M, input: MethodInput<M>): Promise<Result<unknown>>
  stop(): Promise<void>
}

/** Starts the centre and a core (store and sync running); `now` is the clock of both. */
export async function startTaxCore(now = '2026-11-20T02:00:00.000Z'): Promise<TaxTestCore> {
  const clock = manualClock(now)
  const central = createCentralServer({
    stateFile: join(mkdtempSync(join(tmpdir(), 'tax-central-')), 'state.json'),
    terminalKeys: { [TERMINAL_ID]: TERMINAL_KEY },
    demo: true,
    clock: clock.now,
  })
  const url = (await central.start()).url
  const core = await createCore(
    testConfig({
      terminalId: TERMINAL_ID,
      terminalKey: TERMINAL_KEY,
      centralUrl: url,
      qa: true,
      clock: clock.now,
    }),
    { logger: memoryLogger() },
  )
  await core.start()
  return {
    core,
    central,
    clock,
    call: (m, input) => core.call(m, input),
    async stop() {
      await core.stop()
      await central.stop()
    },
  }
}

/** Starts a session and verifies `idNumber` by SMS, as the identity screens do. */
export async function signIn(t: TaxTestCore, idNumber = WANG): Promise<string> {
  const { sessionId } = valueOf<{ sessionId: string }>(await t.call('session.start', {}))
  valueOf(await t.call('identity.sendSms', { idNumber }))
  const { code } = valueOf<{ code: string }>(await t.call('qa.smsInbox', {}))
  valueOf(await t.call('identity.verifySms', { code }))
  return sessionId
}

/** 王建国's seeded tax rows (the centre's own source), oldest first. */
export function seedRows(idNumber = WANG): SeedResident['taxRecords'] {
  return buildDemoSeed().residents.find((r) => r.idNumber === idNumber)!.taxRecords
}

export const sum = (rows: { income: number; taxPaid: number }[]) => ({
  income: rows.reduce((s, r) => s + r.income, 0),
  taxPaid: rows.reduce((s, r) => s + r.taxPaid, 0),
})

export { valueOf }
