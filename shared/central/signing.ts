/**
 * Signing between terminal and centre (docs/architecture.md, "Trust boundaries"), both ways, and the
 * centre's signed receipts. Everything is HMAC-SHA256 with the terminal's key over one canonical
 * string, lines joined by `\n`:
 *
 * - a request: `KIOSK-HMAC-SHA256-V1`, method, path with query, timestamp, nonce, terminal id,
 *   SHA-256 of the body. The centre refuses unsigned, forged, stale (> 5 min skew) and replayed
 *   (nonce seen before) requests; replay bookkeeping is the server's.
 * - its answer: `KIOSK-RESPONSE-HMAC-SHA256-V1`, HTTP status, the request's nonce, terminal id, the
 *   centre's timestamp, SHA-256 of the body. The request's nonce ties the answer to exactly one
 *   request (whose own signature covers method, path and body), so an answer recorded for another
 *   request does not verify; the scheme line keeps a request signature from passing as an answer's.
 *   The terminal refuses an answer that is unsigned, altered or replayed.
 *
 * Both sides compute the strings here, so they are byte-identical. Web Crypto only (pure).
 */
import { canonicalJson, sha256Hex, toHex, utf8 } from './canonical-json'
import type { ReceiptBody, SignedReceipt } from './applications'

/** Header names of the signature. Lower case, as Node presents incoming headers. */
export const SIGNATURE_HEADERS = {
  terminal: 'x-kiosk-terminal',
  timestamp: 'x-kiosk-timestamp',
  nonce: 'x-kiosk-nonce',
  signature: 'x-kiosk-signature',
} as const

export const SIGNATURE_SCHEME = 'KIOSK-HMAC-SHA256-V1'
/** The scheme line of an answer's signature (domain separation from requests). */
export const RESPONSE_SIGNATURE_SCHEME = 'KIOSK-RESPONSE-HMAC-SHA256-V1'
const RECEIPT_SCHEME = 'KIOSK-RECEIPT-V1'

/** Requests whose timestamp is further than this from the centre's clock are refused. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000

const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/
const TERMINAL_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/

/** The headers a signed request carries. */
export type SignedHeaders = Record<
  (typeof SIGNATURE_HEADERS)[keyof typeof SIGNATURE_HEADERS],
  string
>

/** What is signed, as one string. Exported so tests and other implementations can check it. */
export function canonicalRequestString(parts: {
  method: string
  pathWithQuery: string
  timestamp: string
  nonce: string
  terminalId: string
  bodySha256: string
}): string {
  return [
    SIGNATURE_SCHEME,
    parts.method.toUpperCase(),
    parts.pathWithQuery,
    parts.timestamp,
    parts.nonce,
    parts.terminalId,
    parts.bodySha256,
  ].join('\n')
}

function hmacKey(key: string) {
  return globalThis.crypto.subtle.importKey(
    'raw',
    utf8(key),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  )
}

async function hmacHex(key: string, text: string): Promise<string> {
  return toHex(await globalThis.crypto.subtle.sign('HMAC', await hmacKey(key), utf8(text)))
}

/** Compares an HMAC given as hex with the expected one in constant time (Web Crypto's verify). */
async function hmacMatches(key: string, text: string, signatureHex: string): Promise<boolean> {
  if (!/^[0-9a-f]{64}$/.test(signatureHex)) return false
  const signature = new Uint8Array(32)
  for (let i = 0; i < 32; i++) signature[i] = parseInt(signatureHex.slice(i * 2, i * 2 + 2), 16)
  return globalThis.crypto.subtle.verify('HMAC', await hmacKey(key), signature, utf8(text))
}

/** A fresh random nonce (128 bits, hex). */
export function newNonce(): string {
  return toHex(globalThis.crypto.getRandomValues(new Uint8Array(16)))
}

/**
 * Signs one request. `pathWithQuery` must be exactly what goes on the wire after the host
 * (`/v1/fund/records?page=2`); `body` exactly the bytes sent (omit for GET).
 */
