/**
 * Source text under electron/, renderer/, shared/ and tests/ says the reason itself, or points at the
 * repo's own docs (docs/architecture.md, docs/deployment.md, docs/audit.md, README.md): never at
 * an issue number or a design document outside the repository, since a newcomer has neither.
 *
 * Every line of a source file is read, not only its comments: a lint message or a test title
 * that cites "issue 8" is just as unfollowable.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve, sep } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '../../..')
const SCANNED = ['electron', 'renderer', 'shared', 'tests']
/** This file, whose examples of the forbidden spellings are the point of its first test. */
const SELF = 'tests/unit/build/no-outside-pointers.test.ts'
const SOURCE = /\.(?:ts|vue|css|mjs|cjs|js|html)$/

/**
 * Folders and files still being restructured, whose own pointers go with that work. Temporary:
 * remove each entry once its folder is clean (an entry that no longer hides anything fails the
 * last test below, so the list cannot go stale).
 */
const NOT_YET_CLEAN: string[] = []

/** "issue 8", "Issue 4", "issues #12", "../shared/design", and the team's design documents. */
const OUTSIDE_POINTER =
  /\b[Ii]ssues? #?\d|shared\/design\b|\b(?:ARCHITECTURE|DOMAIN|UX|RELIABILITY-SECURITY|STYLE)\.md\b/

interface Hit {
  file: string
  line: number
  text: string
}

function sourceFiles(): string[] {
  return SCANNED.flatMap((top) =>
    readdirSync(join(ROOT, top), { recursive: true })
      .map((file) => `${top}/${String(file).split(sep).join('/')}`)
      .filter((file) => SOURCE.test(file) && file !== SELF),
  )
}

function pointersIn(file: string): Hit[] {
  return readFileSync(join(ROOT, file), 'utf8')
    .split('\n')
    .flatMap((text, i) => (OUTSIDE_POINTER.test(text) ? [{ file, line: i + 1, text }] : []))
}

const allowListed = (file: string) => NOT_YET_CLEAN.some((entry) => file.startsWith(entry))

describe('pointers a newcomer cannot follow', () => {
  it('the pattern catches the spellings used and spares the repo docs', () => {
    for (const text of [
      ' * Identity (issue 4): choose a way in',
      '// Issue 8: what arrived',
      '/* Fund services (issues #6 and 7) */',
      ' * (RELIABILITY-SECURITY.md promise 5)',
      '<!-- see ../shared/design/UX.md "Input" -->',
      "'shared/ is pure (STYLE.md practice 2).'",
      ' * (DOMAIN.md, "Masking")',
      ' * (ARCHITECTURE.md, Devices)',
    ]) {
      expect(OUTSIDE_POINTER.test(text), text).toBe(true)
    }
    for (const text of [
      ' * (docs/architecture.md, "Layers")',
      ' * [audit.md](docs/audit.md), README.md',
      'status.issues.map((i) => i.code)',
      "'3 issues stayed'",
      'const issue = info.status.issues.find((i) => i.code === x)',
    ]) {
      expect(OUTSIDE_POINTER.test(text), text).toBe(false)
    }
  })

  it('no source file under electron/, renderer/, shared/ or tests/ cites an issue or an outside document', () => {
    const hits = sourceFiles()
      .filter((file) => !allowListed(file))
      .flatMap(pointersIn)
      .map((hit) => `${hit.file}:${hit.line}: ${hit.text.trim()}`)
    expect(hits).toEqual([])
  })

  it('each allow-list entry still hides a pointer (remove it once its folder is clean)', () => {
    const files = sourceFiles()
    for (const entry of NOT_YET_CLEAN) {
      const hidden = files.filter((file) => file.startsWith(entry)).flatMap(pointersIn)
      expect(hidden.length, `${entry} is clean: remove it from NOT_YET_CLEAN`).toBeGreaterThan(0)
    }
  })
})
