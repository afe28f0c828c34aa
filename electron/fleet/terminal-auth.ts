/**
 * Terminals prove who they are with the key scheme they use with the centre
 * (shared/central/signing.ts): each request is HMAC-signed with the terminal's own key, and each
 * answer is signed back. A terminal not registered here is refused; the terminal id the signature
 * proves is the only one a request can write as.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { signResponse, verifyRequest, MAX_CLOCK_SKEW_MS } from '../../shared/central/signing'
import type { RegisteredTerminal } from './terminal-store'

/** An error answer with a code the terminal can act on. */
export class FleetHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code)
  }
}

/**
 * Nonces seen within the clock-skew window, in memory: a replay inside the window is refused, one
 * outside it is stale anyway. (One service instance per database; a restart forgets them, and a
 * replayed heartbeat changes nothing a fresh one would not.)
 */
export function createNonceMemory(clock: () => Date) {
  const seen = new Map<string, number>()
  let sweptAt = 0
  return {
    /** True when the nonce is new for this terminal (and remembers it). */
    spend(terminalId: string, nonce: string): boolean {
      const now = clock().getTime()
      if (now - sweptAt > 60_000) {
        for (const [key, at] of seen) if (now - at > 2 * MAX_CLOCK_SKEW_MS) seen.delete(key)
        sweptAt = now
      }
      const key = `${terminalId}\n${nonce}`
      if (seen.has(key)) return false
      seen.set(key, now)
      return true
    },
    size: () => seen.size,
  }
}

export interface TerminalAuthDeps {
  terminal: (id: string) => RegisteredTerminal | undefined
  clock: () => Date
}

const signers = new WeakMap<FastifyRequest, { terminalId: string; nonce: string; key: string }>()

/** Signs every answer to a request whose signature held (errors included), as the centre does. */
export function registerFleetAnswerSigning(app: FastifyInstance, deps: TerminalAuthDeps): void {
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const signer = signers.get(request)
    if (!signer || (typeof payload !== 'string' && !(payload instanceof Uint8Array))) return payload
    const headers = await signResponse({
      status: reply.statusCode,
      body: payload,
      requestNonce: signer.nonce,
      terminalId: signer.terminalId,
      key: signer.key,
      now: deps.clock(),
    })
    for (const [name, value] of Object.entries(headers)) reply.header(name, value)
    return payload
  })
}

/** Verifies the request's signature and spends its nonce; returns the terminal it proves. */
export async function authenticateTerminal(
  request: FastifyRequest,
  deps: TerminalAuthDeps,
  nonces: ReturnType<typeof createNonceMemory>,
): Promise<RegisteredTerminal> {
  const result = await verifyRequest({
    method: request.method,
    pathWithQuery: request.url,
    body: typeof request.body === 'string' ? request.body : '',
    headers: request.headers,
    keyFor: (id) => deps.terminal(id)?.key,
    now: deps.clock(),
  })
  const signedBy = result.ok ? result : result.signedBy
  const terminal = signedBy ? deps.terminal(signedBy.terminalId) : undefined
  if (signedBy && terminal) {
    signers.set(request, { terminalId: terminal.id, nonce: signedBy.nonce, key: terminal.key })
  }
  if (!result.ok) throw new FleetHttpError(401, result.code)
  if (!terminal) throw new FleetHttpError(401, 'AUTH_UNKNOWN_TERMINAL')
  if (!nonces.spend(terminal.id, result.nonce)) {
    throw new FleetHttpError(401, 'AUTH_REPLAYED_NONCE')
  }
  return terminal
}
