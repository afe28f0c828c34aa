/** The console's calls to its fleet service (same origin, session cookie). */
import type { FleetHeartbeat } from '../shared/fleet/contract'

export interface Staff {
  username: string
  displayName: string
  role: 'hallStaff' | 'hallManager'
  hallId: string | null
}
export interface Hall {
  id: string
  name: string
  nameEn: string
}
export interface Terminal {
  id: string
  hallId: string
  label: string
  lastSeenAt: string | null
  heartbeat: FleetHeartbeat | null
  pending: string[]
}
export interface Call {
  id: string
  terminalId: string
  terminalLabel: string
  hallId: string
  calledAt: string
  screen: string
  step: string | null
  lastError: string | null
  status: 'open' | 'going' | 'handled'
  goingBy: string | null
}
export interface Overview {
  serverTime: string
  heartbeatSeconds: number
  halls: Hall[]
  terminals: Terminal[]
  calls: Call[]
}
export interface UsageRow {
  day: string
  hour: number | null
  service: string
  started: number
  completed: number
  abandoned: number
  medianMs: number | null
}

/** An answer that is not 2xx: its error code (`NO_SESSION`, `SIGN_IN_FAILED`, …). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code)
  }
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: {
      ...(method === 'GET' ? {} : { 'x-fleet-console': '1' }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const json = (await response.json().catch(() => ({}))) as { error?: { code?: string } }
  if (!response.ok) throw new ApiError(response.status, json.error?.code ?? 'INTERNAL')
  return json as T
}

export const api = {
  session: () => request<{ staff: Staff }>('GET', '/console/api/session'),
  signIn: (username: string, password: string) =>
    request<{ staff: Staff }>('POST', '/console/api/session', { username, password }),
  signOut: () => request('DELETE', '/console/api/session'),
  overview: () => request<Overview>('GET', '/console/api/overview'),
  answer: (callId: string, action: 'going' | 'handled') =>
    request('POST', `/console/api/calls/${encodeURIComponent(callId)}/${action}`, {}),
  command: (
    target: { terminalId: string } | { hallId: string },
    kind: 'outOfService' | 'resume' | 'syncNow',
    message?: string,
  ) => request('POST', '/console/api/commands', { target, kind, ...(message ? { message } : {}) }),
  usage: (from: string, to: string, grain: 'day' | 'hour' | 'total') =>
    request<{ rows: UsageRow[] }>('GET', `/console/api/usage?from=${from}&to=${to}&grain=${grain}`),
}
