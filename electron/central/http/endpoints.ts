/**
 * One Fastify route per endpoint of the contract (`CENTRAL_ENDPOINTS`), each going the same way:
 * verify the signature, parse and validate the input, then under the lock spend the nonce, expire
 * what is due (and pay the rent plans whose pay day came), run the handler, validate the answer and write the state, even when the answer is an
 * error, because nonces and wrong SMS tries count then too.
 */
import type { FastifyInstance } from 'fastify'
import {
  CENTRAL_ENDPOINTS,
  type CentralEndpointName,
  type EndpointDef,
} from '../../../shared/central'
import { authenticate, spendNonce } from '../auth'
import type { CentralContext, Handlers, RequestContext } from '../context'
import { housekeeping } from '../housekeeping'
import { notifySettled } from '../messages'
import type { SeedResident } from '../seed'
import { residentFromToken } from '../routes/identity'
import { runDuePlans } from '../withdrawals/schedule'
import { HttpError, parseJsonBody, rawBody } from './plumbing'

/**
 * Registers every endpoint. `refuseFirst` is asked after the signature is checked and before
 * anything else (the demo outage answers 503 there).
 */
export function registerEndpoints(
  instance: FastifyInstance,
  ctx: CentralContext,
  handlers: Handlers,
  refuseFirst: () => HttpError | undefined,
): void {
  for (const name of Object.keys(CENTRAL_ENDPOINTS) as CentralEndpointName[]) {
    const endpoint: EndpointDef = CENTRAL_ENDPOINTS[name]
    const handler = handlers[name] as (c: RequestContext, i: unknown) => Promise<unknown>
    instance.route({
      method: endpoint.method,
      url: endpoint.path,
      handler: async (request, reply) => {
        const now = ctx.clock()
        const auth = await authenticate(request, ctx, now, refuseFirst)
        const input =
          endpoint.method === 'POST' ? parseJsonBody(rawBody(request.body)) : request.query
        const parsed = endpoint.request.safeParse(input)
        if (!parsed.success) {
          const issue = parsed.error.issues[0]
          throw new HttpError(
            400,
            'BAD_REQUEST',
            `${issue?.path.join('.') || 'request'}: ${issue?.message}`,
          )
        }
        return ctx.exclusive(async () => {
          spendNonce(ctx, auth)
          housekeeping(ctx.state(), now, (binding) =>
            notifySettled(ctx.state(), binding, ctx.phoneOfRef, now),
          )
          runDuePlans(ctx, now)
          let resident: SeedResident | undefined
          const requestCtx: RequestContext = {
            terminalId: auth.terminalId,
            now,
            request,
            reply,
            resident: () => (resident ??= residentFromToken(ctx, request, auth.terminalId, now)),
          }
          try {
            if (endpoint.auth === 'resident') requestCtx.resident()
            const body = endpoint.response.parse(await handler(requestCtx, parsed.data))
            return reply.code(200).type('application/json').send(body)
          } finally {
            await ctx.save()
          }
        })
      },
    })
  }
}
