/**
 * API fuzz (bad input gets a clear answer, never a crash): random and malformed inputs to every API
 * method through the real web host transport (the central service's own endpoints are fuzzed in
 * central-fuzz.test.ts). No crash, no unhandled rejection, no 5xx; every answer is a well-formed
 * result or contract error. `FUZZ_RUNS` sets the cases per method (the suite runs a
 * few dozen; `npm run fuzz` runs 10,000).
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCentralServer, type CentralServer } from '../../electron/central/server'
import { createCore, type Core } from '../../electron/core/core'
import { startWebHost, type WebHost } from '../../electron/web/host'
import { ERROR_CODES, METHOD_NAMES, methods, type MethodName } from '../../shared/api'
import { memoryLogger, testConfig } from '../unit/core/core.fixture'
import { fuzzInputs } from '../fixtures/schema-arbitrary'
import { FUZZ_RUNS as RUNS, FUZZ_TIMEOUT_MS } from './fuzz-budget'

const TOKEN = 'fuzz-token-0123456789abcdef0123456789abcdef'
const TERMINAL = { id: 'T-FUZZ-01', key: 'fuzz-terminal-key-0123456789' }

let central: CentralServer
let core: Core
let host: WebHost
const unhandled: unknown[] = []
const onUnhandled = (reason: unknown) => unhandled.push(reason)

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled)
  central = createCentralServer({
    stateFile: join(mkdtempSync(join(tmpdir(), 'fuzz-central-')), 'state.json'),
    terminalKeys: { [TERMINAL.id]: TERMINAL.key },
    demo: true,
    port: 0,
    smsMaxPerHour: 1_000_000,
  })
  const { url } = await central.start()
  core = await createCore(
    testConfig({ terminalId: TERMINAL.id, terminalKey: TERMINAL.key, centralUrl: url, qa: true }),
    { logger: memoryLogger() },
  )
  await core.start()
  host = await startWebHost({ core, rendererDir: '/nonexistent', port: 0, token: TOKEN })
})

afterAll(async () => {
  await host?.close()
  await core?.stop()
  await central?.stop()
  process.off('unhandledRejection', onUnhandled)
})

async function post(
  method: string,
  body: string | undefined,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${host.origin}/api/${encodeURIComponent(method)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-kiosk-token': TOKEN, ...headers },
    body,
  })
  const text = await res.text()
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : undefined }
}

/** A Result exactly as the contract allows: value valid for the method, or a known error code. */
function expectWellFormed(method: MethodName, answer: unknown): void {
  const body = answer as { ok?: unknown; value?: unknown; error?: { code?: unknown } }
  expect(typeof body).toBe('object')
  if (body.ok === true) {
    expect(Object.keys(body).sort()).toEqual(['ok', 'value'])
    expect(methods[method].output.safeParse(body.value).success).toBe(true)
  } else {
    expect(body.ok).toBe(false)
    expect(ERROR_CODES).toContain(body.error?.code)
    expect(Object.keys(body.error ?? {}).every((k) => k === 'code' || k === 'detail')).toBe(true)
  }
}

describe('API fuzz through the web host', () => {
  it.each(METHOD_NAMES)(
    '%s: every random input gets a well-formed answer',
    async (method) => {
      await post('session.start', '{}')
      await fc.assert(
        fc.asyncProperty(fuzzInputs(methods[method].input), async (input) => {
          // A card reader wait would only slow the fuzz down; its bounds are tested elsewhere.
          if (method === 'identity.readCard' && typeof input === 'object' && input !== null) {
            input = { ...input, waitSeconds: 0 }
          }
          const body = JSON.stringify(input)
          const { status, json } = await post(method, body)
          expect(status, `${method} ${body?.slice(0, 200)}`).toBeLessThan(500)
          if (status === 200) expectWellFormed(method, json)
          else expect(json).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
        }),
        { numRuns: RUNS },
      )
      expect(unhandled).toEqual([])
    },
    FUZZ_TIMEOUT_MS,
  )

  it('answers transport abuse with contract errors: size, depth, type, token, method', async () => {
    const big = await post('session.start', JSON.stringify({ pad: 'x'.repeat(5 * 1024 * 1024) }))
    expect(big.status).toBe(413)
    const deep = await post('session.start', '['.repeat(100_000) + ']'.repeat(100_000))
    expect(deep.status).toBeLessThan(500)
    expect(deep.json).toMatchObject({ ok: false })
    const wrongType = await post('session.start', '{}', { 'content-type': 'application/xml' })
    expect(wrongType.status).toBe(415)
    const noToken = await post('terminal.info', '{}', { 'x-kiosk-token': '' })
    expect(noToken.status).toBe(401)
    const unknown = await post('../../etc/passwd', '{}')
    expect(unknown.status).toBeLessThan(500)
    const proto = await post('__proto__', '{"__proto__":{"polluted":1}}')
    expect(proto.status).toBeLessThan(500)
    expect(proto.json).toMatchObject({ ok: false })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    // Still alive and answering.
    expect((await post('terminal.info', '{}')).status).toBe(200)
  })
})
