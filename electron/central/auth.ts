/**
 * Who is calling, and the signature on what the centre answers. Every /v1 request is verified
 * (shared/central/signing.ts, `verifyRequest`); its nonce is spent once; and every answer to a
 * request whose signature held is signed with the terminal's key, errors included.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { signResponse, verifyRequest } from '../../shared/central'
import type { CentralContext } from './context'
import { HttpError, rawBody } from './http/plumbing'
import { dict } from './dict'

/** A request whose signature held. */
export interface VerifiedRequest {
  terminalId: string
  nonce: string
  timestamp: number
}

/** The requests whose signature held: their answers are signed on the way out. */
const answerSigners = new WeakMap<FastifyRequest, { terminalId: string; nonce: string }>()

/**
 * Signs an answer with the terminal's key (signing.ts, `signResponse`), whatever produced it: a
 * handler, the error handler or a refusal. Runs as Fastify's onSend hook, after serialisation, so
 * the signature covers the exact bytes and final status and no route can leave it out. Requests
 * refused before their signature held (and the demo routes) go unsigned; the terminal refuses
 * such answers.
 */
export function registerAnswerSigning(instance: FastifyInstance, ctx: CentralContext): void {
  instance.addHook(
    'onSend',
    async (request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> => {
      const signer = answerSigners.get(request)
      const key = signer ? ctx.keyFor(signer.terminalId) : undefined
      if (!signer || key === undefined) return payload
      const body = payload ?? ''
      // A stream cannot be hashed before it is sent: left unsigned (no route sends one).
      if (typeof body !== 'string' && !(body instanceof Uint8Array)) return payload
      const headers = await signResponse({
        status: reply.statusCode,
        body,
        requestNonce: signer.nonce,
        terminalId: signer.terminalId,
        key,
        now: ctx.clock(),
      })
      for (const [name, value] of Object.entries(headers)) reply.header(name, value)
      return payload
    },
  )
}

/**
 * Verifies a request's signature. From the moment the terminal is known its answer will be signed,
 * even when this or a later step refuses it. `refuseFirst` (the demo outage) answers 503 before the
 * verdict is told.
 */
export async function authenticate(
  request: FastifyRequest,
  ctx: CentralContext,
  now: Date,
  refuseFirst: () => HttpError | undefined,
): Promise<VerifiedRequest> {
  const auth = await verifyRequest({
    method: request.method,
    pathWithQuery: request.url,
    body: rawBody(request.body),
    headers: request.headers,
    keyFor: ctx.keyFor,
    now,
  })
  const signer = auth.ok ? auth : auth.signedBy
  if (signer) answerSigners.set(request, signer)
  const refusal = refuseFirst()
  if (refusal) throw refusal
  if (!auth.ok) {
    throw new HttpError(401, auth.code, 'request not authenticated', {
      ...(auth.code === 'AUTH_STALE_TIMESTAMP' ? { serverTime: now.toISOString() } : {}),
    })
  }
  return auth
}

/** Spends the request's nonce (under the lock); 401 AUTH_REPLAYED_NONCE if it was seen before. */
export function spendNonce(ctx: CentralContext, auth: VerifiedRequest): void {
  const seen = (ctx.state().nonces[auth.terminalId] ??= dict())
  if (seen[auth.nonce] !== undefined) {
    throw new HttpError(401, 'AUTH_REPLAYED_NONCE', 'nonce already used')
  }
  seen[auth.nonce] = auth.timestamp
}
