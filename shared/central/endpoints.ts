/**
 * The one table of central-service endpoints. The bundled server registers its routes from it and the
 * terminal's client builds its requests from it; no `/v1/...` path is written anywhere else.
 * GET endpoints take their request as the query string, POST endpoints as a JSON body.
 */
import { z } from 'zod'
import {
  CardCheckRequest,
  CardCheckResponse,
  FaceCheckRequest,
  FaceCheckResponse,
  PhoneChangeRequest,
  PhoneChangeResponse,
  PhoneCodeSendRequest,
  SmsSendRequest,
  SmsSendResponse,
  SmsVerifyRequest,
  SmsVerifyResponse,
} from './identity'
import {
  FundAccountRequest,
  FundAccountResponse,
  FundRecordsRequest,
  FundRecordsResponse,
  WalletBindingsRequest,
  WalletBindingsResponse,
} from './fund'
import { ReferenceRequest, ReferenceResponse } from './reference'
import {
  ApplicationsBatchRequest,
  ApplicationsBatchResponse,
  ApplicationStatusRequest,
  ApplicationStatusResponse,
} from './applications'
import {
  CertificateIssueRequest,
  CertificateIssueResponse,
  TaxRecordsRequest,
  TaxRecordsResponse,
} from './tax'
import {
  CertificateVerifyRequest,
  CertificateVerifyResponse,
  DepositCertificateIssueRequest,
  DepositCertificateIssueResponse,
} from './certificates'
import { HeartbeatRequest, HeartbeatResponse } from './terminal'
import { WithdrawalEligibilityRequest, WithdrawalEligibilityResponse } from './withdrawals'
import { CentralErrorBody } from './errors'

/**
 * `terminal`: the request must be signed by a known terminal (signing.ts).
 * `resident`: additionally needs a resident token (header x-resident-token) from SMS verify or a
 * face match.
 */
export type EndpointAuth = 'terminal' | 'resident'

export interface EndpointDef {
  method: 'GET' | 'POST'
  path: `/v1/${string}`
  auth: EndpointAuth
  request: z.ZodType
  response: z.ZodType
}

export const CENTRAL_ENDPOINTS = {
  identityCardCheck: {
    method: 'POST',
    path: '/v1/identity/card-check',
    auth: 'terminal',
    request: CardCheckRequest,
    response: CardCheckResponse,
  },
  identitySmsSend: {
    method: 'POST',
    path: '/v1/identity/sms/send',
    auth: 'terminal',
    request: SmsSendRequest,
    response: SmsSendResponse,
  },
  identitySmsVerify: {
    method: 'POST',
    path: '/v1/identity/sms/verify',
    auth: 'terminal',
    request: SmsVerifyRequest,
    response: SmsVerifyResponse,
  },
  identityFaceCheck: {
    method: 'POST',
    path: '/v1/identity/face-check',
    auth: 'terminal',
    request: FaceCheckRequest,
    response: FaceCheckResponse,
  },
  identityPhoneCodeSend: {
    method: 'POST',
    path: '/v1/identity/phone/code',
    auth: 'resident',
    request: PhoneCodeSendRequest,
    response: SmsSendResponse,
  },
  identityPhoneChange: {
    method: 'POST',
    path: '/v1/identity/phone/change',
    auth: 'resident',
    request: PhoneChangeRequest,
    response: PhoneChangeResponse,
  },
  fundAccount: {
    method: 'GET',
    path: '/v1/fund/account',
    auth: 'resident',
    request: FundAccountRequest,
    response: FundAccountResponse,
  },
  fundRecords: {
    method: 'GET',
    path: '/v1/fund/records',
    auth: 'resident',
    request: FundRecordsRequest,
    response: FundRecordsResponse,
  },
  fundWalletBindings: {
    method: 'GET',
    path: '/v1/fund/wallet-bindings',
    auth: 'resident',
    request: WalletBindingsRequest,
    response: WalletBindingsResponse,
  },
  fundWithdrawalEligibility: {
    method: 'GET',
    path: '/v1/fund/withdrawals/eligibility',
    auth: 'resident',
    request: WithdrawalEligibilityRequest,
    response: WithdrawalEligibilityResponse,
  },
  referenceData: {
    method: 'GET',
    path: '/v1/reference',
    auth: 'terminal',
    request: ReferenceRequest,
    response: ReferenceResponse,
  },
  applicationsSubmit: {
    method: 'POST',
    path: '/v1/applications/batch',
    auth: 'terminal',
    request: ApplicationsBatchRequest,
    response: ApplicationsBatchResponse,
  },
  applicationStatus: {
    method: 'GET',
    path: '/v1/applications/status',
    auth: 'terminal',
    request: ApplicationStatusRequest,
    response: ApplicationStatusResponse,
  },
  taxRecords: {
    method: 'GET',
    path: '/v1/tax/records',
    auth: 'resident',
    request: TaxRecordsRequest,
    response: TaxRecordsResponse,
  },
  taxCertificateIssue: {
    method: 'POST',
    path: '/v1/tax/certificates',
    auth: 'resident',
    request: CertificateIssueRequest,
    response: CertificateIssueResponse,
  },
  fundDepositCertificateIssue: {
    method: 'POST',
    path: '/v1/fund/deposit-certificates',
    auth: 'resident',
    request: DepositCertificateIssueRequest,
    response: DepositCertificateIssueResponse,
  },
  /** One verification for every certificate the centre issues (tax and deposit). */
  certificateVerify: {
    method: 'GET',
    path: '/v1/certificates/verify',
    auth: 'terminal',
    request: CertificateVerifyRequest,
    response: CertificateVerifyResponse,
  },
  terminalHeartbeat: {
    method: 'POST',
    path: '/v1/terminal/heartbeat',
    auth: 'terminal',
    request: HeartbeatRequest,
    response: HeartbeatResponse,
  },
} as const satisfies Record<string, EndpointDef>

