import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ERROR_CODES, METHOD_NAMES, methods } from '../../../../shared/api'
import { testCore } from '../../core/core.fixture'

const MALFORMED: unknown[] = [null, 42, 'text', true, [], [1, 2], { __unexpected: 1 }]

describe('the API contract through core.call', () => {
  it('declares every method with a strict object input, an output and a summary', () => {
    for (const name of METHOD_NAMES) {
      const spec = methods[name]
      expect(spec.summary.length, name).toBeGreaterThan(10)
      // Unknown keys are refused: a typo in a caller is an error, not silently ignored.
      expect(spec.input.safeParse({ __unexpected: 1 }).success, name).toBe(false)
    }
  })

  it.each(METHOD_NAMES)('%s answers malformed input with INVALID_INPUT', async (name) => {
    const { core } = await testCore()
    for (const input of MALFORMED) {
      const result = await core.call(name, input)
      expect(result, `${name} ${JSON.stringify(input)}`).toEqual({
        ok: false,
        error: { code: 'INVALID_INPUT', detail: expect.any(String) },
      })
    }
    await core.stop()
  })

  it('never throws and always answers a well-formed result, whatever it is given', async () => {
    const { core } = await testCore()
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom(...METHOD_NAMES), fc.string()),
        fc.anything(),
        async (method, input) => {
          const result = await core.call(method, input)
          if (result.ok) return
          expect(ERROR_CODES).toContain(result.error.code)
        },
      ),
      { numRuns: 300 },
    )
    await core.stop()
  })

  it('refuses an unknown method by code, including prototype names', async () => {
    const { core } = await testCore()
    for (const name of ['nope', '__proto__', 'constructor', 'toString', 'terminal.info.x']) {
      expect(await core.call(name, {})).toEqual({ ok: false, error: { code: 'UNKNOWN_METHOD' } })
    }
  })

  it('does not echo input values in INVALID_INPUT details (they may be personal data)', async () => {
    const { core } = await testCore()
    const result = await core.call('session.extend', { sessionId: ['350102198506123417'] })
    expect(result.ok).toBe(false)
    expect(JSON.stringify(result)).not.toContain('350102198506123417')
  })
})
