import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ISSUE_CODES } from '../../../../shared/api/methods/terminal'
import { DEVICE_DETAIL_CODES } from '../../../../shared/devices'

/** Every `.ts` file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  )
}

describe('issue codes', () => {
  it('every code the core raises is in ISSUE_CODES (so staff read it in words)', () => {
    const raised = new Set<string>()
    for (const file of sources('electron')) {
      const text = readFileSync(file, 'utf8')
      for (const m of text.matchAll(/(?:addIssue|onFailure|issues\.push|report)\(\s*'([A-Z_]+)'/g))
        raised.add(m[1]!)
    }
    // The store's own issue codes reach the status as they are.
    const store = readFileSync('electron/core/store/store-types.ts', 'utf8')
    const union = store.match(
      /export interface StoreIssue \{\s*code:(.*?)\n\s*detail: string/s,
    )![1]!
    for (const m of union.matchAll(/'([A-Z_]+)'/g)) raised.add(m[1]!)
    expect(raised.size).toBeGreaterThan(10)
    expect(
      [...raised].filter((code) => !(ISSUE_CODES as readonly string[]).includes(code)),
    ).toEqual([])
  })
})

describe('device details', () => {
  it('every detail the core writes itself is a code staff read in words', () => {
    const written = new Set<string>()
    for (const file of sources('electron/core')) {
      const text = readFileSync(file, 'utf8')
      // The detail: the fifth argument of makeStatus / deviceStatus, the third of cell.set.
      const arg = String.raw`\s*(?:[^,()]|\([^()]*\))+,`
      const detail = String.raw`\s*'([^']*)',?\s*\)`
      const calls = [
        new RegExp(String.raw`(?:makeStatus|deviceStatus)\(` + arg.repeat(4) + detail, 'g'),
        new RegExp(String.raw`cell\.set\(` + arg.repeat(2) + detail, 'g'),
      ]
      for (const call of calls) for (const m of text.matchAll(call)) written.add(m[1]!)
    }
    expect([...written].length).toBeGreaterThanOrEqual(5)
    // A driver's own words name the driver first ("escpos: …", "simulated: …").
    const own = (d: string) => !/^[a-z]+: /.test(d)
    expect(
      [...written].filter((d) => own(d) && !(DEVICE_DETAIL_CODES as readonly string[]).includes(d)),
    ).toEqual([])
  })
})
