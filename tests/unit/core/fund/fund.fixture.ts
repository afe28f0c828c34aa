/**
 * A core wired to the real bundled central service on loopback, for the fund tests: sign a demo
 * resident in through the core (ID number + the demo SMS inbox), confirm with a fresh code, and
 * stop / restart the centre on the same port and state file (offline submission).
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCentralServer, type CentralServer } from '../../../../electron/central/server'
import type { CentralClient } from '../../../../electron/core/central'
import { createCore, type Core } from '../../../../electron/core/core'
import type {
  ConfirmPurpose,
  MethodInput,
  MethodName,
  MethodOutput,
  Result,
} from '../../../../shared/api'
import { memoryLogger, testConfig } from '../core.fixture'

export const TERMINAL_ID = 'T-TEST-01'
export const TERMINAL_KEY = 'test-terminal-key-0123456789'

export const RESIDENTS = {
  lin: '350102198506123417',
  chen: '350103199202145626',
  wang: '350104197809301135',
  zheng: '350111196011050022',
  huang: '35012120010718457X',
} as const
export type DemoResident = keyof typeof RESIDENTS

export interface FundHarness {
  core: Core
  central(): CentralServer
  call<M extends MethodName>(m: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>
  value<M extends MethodName>(m: M, input: MethodInput<M>): Promise<MethodOutput<M>>
  /** Starts a session and verifies `who` through ID number + SMS code. */
  signIn(who: DemoResident): Promise<void>
  /** Sends and checks a fresh confirmation code for `purpose`. */
  confirm(purpose: ConfirmPurpose): Promise<void>
  /** Ends the current session. */
  signOut(): Promise<void>
  /** Stops the centre; pushes held by `restartCentral({ holdPushes })` go on now (and fail). */
  stopCentral(): Promise<void>
  /**
   * Starts the centre again on the same port and state. With `holdPushes` the sync engine's
   * pushes wait until the next `stopCentral()`, so what is in the outbox stays there while the
   * centre is up only for an SMS confirmation.
   */
  restartCentral(options?: { holdPushes?: boolean }): Promise<void>
  close(): Promise<void>
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting for reference data')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

export async function fundHarness(options: { bindSettleMs?: number } = {}): Promise<FundHarness> {
  const stateFile = join(mkdtempSync(join(tmpdir(), 'fund-central-')), 'state.json')
  const make = (port: number) =>
    createCentralServer({
      stateFile,
      terminalKeys: { [TERMINAL_ID]: TERMINAL_KEY },
      demo: true,
      port,
      smsMaxPerHour: 1000,
      ...(options.bindSettleMs ? { bindSettleMs: options.bindSettleMs } : {}),
    })
  let central = make(0)
  const url = (await central.start()).url
  const port = Number(new URL(url).port)
  let centralRunning = true
  // Held pushes wait on this gate (null: pushes go through).
  let pushGate: { opened: Promise<void>; open: () => void } | null = null
  const holdingPushes = (client: CentralClient): CentralClient => ({
    ...client,
    call: (async (...args: Parameters<CentralClient['call']>) => {
      if (args[0] === 'applicationsSubmit' && pushGate) await pushGate.opened
      return client.call(...args)
    }) as CentralClient['call'],
  })
  const releasePushes = () => {
    pushGate?.open()
    pushGate = null
  }
  const core = await createCore(
    testConfig({ terminalId: TERMINAL_ID, terminalKey: TERMINAL_KEY, centralUrl: url, qa: true }),
    { logger: memoryLogger(), syncClient: holdingPushes },
  )
  await core.start()
  // Not expect.poll: the harness also starts in beforeAll, outside a test.
  await waitFor(() => (core.internals.sync()?.walletOperators().length ?? 0) > 0, 10_000)

  const call = <M extends MethodName>(m: M, input: MethodInput<M>) =>
    core.call(m, input) as Promise<Result<MethodOutput<M>>>
  const value = async <M extends MethodName>(m: M, input: MethodInput<M>) => {
    const r = await call(m, input)
    if (!r.ok) throw new Error(`${m} failed: ${r.error.code} ${r.error.detail ?? ''}`)
    return r.value
  }
  const smsCode = async () => (await value('qa.smsInbox', {})).code!

  return {
    core,
    central: () => central,
    call,
    value,
    async signIn(who) {
      const current = core.internals.sessions.current()
      if (current) core.internals.sessions.end('finish', current.id)
      await value('session.start', {})
      await value('identity.sendSms', { idNumber: RESIDENTS[who] })
      await value('identity.verifySms', { code: await smsCode() })
    },
    async confirm(purpose) {
      await value('fund.confirmSend', { purpose })
      await value('fund.confirmVerify', { purpose, code: await smsCode() })
    },
    async signOut() {
      const current = core.internals.sessions.current()
      if (current) core.internals.sessions.end('finish', current.id)
    },
    async stopCentral() {
      await central.stop()
      centralRunning = false
      releasePushes()
    },
    async restartCentral(options = {}) {
      if (options.holdPushes && !pushGate) {
        let open = () => {}
        const opened = new Promise<void>((resolve) => (open = resolve))
        pushGate = { opened, open }
      }
      central = make(port)
      await central.start()
      centralRunning = true
    },
    async close() {
      releasePushes()
      await core.stop()
      if (centralRunning) await central.stop()
    },
  }
}

/** Applications of one kind the centre holds for a resident ref. */
export function applicationsOf(central: CentralServer, kind: string, residentRef: string) {
  return Object.values(central.snapshot().applications).filter(
    (a) => a.kind === kind && a.residentRef === residentRef,
  )
}
