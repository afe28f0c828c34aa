/**
 * Central service fuzz (bad input gets a clear answer, never a crash): random signed and unsigned
 * requests to every endpoint of the bundled central service: never a 5xx, every error a well-formed
 * error body, every success a valid response. Its own file so that `npm run fuzz` runs it beside the
 * web host fuzz (api-fuzz.test.ts) on a second worker. `FUZZ_RUNS` sets the cases per endpoint.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CENTRAL_ENDPOINTS,
  CentralErrorBody,
  encodeQuery,
  type CentralEndpointName,
} from '../../shared/central'
import { startHarness, type Harness } from '../unit/central/central.fixture'
import { fuzzInputs } from '../fixtures/schema-arbitrary'
import { FUZZ_RUNS as RUNS, FUZZ_TIMEOUT_MS } from './fuzz-budget'

describe('central service fuzz', () => {
  let harness: Harness
  beforeAll(async () => {
    harness = await startHarness()
  })
  afterAll(async () => {
    await harness?.close()
  })

  const names = Object.keys(CENTRAL_ENDPOINTS) as CentralEndpointName[]
  it.each(names)(
    '%s: random signed and unsigned requests never get a 5xx',
    async (name) => {
      const endpoint = CENTRAL_ENDPOINTS[name]
      await fc.assert(
        fc.asyncProperty(fuzzInputs(endpoint.request), fc.boolean(), async (input, sign) => {
          const flat =
            typeof input === 'object' && input !== null && !Array.isArray(input)
              ? Object.fromEntries(
                  Object.entries(input).map(([k, v]) => [
                    k,
                    typeof v === 'object' && v !== null ? JSON.stringify(v) : v,
                  ]),
                )
              : { junk: JSON.stringify(input) ?? '' }
          const { status, json } =
            endpoint.method === 'GET'
              ? await harness.raw('GET', endpoint.path + encodeQuery(flat), undefined, { sign })
              : await harness.raw('POST', endpoint.path, JSON.stringify(input) ?? '', {
                  sign,
                  headers: { 'content-type': 'application/json' },
                })
          expect(status, `${name} ${JSON.stringify(input)?.slice(0, 200)}`).toBeLessThan(500)
          if (!sign) expect(status).toBe(401)
          if (status >= 400) expect(CentralErrorBody.safeParse(json).success).toBe(true)
          else expect(endpoint.response.safeParse(json).success).toBe(true)
        }),
        { numRuns: RUNS },
      )
    },
    FUZZ_TIMEOUT_MS,
  )
})
