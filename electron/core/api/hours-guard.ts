/**
 * Opening hours enforced where the work is done, not only on the home tiles: a fund or tax entry
 * method called while its service is closed (a screen left open past closing time, a stale
 * renderer, a script on the web host) answers `SERVICE_CLOSED` with when it opens, and does
 * nothing. The verdict is the status tracker's, the same the tiles show, so the staff override
 * (which clears the closed list) opens both at once. Lookups, verification, help and guides are
 * not listed here: they are always open.
 */
import { fail, type MethodName } from '../../../shared/api'
import type { ServiceAvailability, ServiceId } from '../../../shared/services'
import type { Handlers } from './handlers'

/** The entry methods of services with hours, and the service each one belongs to. */
export const HOURS_GUARDED_METHODS: Partial<Record<MethodName, (input: unknown) => ServiceId>> = {
  'fund.confirmSend': (input) =>
    (input as { purpose?: string }).purpose === 'unbind' ? 'fund.unbind' : 'fund.bind',
  'fund.bind': () => 'fund.bind',
  'fund.unbind': () => 'fund.unbind',
  'fund.account': () => 'fund.query',
  'fund.records': () => 'fund.query',
  'fund.statement': () => 'fund.query',
  'fund.depositCertificate': () => 'fund.query',
  // Withdrawals into the wallet keep the wallet counter's hours (binding's).
  'fund.withdrawalEligibility': () => 'fund.bind',
  'fund.withdrawRent': () => 'fund.bind',
  'fund.rentPlanChange': () => 'fund.bind',
  'fund.withdrawRetire': () => 'fund.bind',
  'tax.records': () => 'tax.records',
  'tax.certificate': () => 'tax.certificate',
}

/** `opensAt=2026-12-07T08:30,weekday=1` (machine-readable; the renderer words it). */
function closedDetail(availability: ServiceAvailability): string | undefined {
  const at = availability.reason?.opensAt
  return at ? `opensAt=${at.date}T${at.time},weekday=${at.weekday}` : undefined
}

/**
 * `handlers` with every method of {@link HOURS_GUARDED_METHODS} refused while its service is
 * closed. `services` is the live availability (the status tracker's snapshot).
 */
export function withServiceHours(
  handlers: Handlers,
  services: () => readonly ServiceAvailability[],
): Handlers {
  const guarded: Record<string, unknown> = { ...handlers }
  for (const [method, serviceOf] of Object.entries(HOURS_GUARDED_METHODS)) {
    const inner = handlers[method as MethodName] as (input: unknown, ctx: unknown) => unknown
    guarded[method] = (input: unknown, ctx: unknown) => {
      const service = serviceOf(input)
      const closed = services().find((s) => s.id === service && s.reason?.code === 'CLOSED')
      if (closed) return fail('SERVICE_CLOSED', closedDetail(closed))
      return inner(input, ctx)
    }
  }
  return guarded as Handlers
}
