/**
 * The central service's HTTP plumbing: bodies read as raw strings (the signature covers the exact
 * bytes), size and nesting limits, and every failure turned into the contract's error answer
 * `{ error: { code, message, …extra } }`.
 */
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { CentralErrorCode } from '../../../shared/central'

/** Bodies above this size are refused (413); a still JPEG in base64 fits well below it. */
export const BODY_LIMIT_BYTES = 512 * 1024
/** JSON nested deeper than this is refused (400 JSON_TOO_DEEP). */
export const MAX_JSON_DEPTH = 32

/** An error answer with its HTTP status and stable code. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: CentralErrorCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message)
  }
}

function jsonDepth(value: unknown): number {
  let max = 0
  const stack: Array<[unknown, number]> = [[value, 1]]
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!
    if (v === null || typeof v !== 'object') continue
    max = Math.max(max, depth)
    if (max > MAX_JSON_DEPTH) return max
    for (const child of Object.values(v as object)) stack.push([child, depth + 1])
  }
  return max
}

/** The raw body as JSON; 400 BAD_JSON when it is not JSON, JSON_TOO_DEEP when nested too deep. */
export function parseJsonBody(raw: string): unknown {
  let input: unknown
  try {
    input = JSON.parse(raw)
  } catch {
    throw new HttpError(400, 'BAD_JSON', 'body is not valid JSON')
  }
  if (jsonDepth(input) > MAX_JSON_DEPTH) {
    throw new HttpError(400, 'JSON_TOO_DEEP', `JSON nested deeper than ${MAX_JSON_DEPTH}`)
  }
  return input
}

/** The raw body a route received (the content-type parser keeps it a string). */
export function rawBody(body: unknown): string {
  return typeof body === 'string' ? body : ''
}

export function sendError(reply: FastifyReply, error: HttpError): FastifyReply {
  return reply
    .code(error.status)
    .type('application/json')
    .send({ error: { code: error.code, message: error.message, ...error.extra } })
}

/** Raw JSON bodies, the error handler and the not-found answer. */
export function registerPlumbing(instance: FastifyInstance): void {
  instance.removeAllContentTypeParsers()
  instance.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  )
  instance.setErrorHandler((error, _request, reply) => {
    if (error instanceof HttpError) return sendError(reply, error)
    const status = (error as { statusCode?: number }).statusCode
    if (status === 413)
      return sendError(reply, new HttpError(413, 'BODY_TOO_LARGE', 'body too large'))
    if (status === 415) {
      return sendError(reply, new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send application/json'))
    }
    if (status !== undefined && status >= 400 && status < 500) {
      return sendError(reply, new HttpError(status, 'BAD_REQUEST', (error as Error).message))
    }
    return sendError(reply, new HttpError(500, 'INTERNAL', 'internal error'))
  })
  instance.setNotFoundHandler((_request, reply) =>
    sendError(reply, new HttpError(404, 'NOT_FOUND', 'no such endpoint')),
  )
}
