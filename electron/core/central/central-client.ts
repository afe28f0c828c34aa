/**
 * The terminal's client for the central service: builds each request from the contract's endpoint
 * table, signs it with the terminal's key (so the centre knows which terminal asks), sends it with a
 * timeout, checks that the answer is the centre's answer to exactly this request (signed with the
 * same key over status, body and the request's nonce: `verifyResponse`) and only then reads it
 * against the contract. It never throws: a network failure, a timeout, an unsigned, altered or
 * replayed answer (`ANSWER_UNTRUSTED`) is a result with status 0 and a transport code, so callers
 * (the sync engine, API handlers) decide on retries from one value and nothing an untrusted answer
 * said reaches them.
 *
 * Re-authentication (a 401 re-authenticates rather than failing the item): every attempt is signed afresh
 * (new nonce, new timestamp). When the centre answers `AUTH_STALE_TIMESTAMP` with its `serverTime`,
 * the client learns the clock offset, keeps it for later requests, and re-signs and resends once;
 * `AUTH_REPLAYED_NONCE` is also re-signed and resent once. Any other 401 is returned as is.
 */
import {
  SIGNATURE_HEADERS,
  buildCentralRequest,
  parseCentralResponse,
  signRequest,
  verifyReceipt,
  verifyResponse,
  type AnswerProblem,
  type CentralCallResult,
  type CentralEndpointName,
  type CentralHttpRequest,
  type CentralRequest,
  type SignedReceipt,
} from '../../../shared/central'

/** Codes of failures that happened on the terminal's side of the wire (status 0). */
export type TransportErrorCode =
  /** Connection refused or reset, DNS failure, the answer cut off mid-body. */
  | 'TRANSPORT_NETWORK'
  /** No complete answer within the timeout. */
  | 'TRANSPORT_TIMEOUT'
  /** The call was aborted by the caller (engine stopping). */
  | 'TRANSPORT_ABORTED'
  /** The input does not fit the contract: a bug on the terminal's side, never worth a retry. */
  | 'REQUEST_INVALID'
  /**
   * An answer came but is not the centre's answer to this request (unsigned, altered or replayed):
   * nothing in it is believed, so it is treated like a broken connection.
   */
  | 'ANSWER_UNTRUSTED'

/** A failure before any HTTP answer was read, or an answer that was refused unread. */
export interface TransportFailure {
  ok: false
  status: 0
  error: { code: TransportErrorCode; message: string; problem?: AnswerProblem }
}

/** What {@link CentralClientOptions.onUntrustedAnswer} is told: never a body or a header value. */
export interface UntrustedAnswer {
  endpoint: CentralEndpointName
  problem: AnswerProblem
  /** The HTTP status the refused answer claimed. */
  httpStatus: number
}

/** What {@link CentralClient.call} resolves to: the contract's result, or a transport failure. */
export type CentralClientResult<N extends CentralEndpointName> =
  CentralCallResult<N> | TransportFailure

/** Per-call options. */
export interface CentralCallOptions {
  /** Sent as `x-resident-token` to endpoints with `auth: 'resident'`. */
  residentToken?: string
  /** Overrides the client's timeout for this call. */
  timeoutMs?: number
  /** Aborts the call (the result is `TRANSPORT_ABORTED`). */
  signal?: AbortSignal
}

/** Options of {@link createCentralClient}. */
export interface CentralClientOptions {
  /** e.g. `http://127.0.0.1:8790`; a trailing slash is ignored. */
  baseUrl: string
  terminalId: string
  /** The terminal's HMAC key. Never logged, never put in a result. */
  terminalKey: string
  /** The terminal's clock (CoreConfig.clock). */
  clock: () => Date
  /** Replaces the global fetch (tests). */
  fetch?: typeof fetch
  /** Per-attempt timeout covering the whole answer, body included (default 10 s). */
  timeoutMs?: number
  /** Told of every refused answer (the core raises a staff issue and logs it). */
  onUntrustedAnswer?: (event: UntrustedAnswer) => void
}

/** The central-service client. */
export interface CentralClient {
  readonly terminalId: string
  /**
   * Calls one endpoint. Never throws (a thrown error here would be a bug in the client itself).
   * @example
   * const r = await client.call('referenceData', { since: cursor })
   * if (r.ok) apply(r.value) else if (isRetryable(r)) backOff()
   */
  call<N extends CentralEndpointName>(
    name: N,
    input: CentralRequest<N>,
    options?: CentralCallOptions,
  ): Promise<CentralClientResult<N>>
  /** True when `receipt` was signed by the centre with this terminal's key and is unaltered. */
  verifyReceipt(receipt: SignedReceipt): Promise<boolean>
  /** The learnt offset of the centre's clock from ours, ms (centre minus terminal). */
  clockOffsetMs(): number
}

/** The header a resident-authenticated request carries. */
export const RESIDENT_TOKEN_HEADER = 'x-resident-token'

const DEFAULT_TIMEOUT_MS = 10_000