export type CentralEndpointName = keyof typeof CENTRAL_ENDPOINTS
export type CentralRequest<N extends CentralEndpointName> = z.input<
  (typeof CENTRAL_ENDPOINTS)[N]['request']
>
/** The request after parsing (defaults applied), as the server handler sees it. */
export type CentralParsedRequest<N extends CentralEndpointName> = z.output<
  (typeof CENTRAL_ENDPOINTS)[N]['request']
>
export type CentralResponse<N extends CentralEndpointName> = z.output<
  (typeof CENTRAL_ENDPOINTS)[N]['response']
>

/** Demo-only endpoints (unsigned; absent when the centre is not in demo mode). */
export const DEMO_SMS_ROUTE = '/demo/sms/:phone'
/** The path of the last SMS code sent to `phone` (demo mode). */
export function demoSmsPath(phone: string): string {
  return DEMO_SMS_ROUTE.replace(':phone', encodeURIComponent(phone))
}
export const DemoSmsResponse = z.object({ code: z.string(), sentAt: z.string() })

/** Demo-only: the notices a phone was sent, newest first (the demo centre sends no SMS). */
export const DEMO_MESSAGES_ROUTE = '/demo/messages/:phone'
/** The path of the notices sent to `phone` (demo mode). */
export function demoMessagesPath(phone: string): string {
  return DEMO_MESSAGES_ROUTE.replace(':phone', encodeURIComponent(phone))
}
/**
 * Demo-only: runs the next instalment of every running rent plan now, as if its pay day had come
 * (paid, or skipped when the balance does not cover it), so that QA and tests see instalments arrive.
 */
export const DEMO_RENT_PLANS_ADVANCE_ROUTE = '/demo/rent-plans/advance'
export const DemoRentPlansAdvanceResponse = z.object({
  instalments: z.array(
    z.object({ applicationNo: z.string(), outcome: z.enum(['paid', 'skipped', 'stopped']) }),
  ),
})

export const DemoMessagesResponse = z.object({
  messages: z.array(
    z.object({ text: z.string(), sentAt: z.string(), applicationNo: z.string().optional() }),
  ),
})

/** Encodes a flat request object as a query string, keys sorted, undefined members dropped. */
export function encodeQuery(request: Record<string, unknown>): string {
  const parts = Object.keys(request)
    .filter((k) => request[k] !== undefined && request[k] !== null)
    .sort()
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(String(request[k]))}`)
  return parts.length > 0 ? '?' + parts.join('&') : ''
}

/** A request ready to sign and send: exactly these bytes go on the wire. */
export interface CentralHttpRequest {
  method: 'GET' | 'POST'
  /** Path and query, e.g. `/v1/fund/records?page=2&pageSize=20`: what signRequest signs. */
  pathWithQuery: string
  /** JSON text for POST, undefined for GET. */
  body: string | undefined
  headers: Record<string, string>
}

/**
 * Validates `input` against the endpoint's request schema and encodes it for the wire. Throws a
 * ZodError when the input does not fit the contract (a programming error on the terminal side).
 */
export function buildCentralRequest<N extends CentralEndpointName>(
  name: N,
  input: CentralRequest<N>,
): CentralHttpRequest {
  const endpoint: EndpointDef = CENTRAL_ENDPOINTS[name]
  const parsed = endpoint.request.parse(input) as Record<string, unknown>
  if (endpoint.method === 'GET') {
    return {
      method: 'GET',
      pathWithQuery: endpoint.path + encodeQuery(parsed),
      body: undefined,
      headers: {},
    }
  }
  return {
    method: 'POST',
    pathWithQuery: endpoint.path,
    body: JSON.stringify(parsed),
    headers: { 'content-type': 'application/json' },
  }
}

export type CentralCallResult<N extends CentralEndpointName> =
  | { ok: true; status: number; value: CentralResponse<N> }
  | { ok: false; status: number; error: CentralErrorBody['error'] }

/**
 * Reads an HTTP answer against the contract: 2xx bodies must match the response schema, other
 * statuses the error body. A body that fits neither becomes a `BAD_REQUEST`-free `INTERNAL` error.
 */
export function parseCentralResponse<N extends CentralEndpointName>(
  name: N,
  status: number,
  json: unknown,
): CentralCallResult<N> {
  if (status >= 200 && status < 300) {
    const parsed = CENTRAL_ENDPOINTS[name].response.safeParse(json)
    if (parsed.success) return { ok: true, status, value: parsed.data as CentralResponse<N> }
    return {
      ok: false,
      status,
      error: { code: 'INTERNAL', message: 'response does not match the contract' },
    }
  }
  const error = CentralErrorBody.safeParse(json)
  if (error.success) return { ok: false, status, error: error.data.error }
  return {
    ok: false,
    status,
    error: { code: 'INTERNAL', message: `HTTP ${status} without error body` },
  }
}
