/**
 * Test harness: a real central server on an ephemeral loopback port with a temp state file, and a
 * signed client built from the contract's endpoint table (the way the terminal's client does it).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  RESIDENT_TOKEN_HEADER,
  buildCentralRequest,
  CentralErrorBody,
  DemoMessagesResponse,
  DemoSmsResponse,
  demoMessagesPath,
  demoSmsPath,
  fingerprintPayload,
  parseCentralResponse,
  signRequest,
  type CentralCallResult,
  type CentralEndpointName,
  type CentralRequest,
  type OutboxItem,
} from '../../../shared/central'
import {
  createCentralServer,
  type CentralServer,
  type CentralServerOptions,
} from '../../../electron/central/server'
import { buildDemoSeed } from '../../../electron/central/seed'

export const TERMINAL_ID = 'T-TEST-01'
export const TERMINAL_KEY = 'test-key-0123456789'
export const OTHER_TERMINAL_ID = 'T-TEST-02'
export const OTHER_TERMINAL_KEY = 'other-key-9876543210'

export const SEED = buildDemoSeed()
export const resident = (name: string) => SEED.residents.find((r) => r.name === name)!

/** A controllable clock, starting after the seed's as-of date. */
export function manualClock(start = '2026-11-20T02:00:00.000Z') {
  let now = new Date(start).getTime()
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms
    },
  }
}

export interface Harness {
  server: CentralServer
  url: string
  dir: string
  stateFile: string
  clock: ReturnType<typeof manualClock>
  call<N extends CentralEndpointName>(
    name: N,
    input: CentralRequest<N>,
    opts?: { token?: string; terminalId?: string; key?: string; now?: Date },
  ): Promise<CentralCallResult<N>>
  /** Sends exactly these bytes, signed unless `sign` is false. */
  raw(
    method: 'GET' | 'POST',
    pathWithQuery: string,
    body?: string,
    opts?: { sign?: boolean; headers?: Record<string, string>; key?: string; now?: Date },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw answers are probed freely
  ): Promise<{ status: number; json: any }>
  /** The last SMS code the demo endpoint holds for `phone`. */
  demoSms(phone: string): Promise<{ code: string; sentAt: string }>
  /** The notices the demo centre kept for `phone`, newest first. */
  demoMessages(phone: string): Promise<{ text: string; sentAt: string; applicationNo?: string }[]>
  /** SMS-verifies a demo resident and returns the resident token and identity. */
  login(name: string): Promise<{ token: string; residentRef: string }>
  restart(extra?: Partial<CentralServerOptions>): Promise<void>
  close(): Promise<void>
}

export async function startHarness(extra: Partial<CentralServerOptions> = {}): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'central-test-'))
  const stateFile = join(dir, 'state', 'central-state.json')
  const clock = manualClock()
  const make = (more: Partial<CentralServerOptions>) =>
    createCentralServer({
      stateFile,
      terminalKeys: { [TERMINAL_ID]: TERMINAL_KEY, [OTHER_TERMINAL_ID]: OTHER_TERMINAL_KEY },
      demo: true,
      clock: clock.now,
      ...extra,
      ...more,
    })
  let server = make({})
  let { url } = await server.start()

  const h: Harness = {
    get server() {
      return server
    },
    get url() {
      return url
    },
    dir,
    stateFile,
    clock,
    async call(name, input, opts = {}) {
      const req = buildCentralRequest(name, input)
      const signed = await signRequest({
        method: req.method,
        pathWithQuery: req.pathWithQuery,
        body: req.body,
        terminalId: opts.terminalId ?? TERMINAL_ID,
        key: opts.key ?? TERMINAL_KEY,
        now: opts.now ?? clock.now(),
      })
      const res = await fetch(url + req.pathWithQuery, {
        method: req.method,
        body: req.body,
        headers: {
          ...req.headers,
          ...signed,
          ...(opts.token ? { [RESIDENT_TOKEN_HEADER]: opts.token } : {}),
        },
      })
      return parseCentralResponse(name, res.status, await res.json())
    },
    async raw(method, pathWithQuery, body, opts = {}) {
      const signed =
        opts.sign === false
          ? {}
          : await signRequest({
              method,
              pathWithQuery,
              body,
              terminalId: TERMINAL_ID,
              key: opts.key ?? TERMINAL_KEY,
              now: opts.now ?? clock.now(),
            })
      const res = await fetch(url + pathWithQuery, {
        method,
        body,
        headers: { ...signed, ...opts.headers },
      })
      const text = await res.text()
      return { status: res.status, json: text ? JSON.parse(text) : undefined }
    },
    async demoSms(phone) {
      const res = await fetch(url + demoSmsPath(phone))
      return DemoSmsResponse.parse(await res.json())
    },
    async demoMessages(phone) {
      const res = await fetch(url + demoMessagesPath(phone))
      return DemoMessagesResponse.parse(await res.json()).messages
    },
    async login(name) {
      const r = resident(name)
      const sent = await h.call('identitySmsSend', { idNumber: r.idNumber })
      if (!sent.ok) throw new Error(`sms send failed: ${sent.error.code}`)
      const { code } = await h.demoSms(r.phone)
      const verified = await h.call('identitySmsVerify', { idNumber: r.idNumber, code })
      if (!verified.ok) throw new Error(`sms verify failed: ${verified.error.code}`)
      return {
        token: verified.value.residentToken,
        residentRef: verified.value.identity.residentRef,
      }
    },
    async restart(more = {}) {
      await server.stop()
      server = make(more)
      url = (await server.start()).url
    },
    async close() {
      await server.stop()
      await rm(dir, { recursive: true, force: true })
    },
  }
  return h
}

/** The error code of a raw fetch answer. */
export async function errorCode(res: Response): Promise<string> {
  return CentralErrorBody.parse(await res.json()).error.code
}

let counter = 0
/** An outbox item as the terminal would build it (fingerprint over the canonical payload). */
export async function outboxItem(
  kind: OutboxItem['kind'],
  payload: unknown,
  overrides: Partial<OutboxItem> = {},
): Promise<OutboxItem> {
  return {
    idempotencyKey: `idem-${Date.now().toString(36)}-${++counter}`,
    fingerprint: await fingerprintPayload(payload),
    kind,
    payload,
    createdAt: '2026-11-20T02:00:00.000Z',
    terminalId: TERMINAL_ID,
    ...overrides,
  }
}