/** 401 codes that a fresh signature (with a corrected clock) can cure. */
const RESIGNABLE = new Set(['AUTH_STALE_TIMESTAMP', 'AUTH_REPLAYED_NONCE'])

function transportFailure(code: TransportErrorCode, message: string): TransportFailure {
  return { ok: false, status: 0, error: { code, message } }
}

function messageOf(error: unknown): string {
  if (error instanceof Error) {
    // undici hides the socket error in `cause` ("fetch failed" alone says nothing).
    const cause = (error as { cause?: unknown }).cause
    const detail = cause instanceof Error ? `: ${cause.message}` : ''
    return `${error.message}${detail}`
  }
  return String(error)
}

/** Creates the client. Pure configuration; nothing is sent until {@link CentralClient.call}. */
export function createCentralClient(options: CentralClientOptions): CentralClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '')
  const doFetch = options.fetch ?? globalThis.fetch
  const defaultTimeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  let offsetMs = 0

  /**
   * One signed attempt: an HTTP answer whose signature holds (status + parsed JSON or undefined),
   * or a failure. The answer is checked before anything in it is read.
   */
  async function attempt(
    endpoint: CentralEndpointName,
    request: CentralHttpRequest,
    callOptions: CentralCallOptions,
  ): Promise<{ status: number; json: unknown } | TransportFailure> {
    const signed = await signRequest({
      method: request.method,
      pathWithQuery: request.pathWithQuery,
      body: request.body,
      terminalId: options.terminalId,
      key: options.terminalKey,
      now: new Date(options.clock().getTime() + offsetMs),
    })
    const headers: Record<string, string> = { ...request.headers, ...signed }
    if (callOptions.residentToken !== undefined) {
      headers[RESIDENT_TOKEN_HEADER] = callOptions.residentToken
    }
    const timeoutMs = callOptions.timeoutMs ?? defaultTimeoutMs
    const controller = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort()
    }, timeoutMs)
    timer.unref?.()
    const onAbort = () => controller.abort()
    callOptions.signal?.addEventListener('abort', onAbort, { once: true })
    try {
      if (callOptions.signal?.aborted) return transportFailure('TRANSPORT_ABORTED', 'aborted')
      const response = await doFetch(baseUrl + request.pathWithQuery, {
        method: request.method,
        headers,
        body: request.body,
        signal: controller.signal,
      })
      // The body is read under the same timeout: an answer cut off mid-body is no answer.
      const text = await response.text()
      const verified = await verifyResponse({
        status: response.status,
        body: text,
        header: (name) => response.headers.get(name),
        requestNonce: signed[SIGNATURE_HEADERS.nonce],
        terminalId: options.terminalId,
        key: options.terminalKey,
      })
      if (!verified.ok) {
        try {
          options.onUntrustedAnswer?.({
            endpoint,
            problem: verified.problem,
            httpStatus: response.status,
          })
        } catch {
          // The report is best effort; the refusal stands either way.
        }
        return {
          ok: false,
          status: 0,
          error: {
            code: 'ANSWER_UNTRUSTED',
            message: `${verified.problem} answer (HTTP ${response.status}) refused`,
            problem: verified.problem,
          },
        }
      }
      let json: unknown
      try {
        json = text.length > 0 ? (JSON.parse(text) as unknown) : undefined
      } catch {
        json = undefined // a proxy's HTML error page: parseCentralResponse names the status
      }
      return { status: response.status, json }
    } catch (error) {
      if (timedOut) return transportFailure('TRANSPORT_TIMEOUT', `no answer in ${timeoutMs} ms`)
      if (callOptions.signal?.aborted) return transportFailure('TRANSPORT_ABORTED', 'aborted')
      return transportFailure('TRANSPORT_NETWORK', messageOf(error))
    } finally {
      clearTimeout(timer)
      callOptions.signal?.removeEventListener('abort', onAbort)
    }
  }

  return {
    terminalId: options.terminalId,

    async call(name, input, callOptions = {}) {
      let request: CentralHttpRequest
      try {
        request = buildCentralRequest(name, input)
      } catch (error) {
        return transportFailure('REQUEST_INVALID', messageOf(error))
      }
      try {
        let answer = await attempt(name, request, callOptions)
        if ('ok' in answer) return answer
        let result = parseCentralResponse(name, answer.status, answer.json)
        if (!result.ok && result.status === 401 && RESIGNABLE.has(result.error.code)) {
          const serverTime = result.error.serverTime ? Date.parse(result.error.serverTime) : NaN
          if (Number.isFinite(serverTime)) offsetMs = serverTime - options.clock().getTime()
          answer = await attempt(name, request, callOptions)
          if ('ok' in answer) return answer
          result = parseCentralResponse(name, answer.status, answer.json)
        }
        return result
      } catch (error) {
        // Only a bug (e.g. Web Crypto missing) lands here; keep the "never throws" promise anyway.
        return transportFailure('TRANSPORT_NETWORK', messageOf(error))
      }
    },

    verifyReceipt: (receipt) => verifyReceipt(receipt, options.terminalKey).catch(() => false),

    clockOffsetMs: () => offsetMs,
  }
}
