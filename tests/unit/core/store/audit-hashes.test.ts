/**
 * The audit chain's hashes and the outbox fingerprints are kept on disk and at the centre: the
 * canonical JSON they cover must not change between versions, or every existing chain would stop
 * verifying. Pinned here with values computed by the canonical JSON the store shipped with.
 */
import { describe, expect, it } from 'vitest'
import { createAuditLog, fingerprintOf } from '../../../../electron/core/store'
import { manualClock, open, tempDataDir } from './store.fixture'

const details: unknown[] = [
  undefined,
  { code: 'STORE_RECOVERED', reason: 'database file was unusable (empty file)' },
  { b: 1, a: [1, 'x', null, true, { z: -0, y: 1.5e-7 }], é: 'ü', '\u2028': '\u0000' },
  { at: new Date('2026-01-02T03:04:05.000Z'), missing: undefined, list: [undefined, 2] },
  ['林**', 350102, { nested: { deeper: [] } }],
]

describe('audit hashes and fingerprints stay what they were', () => {
  it('an audit chain', async () => {
    const clock = manualClock()
    const audit = createAuditLog(await open(tempDataDir()), { terminalId: 'T-01', clock })
    const hashes: string[] = []
    for (const [i, detail] of details.entries()) {
      clock.advance(1000)
      const entry = await audit.append({
        action: `test.step${i}`,
        subject: i % 2 ? '350102********3417' : null,
        outcome: 'ok',
        detail,
      })
      hashes.push(entry.hash)
    }
    expect(hashes).toEqual(PINNED_HASHES)
    expect(audit.verify()).toEqual({ ok: true, count: details.length })
  })

  it('outbox fingerprints', () => {
    expect(details.filter((d) => d !== undefined).map((d) => fingerprintOf(d))).toEqual(
      PINNED_FINGERPRINTS,
    )
  })
})

const PINNED_HASHES = [
  '4d16d5ca740f90bc790f57ef0aebe73b88ed7a3dd6e7545121ded170a155813c',
  '21cba67f866e267ff3c47b9b311236998c80e5192b07a135cef0aa8f68dc3ce7',
  '47a322bba23756cae446babe75b8210189948dd732943f489b5ee425c12281b0',
  'eddd9bd980c5c8303287241d10dae232b0c4e06f9894b71cbf5dad0cd45d953d',
  '381d9e2279ea6243a0843fbe2e5c36590008c59c4076cbbd547c96f491099d80',
]
const PINNED_FINGERPRINTS = [
  'c4ad076efa8b0e82819e3216893bcfdd96e02d61b9da160e5e1f0120d36c87ee',
  '36af6e6081d0cf151f3c93f9a265691bfe22405f8fc8e12bf22d8cec03e1c97b',
  'f2854f1ec8751af2336806c181958e98397a0fb13895d9f6cb84862685196fbe',
  'fc918bbb5b2e6d9e8fc695a774470f6eeb8a7f8424e6fa14345112f5f1ad1109',
]
