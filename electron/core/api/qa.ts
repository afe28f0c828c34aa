/**
 * Handlers for `qa.*`: drive the simulated devices and read the demo SMS inbox. Every one is
 * refused with QA_MODE_ONLY unless the core runs in QA mode, before anything else happens.
 */
import { fail, ok, type MethodName, type Result } from '../../../shared/api'
import { maskIdNumber, maskName, maskPhone } from '../../../shared/domain/masking'
import { parseIdNumber } from '../../../shared/domain/id-number'
import type { CoreConfig } from '../config'
import { DEMO_RESIDENT_CARDS, demoResidentCard } from '../devices/demo-cards'
import type { DeviceRegistry } from '../devices/registry'
import { isSimulatedCardReader } from '../devices/simulated'
import {
  createFakeReaderControl,
  type FakeReaderCommand,
} from '../devices/ga467/fake-reader-control'
import type { DemoSmsInbox } from '../identity/demo-sms-inbox'
import type { IdentityService } from '../identity/identity'
import type { SessionManager } from '../session/session'
import type { Handler, HandlerGroup } from './handlers'

type QaMethodName =
  'qa.demoResidents' | 'qa.insertCard' | 'qa.removeCard' | 'qa.setDevice' | 'qa.smsInbox'

export function qaHandlers(deps: {
  config: Pick<CoreConfig, 'qa' | 'fakeReaderControl'>
  devices: DeviceRegistry
  identity: IdentityService
  sessions: SessionManager
  /** Null when the terminal has no central address (nothing to ask). */
  smsInbox: DemoSmsInbox | null
}): HandlerGroup<QaMethodName> {
  const { devices, identity, sessions, smsInbox } = deps

  /** Wraps a handler so that it runs only in QA mode. */
  const qaOnly =
    <M extends QaMethodName>(handler: Handler<M>): Handler<M> =>
    (input, ctx) =>
      deps.config.qa ? handler(input, ctx) : (fail('QA_MODE_ONLY') as Result<never>)

  const simulatedReader = () => {
    const reader = devices.get('cardReader')
    return reader && isSimulatedCardReader(reader) ? reader : undefined
  }

  // With the real driver on the fake GA 467 reader, the card buttons go to the fake reader.
  const fake = deps.config.fakeReaderControl
    ? createFakeReaderControl(deps.config.fakeReaderControl)
    : null
  /** Sends commands to the fake reader; the first that is refused or unanswered fails them all. */
  const toFake = async (...commands: FakeReaderCommand[]) => {
    for (const command of commands) {
      const answer = await fake!.send(command)
      if (!answer?.ok) return null
      if (command.path === '/remove') return answer
    }
    return { ok: true }
  }
  /** The cardReader status codes QA can give the fake reader, as its faults. */
  const FAKE_FAULT_FOR: Partial<Record<string, string>> = {
    OK: 'none',
    OFFLINE: 'silent',
    NOT_RESPONDING: 'silent',
    HARDWARE_ERROR: 'sam-error',
  }

  const handlers: HandlerGroup<QaMethodName> = {
    'qa.demoResidents': qaOnly(() =>
      ok({
        residents: Object.entries(DEMO_RESIDENT_CARDS).map(([idNumber, entry]) => ({
          idNumber: idNumber as keyof typeof DEMO_RESIDENT_CARDS,
          nameMasked: maskName(entry.card.name),
          phoneMasked: maskPhone(entry.phone),
          cardValidityEnd: entry.card.validityEnd,
        })),
      }),
    ),
    'qa.insertCard': qaOnly(async (input) => {
      const reader = simulatedReader()
      const card = input.card ?? DEMO_RESIDENT_CARDS[input.resident!].card
      const done = ok({ cardPresent: true as const, idNumberMasked: maskIdNumber(card.idNumber) })
      if (reader) {
        reader.insertCard(card, { unreadable: input.unreadable ?? false })
        return done
      }
      if (!fake) return fail('DEVICE_UNAVAILABLE', 'cardReader:not_simulated')
      const sent = await toFake(
        { path: '/fault', body: { fault: input.unreadable ? 'unreadable' : 'none' } },
        { path: '/insert', body: input.card ? { card: input.card } : { who: input.resident! } },
      )
      return sent ? done : fail('DEVICE_UNAVAILABLE', 'cardReader:fake_reader_unreachable')
    }),
    'qa.removeCard': qaOnly(async () => {
      const reader = simulatedReader()
      if (reader) return ok({ removed: reader.removeCard() })
      if (!fake) return fail('DEVICE_UNAVAILABLE', 'cardReader:not_simulated')
      const answer = await toFake({ path: '/remove' })
      if (!answer) return fail('DEVICE_UNAVAILABLE', 'cardReader:fake_reader_unreachable')
      return ok({ removed: 'removed' in answer ? answer.removed === true : false })
    }),
    'qa.setDevice': qaOnly(async (input) => {
      const driver = devices.get(input.kind)
      const fault = FAKE_FAULT_FOR[input.code]
      if (input.kind === 'cardReader' && driver && !driver.setSimulatedState && fake && fault) {
        if (!(await toFake({ path: '/fault', body: { fault } }))) {
          return fail('DEVICE_UNAVAILABLE', 'cardReader:fake_reader_unreachable')
        }
        return ok(driver.status())
      }
      if (!driver?.setSimulatedState)
        return fail('DEVICE_UNAVAILABLE', `${input.kind}:not_simulated`)
      return ok(
        driver.setSimulatedState({
          code: input.code,
          ...(input.state ? { state: input.state } : {}),
          ...(input.detail ? { detail: input.detail } : {}),
        }),
      )
    }),
    'qa.smsInbox': qaOnly(async (input) => {
      const phone = phoneFor(input)
      if (!phone.ok) return phone
      if (!smsInbox) return fail('CENTRAL_UNREACHABLE', 'no_central_url')
      const answer = await smsInbox.lastCode(phone.value)
      if (!answer.ok) {
        return fail(
          answer.reason === 'unreachable' ? 'CENTRAL_UNREACHABLE' : 'CENTRAL_REJECTED',
          answer.reason,
        )
      }
      return ok({ code: answer.sms?.code ?? null, sentAt: answer.sms?.sentAt ?? null })
    }),
  }

  /** The phone to look up: given, a demo resident's, or the resident being verified now. */
  function phoneFor(input: { phone?: string; idNumber?: string }): Result<string> {
    if (input.phone) return ok(input.phone)
    let idNumber = input.idNumber
    if (idNumber === undefined) {
      const session = sessions.current()
      idNumber = (session && identity.currentIdNumber(session.id)) ?? undefined
      if (!idNumber) return fail('NOT_SIGNED_IN', 'no_resident_in_flow')
    }
    if (!parseIdNumber(idNumber)) return fail('ID_NUMBER_INVALID')
    const demo = demoResidentCard(idNumber)
    return demo ? ok(demo.phone) : fail('RESIDENT_NOT_FOUND', 'not_a_demo_resident')
  }

  return handlers
}

/** The `qa.*` method names (tests check that each is refused outside QA mode). */
export const QA_METHOD_NAMES = [
  'qa.demoResidents',
  'qa.insertCard',
  'qa.removeCard',
  'qa.setDevice',
  'qa.smsInbox',
  // The demo centre's own QA routes (electron/core/api/qa-central.ts).
  'qa.centralApplications',
  'qa.centralOutage',
  'qa.centralRentPlansAdvance',
  // The clock opening hours and notices are judged by (electron/core/api/centre.ts).
  'qa.setClock',
] as const satisfies readonly MethodName[]
