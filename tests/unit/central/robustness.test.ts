import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCentralServer } from '../../../electron/central/server'
import { cliSettings } from '../../../electron/central/cli'
import { demoSmsPath } from '../../../shared/central'
import { startHarness, type Harness } from './central.fixture'

const JSON_TYPE = { 'content-type': 'application/json' }

describe('bad requests get 4xx JSON errors, never 5xx', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(() => h.close())

  it('malformed JSON → 400 BAD_JSON', async () => {
    const res = await h.raw('POST', '/v1/identity/sms/send', '{"idNumber":', { headers: JSON_TYPE })
    expect(res).toMatchObject({ status: 400, json: { error: { code: 'BAD_JSON' } } })
  })

  it('wrong content type → 415', async () => {
    const res = await h.raw('POST', '/v1/identity/sms/send', 'idNumber=1', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(res).toMatchObject({ status: 415, json: { error: { code: 'UNSUPPORTED_MEDIA_TYPE' } } })
  })

  it('oversized body → 413', async () => {
    const big = JSON.stringify({ idNumber: 'x'.repeat(600 * 1024) })
    const res = await h.raw('POST', '/v1/identity/sms/send', big, { headers: JSON_TYPE })
    expect(res).toMatchObject({ status: 413, json: { error: { code: 'BODY_TOO_LARGE' } } })
  })

  it('deeply nested JSON → 400 JSON_TOO_DEEP', async () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000)
    const res = await h.raw('POST', '/v1/applications/batch', deep, { headers: JSON_TYPE })
    expect(res).toMatchObject({ status: 400, json: { error: { code: 'JSON_TOO_DEEP' } } })
  })

  it('schema mismatch → 400 BAD_REQUEST; unknown route → 404', async () => {
    const res = await h.raw('POST', '/v1/identity/sms/send', '{"idNumber":42}', {
      headers: JSON_TYPE,
    })
    expect(res).toMatchObject({ status: 400, json: { error: { code: 'BAD_REQUEST' } } })
    expect((await h.raw('GET', '/v1/nothing')).json).toMatchObject({ error: { code: 'NOT_FOUND' } })
  })

  it('survives a burst of junk and still serves', async () => {
    const junk = [
      'null',
      '[]',
      '"x"',
      '{"items":[{"kind":"bind"}]}',
      '{"card":{}}',
      '\u0000',
      '{"a":1e999}',
    ]
    for (const body of junk) {
      for (const path of [
        '/v1/applications/batch',
        '/v1/identity/card-check',
        '/v1/tax/certificates',
      ]) {
        const res = await h.raw('POST', path, body, { headers: JSON_TYPE })
        expect(res.status, `${path} ${body}`).toBeGreaterThanOrEqual(400)
        expect(res.status, `${path} ${body}`).toBeLessThan(500)
        expect(typeof res.json.error.code).toBe('string')
      }
    }
    expect((await h.call('referenceData', {})).ok).toBe(true)
  })

  // Found by `npm run fuzz`: `applications["constructor"]` was Object's constructor, and reading
  // its fields answered 500. Every map keyed by outside input must find nothing for these keys.
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'a key named %s finds nothing, it is not an Object method',
    async (key) => {
      const status = await h.call('applicationStatus', { applicationNo: key, idLast4: '0000' })
      expect(status).toMatchObject({ status: 404 })
      expect(await h.call('certificateVerify', { code: key })).toMatchObject({
        ok: true,
        value: { valid: false },
      })
      const sms = await h.raw('GET', demoSmsPath(key))
      expect(sms).toMatchObject({ status: 404, json: { error: { code: 'NOT_FOUND' } } })
    },
  )
})

describe('demo mode', () => {
  it('has no demo SMS endpoint when not in demo mode', async () => {
    const h = await startHarness({ demo: false })
    try {
      await h.login('林晓峰').catch(() => undefined)
      const res = await fetch(h.url + demoSmsPath('13800591234'))
      expect(res.status).toBe(404)
    } finally {
      await h.close()
    }
  })

  it('reads CLI settings from the environment', () => {
    expect(cliSettings({})).toMatchObject({
      port: 8790,
      stateFile: '.kiosk-data/central-state.json',
      demo: true,
    })
    expect(cliSettings({ KIOSK_DATA_DIR: '/d', KIOSK_CENTRAL_PORT: '0' })).toMatchObject({
      port: 0,
      stateFile: '/d/central-state.json',
    })
    expect(cliSettings({ KIOSK_CENTRAL_STATE: '/s.json' }).stateFile).toBe('/s.json')
    expect(() => cliSettings({ KIOSK_CENTRAL_PORT: 'abc' })).toThrow()
  })

  it('refuses to start on a corrupt state file rather than forgetting everything', async () => {
    const { writeFile, mkdtemp, rm } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const dir = await mkdtemp(join(tmpdir(), 'central-corrupt-'))
    await writeFile(join(dir, 's.json'), '{"version":')
    const server = createCentralServer({
      stateFile: join(dir, 's.json'),
      terminalKeys: {},
      demo: true,
    })
    await expect(server.start()).rejects.toThrow()
    await rm(dir, { recursive: true, force: true })
  })
})