export async function signRequest(input: {
  method: string
  pathWithQuery: string
  body?: string | Uint8Array
  terminalId: string
  key: string
  now?: Date
  nonce?: string
}): Promise<SignedHeaders> {
  const timestamp = String((input.now ?? new Date()).getTime())
  const nonce = input.nonce ?? newNonce()
  const bodySha256 = await sha256Hex(input.body ?? '')
  const signature = await hmacHex(
    input.key,
    canonicalRequestString({ ...input, timestamp, nonce, bodySha256 }),
  )
  return {
    [SIGNATURE_HEADERS.terminal]: input.terminalId,
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.signature]: signature,
  } as SignedHeaders
}

export type VerifyFailure =
  'AUTH_MISSING' | 'AUTH_UNKNOWN_TERMINAL' | 'AUTH_BAD_SIGNATURE' | 'AUTH_STALE_TIMESTAMP'

export type VerifyResult =
  | { ok: true; terminalId: string; nonce: string; timestamp: number }
  | {
      ok: false
      code: VerifyFailure
      /**
       * Set when the signature held and only the timestamp did not (`AUTH_STALE_TIMESTAMP`): the
       * centre knows the terminal and signs its refusal, so the terminal can trust `serverTime`.
       */
      signedBy?: { terminalId: string; nonce: string }
    }

type HeaderBag = Record<string, string | string[] | undefined>

function header(headers: HeaderBag, name: string): string | undefined {
  const value = headers[name]
  return typeof value === 'string' ? value : undefined
}

/**
 * Checks a request's signature and freshness. The signature is checked before the timestamp so an
 * unauthenticated caller learns nothing about the centre's clock. Replay (a nonce seen before
 * within the skew window) is the caller's to check with the returned nonce.
 */
export async function verifyRequest(input: {
  method: string
  pathWithQuery: string
  body: string | Uint8Array | undefined
  headers: HeaderBag
  keyFor: (terminalId: string) => string | undefined
  now: Date
  maxSkewMs?: number
}): Promise<VerifyResult> {
  const terminalId = header(input.headers, SIGNATURE_HEADERS.terminal)
  const timestamp = header(input.headers, SIGNATURE_HEADERS.timestamp)
  const nonce = header(input.headers, SIGNATURE_HEADERS.nonce)
  const signature = header(input.headers, SIGNATURE_HEADERS.signature)
  if (!terminalId || !timestamp || !nonce || !signature) return { ok: false, code: 'AUTH_MISSING' }
  if (!TERMINAL_PATTERN.test(terminalId)) return { ok: false, code: 'AUTH_UNKNOWN_TERMINAL' }
  const key = input.keyFor(terminalId)
  if (key === undefined) return { ok: false, code: 'AUTH_UNKNOWN_TERMINAL' }
  if (!/^\d{1,15}$/.test(timestamp) || !NONCE_PATTERN.test(nonce)) {
    return { ok: false, code: 'AUTH_BAD_SIGNATURE' }
  }
  const bodySha256 = await sha256Hex(input.body ?? '')
  const text = canonicalRequestString({
    method: input.method,
    pathWithQuery: input.pathWithQuery,
    timestamp,
    nonce,
    terminalId,
    bodySha256,
  })
  if (!(await hmacMatches(key, text, signature))) return { ok: false, code: 'AUTH_BAD_SIGNATURE' }
  const ts = Number(timestamp)
  if (Math.abs(input.now.getTime() - ts) > (input.maxSkewMs ?? MAX_CLOCK_SKEW_MS)) {
    return { ok: false, code: 'AUTH_STALE_TIMESTAMP', signedBy: { terminalId, nonce } }
  }
  return { ok: true, terminalId, nonce, timestamp: ts }
}

/** What an answer's signature covers, as one string. Exported so tests can check it. */
export function canonicalResponseString(parts: {
  status: number
  requestNonce: string
  terminalId: string
  timestamp: string
  bodySha256: string
}): string {
  return [
    RESPONSE_SIGNATURE_SCHEME,
    String(parts.status),
    parts.requestNonce,
    parts.terminalId,
    parts.timestamp,
    parts.bodySha256,
  ].join('\n')
}

