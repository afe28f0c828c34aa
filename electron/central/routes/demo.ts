/**
 * Demo and QA routes, registered only in demo mode and never signed: the last SMS code sent to a
 * phone, the notices it was sent, what arrived of one application kind (call-back phones opened and
 * masked), the rent plans' fast-forward (the next instalment now), and a switch
 * that makes every /v1 route answer 503 as if the centre were down.
 */
import type { FastifyInstance } from 'fastify'
import {
  ApplicationKind,
  DEMO_APPLICATIONS_LIMIT,
  DEMO_APPLICATIONS_ROUTE,
  DEMO_MESSAGES_ROUTE,
  DEMO_OUTAGE_ROUTE,
  DEMO_RENT_PLANS_ADVANCE_ROUTE,
  DEMO_SMS_ROUTE,
  DemoOutageRequest,
  openContact,
  type DemoApplication,
} from '../../../shared/central'
import { maskPhone } from '../../../shared/domain/masking'
import type { CentralContext } from '../context'
import { messagesFor } from '../messages'
import { HttpError, parseJsonBody, rawBody } from '../http/plumbing'
import type { StoredApplication } from '../state'
import { advancePlans } from '../withdrawals/schedule'

/** The outage switch the demo routes flip and the /v1 routes read. */
export interface DemoOutage {
  on: boolean
}

/** An application as the QA page shows it: a sealed call-back phone opened and masked. */
async function demoApplication(
  ctx: CentralContext,
  app: StoredApplication,
): Promise<DemoApplication> {
  let payload = app.payload
  const sealed = (payload as { contactSealed?: unknown } | undefined)?.contactSealed
  if (typeof sealed === 'string') {
    const phone = await openContact(sealed, ctx.keyFor(app.terminalId) ?? '')
    const { contactSealed: _sealed, ...rest } = payload as Record<string, unknown>
    payload = { ...rest, contactMasked: phone ? maskPhone(phone) : null }
  }
  return {
    applicationNo: app.applicationNo,
    kind: app.kind,
    status: app.status,
    createdAt: app.createdAt,
    payload,
  }
}

export function registerDemoRoutes(
  instance: FastifyInstance,
  ctx: CentralContext,
  outage: DemoOutage,
): void {
  instance.get<{ Params: { phone: string } }>(DEMO_SMS_ROUTE, async (request) => {
    const sms = ctx.state().sms[request.params.phone]
    if (!sms) throw new HttpError(404, 'NOT_FOUND', 'no code sent to this phone')
    return { code: sms.code, sentAt: sms.sentAt }
  })
  // Every phone answers, an unknown one with an empty list: the route says nothing of who exists.
  instance.get<{ Params: { phone: string } }>(DEMO_MESSAGES_ROUTE, async (request) => ({
    messages: messagesFor(ctx.state(), request.params.phone),
  }))
  instance.get<{ Params: { kind: string } }>(DEMO_APPLICATIONS_ROUTE, async (request) => {
    const kind = ApplicationKind.safeParse(request.params.kind)
    if (!kind.success) throw new HttpError(404, 'NOT_FOUND', 'no such kind')
    const newest = Object.values(ctx.state().applications)
      .filter((app) => app.kind === kind.data)
      .slice(-DEMO_APPLICATIONS_LIMIT)
    const applications: DemoApplication[] = []
    for (const app of newest) applications.push(await demoApplication(ctx, app))
    return { applications }
  })
  // Under the lock and saved like a /v1 request: it pays money.
  instance.post(DEMO_RENT_PLANS_ADVANCE_ROUTE, async () =>
    ctx.exclusive(async () => {
      const instalments = advancePlans(ctx, ctx.clock())
      await ctx.save()
      return { instalments }
    }),
  )
  instance.post(DEMO_OUTAGE_ROUTE, async (request) => {
    const parsed = DemoOutageRequest.safeParse(parseJsonBody(rawBody(request.body)))
    if (!parsed.success) throw new HttpError(400, 'BAD_REQUEST', 'on')
    outage.on = parsed.data.on
    return { on: outage.on }
  })
}
