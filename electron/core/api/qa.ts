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
import type { DemoSmsInbox } from '../identity/demo-sms-inbox'
import type { IdentityService } from '../identity/identity'
import type { SessionManager } from '../session/session'
import type { Handler, HandlerGroup } from './handlers'

type QaMethodName =
  'qa.demoResidents' | 'qa.insertCard' | 'qa.removeCard' | 'qa.setDevice' | 'qa.smsInbox'

export function qaHandlers(deps: {
  config: Pick<CoreConfig, 'qa'>
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
    'qa.insertCard': qaOnly((input) => {
      const reader = simulatedReader()
      if (!reader) return fail('DEVICE_UNAVAILABLE', 'cardReader:not_simulated')
      const card = input.card ?? DEMO_RESIDENT_CARDS[input.resident!].card
      reader.insertCard(card, { unreadable: input.unreadable ?? false })
      return ok({ cardPresent: true as const, idNumberMasked: maskIdNumber(card.idNumber) })
    }),
    'qa.removeCard': qaOnly(() => {
      const reader = simulatedReader()
      if (!reader) return fail('DEVICE_UNAVAILABLE', 'cardReader:not_simulated')
      return ok({ removed: reader.removeCard() })
    }),
    'qa.setDevice': qaOnly((input) => {
      const driver = devices.get(input.kind)
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
] as const satisfies readonly MethodName[]