/**
 * Signs one answer (done by the centre, for a request whose signature it verified). `body` must be
 * exactly the bytes sent. The headers carry the request's nonce back, so the terminal can tell an
 * answer to another request (replayed) from an altered one.
 */
export async function signResponse(input: {
  status: number
  body?: string | Uint8Array
  requestNonce: string
  terminalId: string
  key: string
  now?: Date
}): Promise<SignedHeaders> {
  const timestamp = String((input.now ?? new Date()).getTime())
  const bodySha256 = await sha256Hex(input.body ?? '')
  const signature = await hmacHex(
    input.key,
    canonicalResponseString({ ...input, timestamp, bodySha256 }),
  )
  return {
    [SIGNATURE_HEADERS.terminal]: input.terminalId,
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.nonce]: input.requestNonce,
    [SIGNATURE_HEADERS.signature]: signature,
  } as SignedHeaders
}

/**
 * Why an answer is not trusted: no signature at all (a proxy, or a refusal sent before the centre
 * knew the terminal); signed but not for this status and body (altered on the way, or forged); a
 * genuine signature for another request's nonce (an earlier answer replayed).
 */
export type AnswerProblem = 'unsigned' | 'altered' | 'replayed'

export type VerifyResponseResult =
  { ok: true; timestamp: number } | { ok: false; problem: AnswerProblem }

/**
 * Checks an answer against the request it answers: signed with `key`, for `requestNonce` and
 * `terminalId`, over this status and these body bytes. The answer's timestamp is not checked
 * against the clock: the nonce, fresh for every attempt, already makes an old answer useless.
 */
export async function verifyResponse(input: {
  status: number
  body: string | Uint8Array | undefined
  /** Reads one response header (e.g. `(n) => response.headers.get(n)`). */
  header: (name: string) => string | null | undefined
  requestNonce: string
  terminalId: string
  key: string
}): Promise<VerifyResponseResult> {
  const signature = input.header(SIGNATURE_HEADERS.signature)
  if (!signature) return { ok: false, problem: 'unsigned' }
  const timestamp = input.header(SIGNATURE_HEADERS.timestamp) ?? ''
  const nonce = input.header(SIGNATURE_HEADERS.nonce) ?? ''
  const terminalId = input.header(SIGNATURE_HEADERS.terminal) ?? ''
  if (!/^\d{1,15}$/.test(timestamp) || terminalId !== input.terminalId) {
    return { ok: false, problem: 'altered' }
  }
  const bodySha256 = await sha256Hex(input.body ?? '')
  const signedFor = (requestNonce: string) =>
    hmacMatches(
      input.key,
      canonicalResponseString({
        status: input.status,
        requestNonce,
        terminalId,
        timestamp,
        bodySha256,
      }),
      signature,
    )
  if (await signedFor(input.requestNonce)) return { ok: true, timestamp: Number(timestamp) }
  if (nonce !== input.requestNonce && NONCE_PATTERN.test(nonce) && (await signedFor(nonce))) {
    return { ok: false, problem: 'replayed' }
  }
  return { ok: false, problem: 'altered' }
}

function receiptString(body: ReceiptBody): string {
  const { applicationNo, idempotencyKey, payloadHash, status, at } = body
  return (
    RECEIPT_SCHEME +
    '\n' +
    canonicalJson({ applicationNo, at, idempotencyKey, payloadHash, status })
  )
}

/** Signs an acknowledgement receipt with the terminal's key (done by the centre). */
export async function signReceipt(body: ReceiptBody, key: string): Promise<SignedReceipt> {
  const { applicationNo, idempotencyKey, payloadHash, status, at } = body
  return {
    applicationNo,
    idempotencyKey,
    payloadHash,
    status,
    at,
    signature: await hmacHex(key, receiptString(body)),
  }
}

/** True when the receipt was signed with `key` and is unaltered (checked by the terminal). */
export function verifyReceipt(receipt: SignedReceipt, key: string): Promise<boolean> {
  return hmacMatches(key, receiptString(receipt), receipt.signature)
}
