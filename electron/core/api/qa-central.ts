/**
 * Handlers for `qa.central*`: read what the demo centre received, switch its outage on and off and
 * fast-forward its rent plans over its demo-only routes (unsigned; they exist only on a demo
 * centre). Refused with QA_MODE_ONLY outside QA mode, before anything else happens.
 */
import { fail, ok, type Result } from '../../../shared/api'
import {
  DEMO_OUTAGE_ROUTE,
  DEMO_RENT_PLANS_ADVANCE_ROUTE,
  DemoApplicationsResponse,
  DemoRentPlansAdvanceResponse,
  DemoOutageResponse,
  demoApplicationsPath,
} from '../../../shared/central'
import type { CoreConfig } from '../config'
import type { Handler, HandlerGroup } from './handlers'

type QaCentralMethodName =
  'qa.centralApplications' | 'qa.centralOutage' | 'qa.centralRentPlansAdvance'

export function qaCentralHandlers(deps: {
  config: Pick<CoreConfig, 'qa' | 'centralUrl'>
  fetch?: typeof fetch
}): HandlerGroup<QaCentralMethodName> {
  const doFetch = deps.fetch ?? globalThis.fetch
  const qaOnly =
    <M extends QaCentralMethodName>(handler: Handler<M>): Handler<M> =>
    (input, ctx) =>
      deps.config.qa ? handler(input, ctx) : (fail('QA_MODE_ONLY') as Result<never>)

  async function demo(path: string, init?: RequestInit): Promise<Result<unknown>> {
    const base = deps.config.centralUrl?.replace(/\/+$/, '')
    if (!base) return fail('CENTRAL_UNREACHABLE', 'no_central_url')
    try {
      const response = await doFetch(base + path, { ...init, signal: AbortSignal.timeout(5000) })
      if (!response.ok) return fail('CENTRAL_REJECTED', `status=${response.status}`)
      return ok(await response.json())
    } catch {
      return fail('CENTRAL_UNREACHABLE')
    }
  }

  return {
    'qa.centralApplications': qaOnly(async (input) => {
      const answer = await demo(demoApplicationsPath(input.kind))
      if (!answer.ok) return answer
      const parsed = DemoApplicationsResponse.safeParse(answer.value)
      if (!parsed.success) return fail('CENTRAL_REJECTED', 'not_demo')
      return ok({
        applications: parsed.data.applications.map((a) => ({
          applicationNo: a.applicationNo,
          status: a.status,
          createdAt: a.createdAt,
          payload: (a.payload ?? {}) as Record<string, unknown>,
        })),
      })
    }),
    'qa.centralRentPlansAdvance': qaOnly(async () => {
      const answer = await demo(DEMO_RENT_PLANS_ADVANCE_ROUTE, { method: 'POST' })
      if (!answer.ok) return answer
      const parsed = DemoRentPlansAdvanceResponse.safeParse(answer.value)
      return parsed.success ? ok(parsed.data) : fail('CENTRAL_REJECTED', 'not_demo')
    }),
    'qa.centralOutage': qaOnly(async (input) => {
      const answer = await demo(DEMO_OUTAGE_ROUTE, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ on: input.on }),
      })
      if (!answer.ok) return answer
      const parsed = DemoOutageResponse.safeParse(answer.value)
      return parsed.success ? ok(parsed.data) : fail('CENTRAL_REJECTED', 'not_demo')
    }),
  }
}
