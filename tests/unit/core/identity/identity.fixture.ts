/**
 * A core for identity tests: QA mode, a fake centre, a controllable clock, and a recorder of
 * everything the renderer would receive (results and events), for the privacy checks.
 */
import { createCore, type Core } from '../../../../electron/core/core'
import type { CentralCaller } from '../../../../electron/core/central'
import type { DemoSmsInbox } from '../../../../electron/core/identity/demo-sms-inbox'
import type { CoreConfig } from '../../../../electron/core/config'
import type { EventMessage, MethodInput, MethodName, Result } from '../../../../shared/api'
import { memoryLogger, testConfig, type MemoryLogger } from '../core.fixture'
import { createFakeCentral, type FakeCentral } from './fake-central.fixture'

/** A clock the test moves by hand. Starts 2026-03-01 10:00 in China. */
export function manualClock(start = '2026-03-01T02:00:00.000Z') {
  let now = new Date(start).getTime()
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms
    },
  }
}

export interface IdentityTestCore {
  core: Core
  central: FakeCentral
  clock: ReturnType<typeof manualClock>
  log: MemoryLogger
  /** Everything the renderer received: every result and every event, in order. */
  received: unknown[]
  events: EventMessage[]
  /** Calls a method as the renderer would, recording the answer. */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<unknown>>
  /** Starts a session and returns its id. */
  start(): Promise<string>
}

export async function identityCore(
  options: {
    config?: Partial<CoreConfig>
    central?: CentralCaller
    inbox?: DemoSmsInbox
  } = {},
): Promise<IdentityTestCore> {
  const clock = manualClock()
  const central = createFakeCentral(clock.now)
  const log = memoryLogger()
  const core = await createCore(testConfig({ qa: true, clock: clock.now, ...options.config }), {
    logger: log,
    central: options.central ?? central,
    demoSmsInbox: options.inbox ?? central.inbox,
  })
  const received: unknown[] = []
  const events: EventMessage[] = []
  core.onEvent((message) => {
    events.push(message)
    received.push(message)
  })
  const call = async <M extends MethodName>(method: M, input: MethodInput<M>) => {
    const result = await core.call(method, input)
    received.push(result)
    return result
  }
  return {
    core,
    central,
    clock,
    log,
    received,
    events,
    call,
    async start() {
      const result = await call('session.start', {})
      if (!result.ok) throw new Error('session.start failed')
      return (result.value as { sessionId: string }).sessionId
    },
  }
}

/** The value of an ok result (fails the test otherwise). */
export function valueOf<T = Record<string, unknown>>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`)
  return result.value as T
}
